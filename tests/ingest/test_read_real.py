"""The two real documents against their worked examples (examples/*.yaml)."""

from collections import Counter
from decimal import Decimal

import yaml

from juesuan import fileformat
from juesuan.model import ProjectEvaluation, iter_table_cells

from .conftest import EXAMPLES, need


def test_read__shanghai_pdf_every_table_cell_equals_example(shanghai):
    disclosure, report = shanghai
    expected = dict(iter_table_cells(fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml"))))
    got = dict(iter_table_cells(disclosure))
    wrong = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v}
    assert wrong == {}
    assert report.tables_found == tuple(k for k in (
        "summary", "income", "expenditure", "fiscal_summary", "general_budget", "basic_expenditure",
        "three_public", "government_fund", "state_capital"))


def test_read__shanghai_pdf_profile_meta_and_empty_tables(shanghai):
    disclosure, report = shanghai
    assert report.profile == "shanghai-2024"
    assert disclosure.meta.year == 2024
    assert disclosure.meta.department == "上海市普陀区财政局"
    assert disclosure.tables.government_fund.empty
    assert "故本表无数据" in disclosure.tables.state_capital.empty_note


def test_read__shanghai_pdf_provenance_locates_cells(shanghai):
    disclosure, _ = shanghai
    source = disclosure.provenance["income.total.total"]
    assert (source.kind, source.page) == ("parsed", 8)
    assert disclosure.provenance["three_public.budget.reception"].page == 18


def test_read__shanghai_pdf_claims_match_example(shanghai):
    disclosure, _ = shanghai
    expected = fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml")).claims
    key = lambda c: (c.item, c.measure, c.value)  # noqa: E731
    matched = sum((Counter(map(key, disclosure.claims)) & Counter(map(key, expected))).values())
    assert matched == len(expected) == 105  # 本年收入合计 of §二 is income.total.total in both examples


def test_extract_claims__seed_claims_match_example(seed):
    disclosure, _ = seed
    expected = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml")).claims
    key = lambda c: (c.item, c.measure, c.value)  # noqa: E731
    matched = sum((Counter(map(key, disclosure.claims)) & Counter(map(key, expected))).values())
    assert matched >= 204  # of 204
    first = disclosure.claims[0]
    assert (first.item, first.value, first.text) == ("summary.income.grand_total", Decimal("45963.78"), "45963.78")


def test_extract_claims__seed_reason_and_direction(seed):
    disclosure, _ = seed
    rate = next(c for c in disclosure.claims if c.item == "general_budget.2060499.total" and c.measure == "change_rate")
    assert (rate.value, rate.direction) == (Decimal("80"), "增长")
    assert rate.reason.startswith("本年度增加")


def test_parse_projects__seed_fourteen_forms(seed):
    disclosure, report = seed
    expected = yaml.load(need(EXAMPLES / "parts" / "urumqi-projects.yaml").read_text(encoding="utf-8"),
                         Loader=fileformat._DecimalLoader)
    expected = [ProjectEvaluation.model_validate(p) for p in expected]
    got = {p.name: p for p in disclosure.performance.projects}
    assert [p.name for p in expected] == [p.name for p in disclosure.performance.projects]
    assert [got[e.name].funds for e in expected] == [e.funds for e in expected]
    assert [got[e.name].execution_score for e in expected] == [e.execution_score for e in expected]
    assert got["原机电老干所运行维护费"].total_score == Decimal("81.30")
    assert report.projects == 14


def test_narrative_facts__seed_fields_filled(seed):
    disclosure, _ = seed
    example = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml"))
    assert disclosure.procurement == example.procurement.model_copy(update={"basis": disclosure.procurement.basis})
    assert disclosure.assets.vehicles_by_category == example.assets.vehicles_by_category
    assert (disclosure.assets.as_of, disclosure.operating_costs.amount) == (example.assets.as_of, Decimal("96.89"))
    assert disclosure.three_public_details.reception_people == 25
    assert disclosure.provenance["procurement.total"].page == 1


def test_narrative_facts__shanghai_budget_comparisons(shanghai):
    disclosure, _ = shanghai
    assert disclosure.comparisons["general_budget.2010601.total"].initial_budget == Decimal("1560.05")
    assert disclosure.performance.summary.average_score == Decimal("99.43")


def test_parse_overview__seed_staffing_departments_functions(seed):
    disclosure, _ = seed
    example = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml")).overview
    got = disclosure.overview
    assert (got.staffing, got.departments, got.functions) == (example.staffing, example.departments, example.functions)


def test_parse_overview__shanghai_functions_paragraphs(shanghai):
    disclosure, _ = shanghai
    example = fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml")).overview.functions
    # Word gaps inside PDF lines are not always printed as spaces: compare without them.
    assert disclosure.overview.functions.replace(" ", "") == example.replace(" ", "")


def test_parse_coded__shanghai_row_names_as_printed(shanghai):
    disclosure, _ = shanghai
    example = fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml")).tables
    for key in ("income", "expenditure", "general_budget", "basic_expenditure"):
        assert [(r.code, r.name) for r in getattr(disclosure.tables, key).rows] == \
            [(r.code, r.name) for r in getattr(example, key).rows], key
    assert [(c.code, c.name) for c in disclosure.tables.summary.expenditure.classes] == \
        [(c.code, c.name) for c in example.summary.expenditure.classes]
