"""N-109: a change printed beside 持平/等于 contradicts the word, judged without tables; N-006 judges
the word where the tables give the direction (one finding per defect)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check

EXAMPLE = Path(__file__).parents[2] / "examples" / "urumqi-iit-2022.yaml"


def _flat_claim(keep_comparison: bool):
    d = fileformat.load(EXAMPLE)
    index, claim = next((i, c) for i, c in enumerate(d.claims) if c.measure == "change_amount" and c.value)
    claims = list(d.claims)
    claims[index] = claim.model_copy(update={"direction": "持平"})
    comparisons = dict(d.comparisons)
    if not keep_comparison:
        comparisons.pop(claim.item)
    return d.model_copy(update={"claims": tuple(claims), "comparisons": comparisons}), claim


def _rules(report, item):
    return {(f.rule_id, f.severity) for f in report.findings if item in f.items()}


@pytest.mark.rule("N-109", "fails")
def test_flat_word_with_a_printed_change_and_no_prior_year_is_a_warning():
    d, claim = _flat_claim(keep_comparison=False)
    found = check(d).by_rule("N-109")
    assert [(f.severity, f.actual) for f in found] == [("警告", claim.value)]
    assert "持平" in found[0].message and str(claim.value) in found[0].message


def test_flat_word_against_the_tables_is_left_to_n006():
    d, claim = _flat_claim(keep_comparison=True)
    report = check(d)
    assert report.by_rule("N-109") == []
    assert any(f.rule_id == "N-006" for f in report.findings if claim.item in f.items())


@pytest.mark.rule("N-109", "passes")
def test_unchanged_example_is_silent():
    assert check(fileformat.load(EXAMPLE)).by_rule("N-109") == []
