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

# Measured 2026-11-27 against src/juesuan/ingest at 0ed1333 + work in progress.
CELL_FAILURES = {
    "class-names-2018": "公开01/04 类 row 医疗卫生与计划生育支出 (2018 name of 210) not resolved to a code: "
                        "summary.expenditure.210 and fiscal_summary.expenditure.210.* lost (3 cells)",
    "three-public-vertical": "公开07 printed as rows 项目|预算数|决算数: 'expected 12 budget/final columns, found 0', "
                             "all 8 non-zero three_public cells lost",
    "zeros-dash": "'-' zero cells of 公开04 glued to the 类 name ('一般公共服务支出--'), so 7 类 rows of "
                  "fiscal_summary.expenditure are not resolved (14 cells)",
    "codes-bracket-prefix": "'[2010601]行政运行' in the 科目名称 column: code not understood, 公开02/03/05 rows lost "
                            "(124 of 195 cells)",
    "text-collapsed-zeros-printed": "space-joined cells (PDF-viewer copy) are not split into columns: 'cannot find the "
                                    "two sides' in 公开01/04, no cell of any table read, read() returns None",
    "text-collapsed-blank-zeros": "space-joined cells: no cell read at all, not even the unambiguous rows "
                                  "(公开01/04 sides, rows with every column filled); read() returns None",
    "unit-on-title-line": "'收入支出决算总表    单位：万元' on one line: no table title recognised (0/9 tables), "
                          "read() returns None",
}
SILENT_LOSSES = {
    "unit-on-title-line": "0/9 tables found and read() returns None with an empty problems list",
}
NOTHING_READ = "read() returns no Disclosure when no table cell was read (see the cell test)"
EMPTY_FAILURES = {
    "text-collapsed-zeros-printed": NOTHING_READ,
    "text-collapsed-blank-zeros": NOTHING_READ,
    "unit-on-title-line": NOTHING_READ,
    "xlsx-finance-text": "empty-table note under an XLSX sheet's table is not read: 公开08/09 empty flag not set",
    "xlsx-finance-numeric-yuan": "empty-table note under an XLSX sheet's table is not read: 公开09 empty flag not set",
    "xlsx-cumulative-no-blank-col": "empty-table note in an XLSX sheet is not read: 公开08/09 empty flag not set",
    "xlsx-one-sheet": "empty-table note in an XLSX sheet is not read: 公开09 empty flag not set",
    "zeros-printed": "an empty table printed with 0.00 cells and its 无数据 note is not marked empty (公开08/09)",
}
META_FAILURES = {
    "text-collapsed-zeros-printed": NOTHING_READ + "; the cover lines are printed",
    "text-collapsed-blank-zeros": NOTHING_READ + "; the cover lines are printed",
    "unit-on-title-line": NOTHING_READ + "; the cover lines are printed",
    "xlsx-finance-text": "XLSX preamble '编制单位：XX | 2024年度' not used for meta.department/meta.year",
    "xlsx-finance-numeric-yuan": "XLSX preamble '编制部门：XX' not used for meta.department",
    "xlsx-cumulative-no-blank-col": "XLSX preamble '编制单位：XX | 2024年度' not used for meta.department/meta.year",
    "xlsx-one-sheet": "XLSX preamble '编制单位：XX | 2022年度' not used for meta.department/meta.year",
}
CLAIM_FAILURES = {
    "narrative-zengfu-jianfu-zhanbi": "'增幅1.40%' / '减幅1.87%' not read as change_rate (3 claims lost); 占比 is read",
    "narrative-template-leftovers": "'减少（减少）13629.73万元' / '下降（下降）22.87%' template leftovers: "
                                    "change_amount and change_rate claims lost (26 of 199)",
}


def _param(variant, failures):
    marks = [pytest.mark.xfail(reason=failures[variant.name], strict=True)] if variant.name in failures else []
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
    m = measure(variant.disclosure(), parsed)
    if variant.ambiguous:  # blank cells dropped: a reader may leave cells out, never put them elsewhere
        assert (m.found > 0, m.misplaced[:10]) == (True, ())
    else:
        assert (m.recall, m.precision, m.lost[:10], m.misplaced[:10]) == (Decimal(1), Decimal(1), (), ())


@pytest.mark.parametrize("variant", [_param(v, SILENT_LOSSES) for v in VARIANTS])
def test_read__layout_variant_reports_what_it_lost(outcome, variant):
    """Honesty: when cells are lost or misplaced, the report says something (problem or not-understood)."""
    parsed, report = outcome(variant)
    m = measure(variant.disclosure(), parsed)
    if m.lost or m.misplaced:
        assert report.problems or report.not_understood, f"{len(m.lost)} cells lost silently"
    else:
        assert report.cells >= m.expected


@pytest.mark.parametrize("variant", [_param(v, EMPTY_FAILURES) for v in VARIANTS
                                     if any(getattr(v.disclosure().tables, k).empty
                                            for k in ("government_fund", "state_capital"))])
def test_read__layout_variant_empty_tables(outcome, variant):
    parsed, _ = outcome(variant)
    m = measure(variant.disclosure(), parsed)
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
