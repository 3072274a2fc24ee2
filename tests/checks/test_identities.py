"""表内/表间 identities: each breaks on one changed cell and holds on the balanced disclosure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.checks import check
from juesuan.checks.identities import compile_expr, evaluate, Resolver
from juesuan.model import lookup, replace_value

from checks_fragments import disclosure

BASE = disclosure()
D = Decimal

# (rule id, cell changed, new value, item the 错误 is located at)
RULE_FAILS = [
    ("T01-001", "summary.income.grand_total", "166.00", "summary.income.grand_total"),
    ("T01-002", "summary.expenditure.closing_balance", "8.00", "summary.expenditure.grand_total"),
    ("T01-003", "summary.expenditure.grand_total", "164.00", "summary.income.grand_total"),
    ("T01-004", "summary.income.other", "11.00", "summary.income.total"),
    ("T01-005", "summary.expenditure.208", "39.00", "summary.expenditure.total"),
    ("T02-001", "income.229.fiscal_appropriation", "51.00", "income.229.total"),
    ("T02-002", "income.208.total", "39.00", "income.total.total"),
    ("T03-001", "expenditure.2010102.project", "31.00", "expenditure.2010102.total"),
    ("T03-002", "expenditure.229.project", "51.00", "expenditure.total.project"),
    ("T03-003", "expenditure.2080501.basic", "37.00", "expenditure.20805.basic"),
    ("T04-001", "fiscal_summary.income.opening_balance.total", "6.00", "fiscal_summary.income.grand_total"),
    ("T04-002", "fiscal_summary.income.government_fund", "51.00", "fiscal_summary.income.total"),
    ("T04-003", "fiscal_summary.income.opening_balance.general_budget", "4.00",
     "fiscal_summary.income.opening_balance.total"),
    ("T04-004", "fiscal_summary.expenditure.208.general_budget", "37.00", "fiscal_summary.expenditure.208.total"),
    ("T04-005", "fiscal_summary.expenditure.229.total", "49.00", "fiscal_summary.expenditure.total.total"),
    ("T04-006", "fiscal_summary.expenditure.closing_balance.general_budget", "8.00",
     "fiscal_summary.expenditure.closing_balance.total"),
    ("T04-007", "fiscal_summary.expenditure.grand_total.government_fund", "51.00",
     "fiscal_summary.expenditure.grand_total.government_fund"),
    ("T04-008", "fiscal_summary.expenditure.grand_total.total", "156.00", "fiscal_summary.income.grand_total"),
    ("T04-009", "fiscal_summary.expenditure.total.general_budget", "99.00",
     "fiscal_summary.income.opening_balance.general_budget"),
    ("T05-001", "general_budget.2010101.basic", "41.00", "general_budget.2010101.total"),
    ("T05-002", "general_budget.208.basic", "39.00", "general_budget.total.basic"),
    ("T05-003", "general_budget.2010102.total", "21.00", "general_budget.20101.total"),
    ("T06-001", "basic_expenditure.30102.amount", "21.00", "basic_expenditure.301.amount"),
    ("T06-002", "basic_expenditure.personnel_total", "59.00", "basic_expenditure.personnel_total"),
    ("T06-003", "basic_expenditure.public_total", "21.00", "basic_expenditure.public_total"),
    ("T07-001", "three_public.final.reception", "1.60", "three_public.final.total"),
    ("T07-002", "three_public.budget.vehicle_operation", "7.00", "three_public.budget.vehicle_total"),
    ("T08-001", "government_fund.2290402.closing_balance", "1.00", "government_fund.2290402.opening_balance"),
    ("T08-002", "government_fund.229.basic", "1.00", "government_fund.229.expenditure"),
    ("T08-003", "government_fund.229.income", "49.00", "government_fund.total.income"),
    ("T08-004", "government_fund.2290402.income", "49.00", "government_fund.22904.income"),
    ("X-001", "income.total.total", "161.00", "income.total.total"),
    ("X-002", "summary.income.general_budget", "101.00", "income.total.fiscal_appropriation"),
    ("X-003", "summary.income.other", "9.00", "income.total.other"),
    ("X-004", "expenditure.total.total", "157.00", "expenditure.total.total"),
    ("X-005", "fiscal_summary.income.general_budget", "99.00", "fiscal_summary.income.general_budget"),
    ("X-006", "fiscal_summary.income.total", "149.00", "fiscal_summary.income.total"),
    ("X-007", "general_budget.total.total", "97.00", "fiscal_summary.expenditure.total.general_budget"),
    ("X-008", "government_fund.total.expenditure", "49.00", "fiscal_summary.expenditure.total.government_fund"),
    ("X-010", "general_budget.total.basic", "77.00", "general_budget.total.basic"),
    ("X-011", "government_fund.total.income", "49.00", "government_fund.total.income"),
    ("X-013", "government_fund.total.opening_balance", "1.00", "government_fund.total.opening_balance"),
    ("X-014", "government_fund.total.closing_balance", "1.00", "government_fund.total.closing_balance"),
    ("X-020", "summary.expenditure.201", "71.00", "summary.expenditure.201"),
    ("X-021", "general_budget.208.total", "37.00", "fiscal_summary.expenditure.208.general_budget"),
    ("X-022", "government_fund.229.expenditure", "49.00", "fiscal_summary.expenditure.229.government_fund"),
    ("N-010", "procurement.goods", "6.00", "procurement.total"),
    # 公开09 is an explained empty table in BASE: filling one cell breaks its identities.
    ("T09-001", "state_capital.total.closing_balance", "1.00", "state_capital.total.opening_balance"),
    ("T09-002", "state_capital.total.basic", "1.00", "state_capital.total.expenditure"),
    ("T09-003", "state_capital.total.income", "1.00", "state_capital.total.income"),
    ("X-009", "state_capital.total.expenditure", "1.00", "fiscal_summary.expenditure.total.state_capital"),
    ("X-012", "state_capital.total.income", "1.00", "state_capital.total.income"),
]


def _errors(d, rule_id):
    """The rule's findings, or the one finding of a defect that breaks it (``related_rules``):
    a changed cell that breaks several identities is reported once (checks/defects.py)."""
    return [f for f in check(d).findings
            if f.rule_id == rule_id or any(r.split(" ", 1)[0] == rule_id for r in f.related_rules)]


@pytest.mark.parametrize("rule_id, path, value, located", [
    pytest.param(*case, marks=pytest.mark.rule(case[0], "fails"), id=case[0]) for case in RULE_FAILS
])
def test_identity__one_changed_cell_is_an_error(rule_id, path, value, located):
    broken = replace_value(BASE, path, D(value))
    found = _errors(broken, rule_id)
    assert [f.severity for f in found][:1] == ["错误"]
    assert any(located in f.items() for f in found)
    assert any(path in f.items() for f in found)


RULE_PASSES = [
    "T01-001", "T01-002", "T01-003", "T01-004", "T01-005", "T02-001", "T02-002", "T03-001", "T03-002", "T03-003",
    "T04-001", "T04-002", "T04-003", "T04-004", "T04-005", "T04-006", "T04-007", "T04-008", "T04-009", "T05-001",
    "T05-002", "T05-003", "T06-001", "T06-002", "T06-003", "T07-001", "T07-002", "T08-001", "T08-002", "T08-003",
    "T08-004", "X-001", "X-002", "X-003", "X-004", "X-005", "X-006", "X-007", "X-008", "X-010",
    "X-011", "X-013", "X-014", "X-020", "X-021", "X-022", "N-010", "T09-001", "T09-002", "T09-003",
    "X-009", "X-012", "T09-004", "X-023", "X-024", "N-011",
]


@pytest.mark.parametrize("rule_id", [
    pytest.param(rule_id, marks=pytest.mark.rule(rule_id, "passes"), id=rule_id) for rule_id in RULE_PASSES
])
def test_identity__balanced_disclosure_is_silent(rule_id):
    assert _errors(BASE, rule_id) == []


@pytest.mark.rule("T09-004", "fails")
def test_hierarchy__state_capital_class_differs_from_its_items():
    filled = disclosure(tables={"state_capital": """
      total: {code: 合计, name: 合计, income: 5.00, expenditure: 5.00, project: 5.00}
      rows:
        - {code: "223", name: 国有资本经营预算支出, income: 5.00, expenditure: 5.00, project: 5.00}
        - {code: "22301", name: 解决历史遗留问题及改革成本支出, income: 4.00, expenditure: 4.00, project: 4.00}
    """})
    found = _errors(filled, "T09-004")
    assert {(f.rule_id, f.location.item) for f in found} == {
        ("T09-004", "state_capital.223.income"), ("T09-004", "state_capital.223.expenditure"),
        ("T09-004", "state_capital.223.project")}


@pytest.mark.rule("X-023", "fails")
def test_fiscal_vs_state_capital__class_missing_from_table_09():
    broken = replace_value(BASE, "fiscal_summary.expenditure.229.state_capital", D("3.00"))
    assert [f.flat("rule_id", "severity", "item") for f in _errors(broken, "X-023")] == [
        ("X-023", "错误", "fiscal_summary.expenditure.229.state_capital")]


@pytest.mark.rule("X-024", "fails")
def test_operating_costs__differs_from_public_funds_of_an_administrative_unit():
    broken = replace_value(BASE, "operating_costs.amount", D("25.00"))
    assert [f.flat("rule_id", "severity", "item", "expected", "actual") for f in _errors(broken, "X-024")] == [
        ("X-024", "错误", "operating_costs.amount", D("20.00"), D("25.00"))]


def test_operating_costs__not_required_for_other_public_institutions():
    other = disclosure(operating_costs="{amount: 25.00, unit_kind: 事业单位}")
    assert _errors(other, "X-024") == []


@pytest.mark.rule("N-011", "fails")
def test_vehicles__total_differs_from_categories():
    broken = disclosure(assets="{vehicles: 3, vehicles_by_category: {other: 2}, equipment_over_1m: 0}")
    assert [f.flat("rule_id", "item") for f in _errors(broken, "N-011")] == [("N-011", "assets.vehicles")]


def test_evaluate__sums_over_row_sets_and_children():
    compiled = compile_expr("expenditure.total.basic == sum(expenditure.rows[level=1].basic)")
    left, right, cells = evaluate(compiled, Resolver(BASE))
    assert (left, right) == (D("78.00"), D("78.00"))
    assert [path for path, _ in cells] == ["expenditure.total.basic", "expenditure.201.basic",
                                           "expenditure.208.basic", "expenditure.229.basic"]


def test_compile_expr__rejects_an_expression_without_one_equality():
    with pytest.raises(ValueError):
        compile_expr("summary.income.total + 1")


INCOME_WITH_ITEMS = """
  total: {code: 合计, name: 合计, total: 160.00, fiscal_appropriation: 150.00, other: 10.00}
  rows:
    - {code: "201", name: 一般公共服务支出, total: 70.00, fiscal_appropriation: 60.00, other: 10.00}
    - {code: "20101", name: 人大事务, total: 70.00, fiscal_appropriation: 60.00, other: 10.00}
    - {code: "2010101", name: 行政运行, total: 40.00, fiscal_appropriation: 40.00}
    - {code: "2010102", name: 一般行政管理事务, total: 30.00, fiscal_appropriation: 20.00, other: 10.00}
    - {code: "208", name: 社会保障和就业支出, total: 38.00, fiscal_appropriation: 38.00}
    - {code: "229", name: 其他支出, total: 52.00, fiscal_appropriation: 52.00}
"""


@pytest.mark.rule("T02-003", "passes")
def test_hierarchy__income_items_add_up_to_their_class():
    assert _errors(disclosure(tables={"income": INCOME_WITH_ITEMS}), "T02-003") == []


@pytest.mark.rule("T02-003", "fails")
def test_hierarchy__income_item_changed():
    base = disclosure(tables={"income": INCOME_WITH_ITEMS})
    broken = replace_value(base, "income.2010102.other", D("11.00"))
    # The 项 breaks its row (T02-001) and its 款 (T02-003): reported once, at the cell, with both.
    found = _errors(broken, "T02-003")
    assert [f.flat("rule_id", "severity", "item", "expected", "actual") for f in found] == [
        ("T00-001", "错误", "income.2010102.other", lookup(base, "income.2010102.other"), D("11.00"))]
    assert [r.split(" ", 1)[0] for r in found[0].related_rules] == ["T02-001", "T02-003"]
    assert {"income.20101.other", "income.2010101.other"} <= set(found[0].related)
