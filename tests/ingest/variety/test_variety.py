"""Layout variants of the two worked examples, read back through ``juesuan.ingest.read``.

Every expectation is the source Disclosure the variant was written from (``variants.py``);
cells are compared by item path in 万元. A variant the reader does not handle yet is an
``xfail(strict=True)`` with the measured symptom, so an improvement of the reader turns it
into a failure and forces the marker off. ``docs/ingest-variety.md`` has the measured table.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.ingest import read

from .variants import NARRATIVES, VARIANTS, claim_recall, measure, meta_ok

pytest.importorskip("docx")
pytest.importorskip("openpyxl")

# Known gaps: variant name -> measured symptom (strict xfail). Empty at 4b4b136 (2026-11-27 08:00 UTC):
# every variant passes; the symptoms fixed on the way are listed in docs/ingest-variety.md.
CELL_FAILURES: dict[str, str] = {}
SILENT_LOSSES: dict[str, str] = {}
EMPTY_FAILURES: dict[str, str] = {}
META_FAILURES: dict[str, str] = {}
CLAIM_FAILURES: dict[str, str] = {}


def _param(variant, failures):
    marks = [pytest.mark.xfail(reason=failures[variant.name], strict=True)] if variant.name in failures else []
    if variant.fmt == "scan":
        marks.append(pytest.mark.slow)
    return pytest.param(variant, id=variant.name, marks=marks)


@pytest.fixture(scope="session")
def outcome(tmp_path_factory):
    """Write and read each variant once per session: name -> (variant, parsed, report)."""
    cache = {}

    def get(variant):
        if variant.name not in cache:
            directory = tmp_path_factory.mktemp(variant.name)
            parsed, report = read(variant.write(directory))
            cache[variant.name] = (parsed, report)
        return cache[variant.name]

    return get


@pytest.mark.parametrize("variant", [_param(v, CELL_FAILURES) for v in VARIANTS])
def test_read__layout_variant_cells(outcome, variant):
    parsed, report = outcome(variant)
    m = measure(variant.disclosure(), parsed, variant.only)
    if variant.ambiguous:  # blank cells dropped: a reader may leave cells out, never put them elsewhere
        assert (m.found > 0, m.misplaced[:10]) == (True, ())
    else:
        assert (m.recall, m.precision, m.lost[:10], m.misplaced[:10]) == (Decimal(1), Decimal(1), (), ())


@pytest.mark.parametrize("variant", [_param(v, SILENT_LOSSES) for v in VARIANTS])
def test_read__layout_variant_reports_what_it_lost(outcome, variant):
    """Honesty: when cells are lost or misplaced, the report says something (problem or not-understood)."""
    parsed, report = outcome(variant)
    m = measure(variant.disclosure(), parsed, variant.only)
    if m.lost or m.misplaced:
        assert report.problems or report.not_understood, f"{len(m.lost)} cells lost silently"
    else:
        assert report.cells >= m.expected


@pytest.mark.parametrize("variant", [_param(v, EMPTY_FAILURES) for v in VARIANTS
                                     if not v.only and any(getattr(v.disclosure().tables, k).empty
                                                           for k in ("government_fund", "state_capital"))])
def test_read__layout_variant_empty_tables(outcome, variant):
    parsed, _ = outcome(variant)
    m = measure(variant.disclosure(), parsed, variant.only)
    assert m.empty_read == m.empty_expected


@pytest.mark.parametrize("variant", [_param(v, META_FAILURES) for v in VARIANTS])
def test_read__layout_variant_meta(outcome, variant):
    """Department and year; the year only where the layout prints one."""
    parsed, _ = outcome(variant)
    source = variant.disclosure()
    prints_year = not (variant.fmt == "xlsx" and variant.transforms)  # MOF lead lines carry no year
    if prints_year:
        assert meta_ok(source, parsed)
    else:
        assert parsed.meta.department == source.meta.department


@pytest.fixture(scope="session")
def control_claims(outcome):
    return {v.example: claim_recall(v.disclosure(), outcome(v)[0]) for v in NARRATIVES if v.narrative == ()}


@pytest.mark.parametrize("variant", [_param(v, CLAIM_FAILURES) for v in NARRATIVES if v.narrative])
def test_extract_claims__narrative_wording_variant(outcome, control_claims, variant):
    """A wording variant loses no claim that the unchanged composed narrative gives."""
    parsed, _ = outcome(variant)
    assert claim_recall(variant.disclosure(), parsed) == control_claims[variant.example]


@pytest.mark.parametrize("variant", [pytest.param(v, id=v.name) for v in NARRATIVES if v.narrative == ()])
def test_extract_claims__composed_narrative_control(outcome, variant):
    parsed, _ = outcome(variant)
    matched, total = claim_recall(variant.disclosure(), parsed)
    assert matched * 100 >= total * 90  # measured 95/105 (Shanghai), 199/204 (Urumqi)
