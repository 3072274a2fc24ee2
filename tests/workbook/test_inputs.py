"""I-001: each 【请补充…】 the build would print is a finding, located to its sheet and field."""

from __future__ import annotations

import pytest

from juesuan.checks import check
from juesuan.model import Disclosure
from juesuan.narrative import compose, missing_inputs

RULE_FAILS = ["I-001"]
RULE_PASSES = ["I-001"]


def test_tables_only__one_finding_per_placeholder_located(examples):
    example = examples["urumqi-iit-2022"]
    bare = Disclosure(meta=example.meta, tables=example.tables)  # the facts and comparisons left out
    findings = check(bare).by_rule("I-001")
    assert len(findings) == len(missing_inputs(compose(bare))) > 0
    functions = next(f for f in findings if f.location.section == "functions")
    assert functions.location.item == "overview.functions" and "单位概况" in functions.location.text
    prior = next(f for f in findings if f.location.section == "overview_totals")
    assert prior.location.item == "comparisons.summary.income.grand_total.prior_year"
    assert all(f.severity == "警告" for f in findings)


def test_urumqi_example__no_missing_input(examples):
    assert check(examples["urumqi-iit-2022"]).by_rule("I-001") == []


@pytest.mark.parametrize("name", ["urumqi-iit-2022", "shanghai-putuo-czj-2024"])
def test_check_and_build_agree(examples, name):
    """The findings are the build's own placeholders (Shanghai's 上年 财政拨款收入总计 is not printed)."""
    placeholders = missing_inputs(compose(examples[name]))
    findings = check(examples[name]).by_rule("I-001")
    assert [f.actual for f in findings] == [p.placeholder for p in placeholders]


def test_one_fact_removed__exactly_its_sentence_reported(examples):
    example = examples["urumqi-iit-2022"]
    costs = example.operating_costs.model_copy(update={"amount": None})
    findings = check(example.model_copy(update={"operating_costs": costs})).by_rule("I-001")
    assert {f.location.section for f in findings} == {"operating_costs"}
    assert findings[0].location.item == "operating_costs.amount" and "机关运行经费" in findings[0].location.text


def test_a_published_document_read_back_has_no_missing_input_findings():
    """I-001 is for a disclosure being prepared: a printed document is judged on what it prints
    (the reader not capturing a 上年数 is not a missing input; it gave 9 false 警告 on the Shanghai PDF)."""
    from pathlib import Path

    import pytest

    from juesuan.checks import check
    from juesuan.ingest import read

    seed = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_70eff566b52b1af5.txt"
    if not seed.exists():
        pytest.skip("../shared not present")
    disclosure, _ = read(seed)
    assert not [f for f in check(disclosure).findings if f.rule_id == "I-001"]
