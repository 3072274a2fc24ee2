"""编码 against the year's edition, and 跨年 against last year's disclosure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from checks_fragments import disclosure

from juesuan.checks import check
from juesuan.model import replace_value

D = Decimal
BASE = disclosure()


def flat(report, rule_id, *fields):
    return [f.flat(*(fields or ("rule_id", "severity", "item"))) for f in report.by_rule(rule_id)]


@pytest.mark.rule("K-001", "passes")
@pytest.mark.rule("K-002", "passes")
@pytest.mark.rule("K-003", "passes")
def test_codes__edition_codes_and_names():
    report = check(BASE)
    assert [f for f in report.findings if f.rule_id.startswith("K-")] == []


@pytest.mark.rule("K-001", "fails")
def test_known__code_not_in_the_edition():
    d = disclosure(tables={"basic_expenditure": """
      rows:
        - {code: "301", name: 工资福利支出, amount: 58.00}
        - {code: "30198", name: 自编科目, amount: 58.00}
      personnel_total: 58.00"""})
    assert flat(check(d), "K-001") == [("K-001", "警告", "basic_expenditure.30198.amount")]


@pytest.mark.rule("K-002", "fails")
def test_names__name_of_another_subject():
    d = disclosure(tables={"government_fund": """
      total: {code: 合计, name: 合计, income: 50.00, expenditure: 50.00, project: 50.00}
      rows:
        - {code: "229", name: 其他支出, income: 50.00, expenditure: 50.00, project: 50.00}
        - {code: "22904", name: 专项债券支出, income: 50.00, expenditure: 50.00, project: 50.00}"""})
    assert flat(check(d), "K-002", "rule_id", "expected", "actual") == [
        ("K-002", "其他政府性基金及对应专项债务收入安排的支出", "专项债券支出")]


@pytest.mark.rule("K-003", "fails")
def test_levels__item_without_its_parent():
    d = disclosure(tables={"government_fund": """
      total: {code: 合计, name: 合计, income: 50.00, expenditure: 50.00, project: 50.00}
      rows:
        - {code: "229", name: 其他支出, income: 50.00, expenditure: 50.00, project: 50.00}
        - {code: "2290402", name: 其他地方自行试点项目收益专项债券收入安排的支出, income: 50.00, expenditure: 50.00, project: 50.00}"""},
        )
    assert flat(check(d), "K-003", "rule_id", "severity", "item") == [
        ("K-003", "警告", "government_fund.2290402.opening_balance")]


def test_levels__a_款_code_on_a_类_line_of_table_01():
    # The file format rejects it; a reader building the model without validation must not slip it past 审核.
    summary = BASE.tables.summary
    classes = (summary.expenditure.classes[0].model_copy(update={"code": "20101"}),
               *summary.expenditure.classes[1:])
    expenditure = summary.expenditure.model_copy(update={"classes": classes})
    tables = BASE.tables.model_copy(update={"summary": summary.model_copy(update={"expenditure": expenditure})})
    d = BASE.model_copy(update={"tables": tables})
    assert flat(check(d), "K-003", "rule_id", "severity", "item") == [("K-003", "错误", "summary.expenditure.20101")]


def last_year():
    """Last year's disclosure as this year's BASE expects it (closing 5.00, 上年 80.00 and 10.00)."""
    last = disclosure(tables={"fiscal_summary": """
      expenditure: {closing_balance: {total: 5.00, general_budget: 5.00}}"""})
    last = replace_value(replace_value(last, "summary.expenditure.closing_balance", D("5.00")),
                         "general_budget.total.total", D("80.00"))
    return replace_value(last, "three_public.final.total", D("10.00"))


@pytest.mark.rule("Y-001", "fails")
def test_opening_balances__differ_from_last_years_closing():
    last = replace_value(last_year(), "summary.expenditure.closing_balance", D("6.00"))
    assert flat(check(BASE, prev=last), "Y-001", "rule_id", "item", "expected", "actual") == [
        ("Y-001", "summary.income.opening_balance", D("6.00"), D("5.00"))]


@pytest.mark.rule("Y-001", "passes")
@pytest.mark.rule("Y-002", "passes")
def test_crossyear__consistent_with_last_year():
    report = check(BASE, prev=last_year())
    assert flat(report, "Y-001") + flat(report, "Y-002") == []


@pytest.mark.rule("Y-002", "fails")
def test_prior_year_figures__differ_from_last_years_disclosure():
    last = replace_value(last_year(), "general_budget.total.total", D("81.00"))
    assert flat(check(BASE, prev=last), "Y-002", "rule_id", "item", "expected", "actual") == [
        ("Y-002", "general_budget.total.total", D("81.00"), D("80.00"))]


def test_crossyear__without_prev_nothing_is_compared():
    assert flat(check(BASE), "Y-001") + flat(check(BASE), "Y-002") == []
