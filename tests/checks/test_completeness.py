"""完整性 and writing rules: tables present, required matters, reasons, template text, names."""

from __future__ import annotations

import pytest
from checks_fragments import disclosure

from juesuan.checks import check


def flat(d, rule_id, *fields):
    return [f.flat(*(fields or ("rule_id", "severity"))) for f in check(d).by_rule(rule_id)]


@pytest.mark.rule("C-001", "fails")
def test_tables_present__blank_table_without_a_note():
    d = disclosure(tables={"state_capital": "{}"})
    assert flat(d, "C-001", "rule_id", "severity", "table") == [("C-001", "警告", "state_capital")]


def test_tables_present__empty_table_needs_its_note():
    d = disclosure(tables={"state_capital": "{empty: true}"})
    assert flat(d, "C-001", "table") == [("state_capital",)]


@pytest.mark.rule("C-001", "passes")
@pytest.mark.rule("C-002", "passes")
@pytest.mark.rule("C-003", "passes")
@pytest.mark.rule("C-004", "passes")
@pytest.mark.rule("C-005", "passes")
@pytest.mark.rule("C-006", "passes")
@pytest.mark.rule("C-010", "passes")
def test_completeness__complete_disclosure_is_silent():
    report = check(disclosure())
    assert [f.rule_id for f in report.findings if f.rule_id.startswith("C-")] == []


@pytest.mark.rule("C-002", "fails")
def test_three_public_details__reception_counts_missing():
    d = disclosure(three_public_details="{overseas_groups: 0, overseas_people: 0, vehicles_purchased: 0, vehicles_held: 2}")
    assert [m for *_, m in [f.flat("rule_id", "message") for f in check(d).by_rule("C-002")]] == [
        "“三公”经费支出决算情况说明缺少国内公务接待批次和人次"]


@pytest.mark.rule("C-003", "fails")
def test_procurement__sme_amount_missing():
    d = disclosure(procurement="{total: 12.00, goods: 5.00, services: 7.00}")
    assert flat(d, "C-003", "rule_id", "message") == [("C-003", "政府采购情况缺少授予中小企业合同金额")]


@pytest.mark.rule("C-004", "fails")
def test_operating_costs__amount_missing():
    assert flat(disclosure(operating_costs="{}"), "C-004") == [("C-004", "警告")]


@pytest.mark.rule("C-005", "fails")
def test_assets__equipment_count_missing():
    d = disclosure(assets="{vehicles: 2, vehicles_by_category: {other: 2}}")
    assert flat(d, "C-005", "message") == [("国有资产占用情况缺少单价100万元（含）以上设备数",)]


@pytest.mark.rule("C-006", "fails")
def test_performance__section_missing():
    assert flat(disclosure(performance="{}"), "C-006") == [("C-006", "警告")]


@pytest.mark.rule("C-010", "fails")
def test_fund_tables_not_empty__table_08_marked_empty_with_fund_spending():
    d = disclosure(tables={"government_fund": "{empty: true, empty_note: 无数据。}"})
    assert flat(d, "C-010", "rule_id", "severity", "table") == [("C-010", "错误", "government_fund")]


@pytest.mark.rule("C-007", "fails")
def test_reasons__large_change_without_a_reason():
    d = disclosure(comparisons="{general_budget.total.total: {prior_year: 80.00}}",
                   claims="""[{item: general_budget.total.total, measure: change_rate, value: "22.5", text: "22.5",
                               base: prior_year, direction: 增长, section: 五(一)}]""")
    assert flat(d, "C-007", "rule_id", "section") == [("C-007", "五(一)")]


@pytest.mark.rule("C-007", "passes")
def test_reasons__small_change_or_reason_given():
    small = disclosure(comparisons="{general_budget.total.total: {prior_year: 95.00}}",
                       claims="""[{item: general_budget.total.total, measure: change_amount, value: "3", text: "3",
                                   base: prior_year, direction: 增加}]""")
    reasoned = disclosure(claims="""[{item: general_budget.total.total, measure: change_amount, value: "18",
                                      text: "18", base: prior_year, direction: 增加}]""")
    assert flat(small, "C-007") + flat(reasoned, "C-007") == []


@pytest.mark.rule("C-007", "fails")
@pytest.mark.rule("C-007", "passes")
def test_reasons__prior_not_known__the_sentence_s_own_change_decides():
    """A read document prints no 上年数: the sentence's own change decides whether it reaches the
    threshold — 增加18 over a 决算 of 98.00 is 22.5 % of 80.00 (a reason is due); 增加3 is 3.16 %
    of 95.00 (none is); where the 决算数 is not known either, the size is unknown, not judged."""
    no_prior = "{general_budget.total.total: {initial_budget: 90.00}}"
    change = """[{{item: general_budget.total.total, measure: change_amount, value: "{0}", text: "{0}",
                   base: prior_year, direction: 增加, section: 五(一)}}]"""
    large = disclosure(comparisons=no_prior, claims=change.format(18))
    small = disclosure(comparisons=no_prior, claims=change.format(3))
    # a row the tables do not hold: its 决算数 unknown, so is the rate of its change
    unknown = disclosure(comparisons=no_prior, claims=change.format(18).replace("general_budget.total.total",
                                                                                  "general_budget.299.total"))
    assert flat(large, "C-007", "rule_id", "section") == [("C-007", "五(一)")]
    assert flat(small, "C-007") + flat(unknown, "C-007") == []


@pytest.mark.rule("C-008", "fails")
@pytest.mark.parametrize("text", [
    "XX局2022年度收入总计160万元。", "比上年下降（增长）5%。", "主要原因是。", "【请补充主要职能】",
])
def test_template_leftovers__found_in_narrative(text):
    d = disclosure(narrative=f'{{"一": "{text}"}}')
    assert flat(d, "C-008", "rule_id", "severity", "section") == [("C-008", "错误", "情况说明 一")]


@pytest.mark.rule("C-008", "passes")
def test_template_leftovers__filled_text():
    d = disclosure(narrative='{"一": "示例市示例局2022年度收入总计160万元，主要原因是：人员增加。"}')
    assert flat(d, "C-008") == []


@pytest.mark.rule("C-009", "fails")
def test_department_names__another_name_in_the_text():
    d = disclosure(narrative='{"十(一)": "示例市示范局（行政单位）机关运行经费支出 20 万元。"}')
    assert flat(d, "C-009", "rule_id", "expected", "actual") == [("C-009", "示例市示例局", "示例市示范局")]


@pytest.mark.rule("C-009", "passes")
def test_department_names__same_name_with_scope():
    d = disclosure(narrative='{"十(一)": "示例市示例局（本级）机关运行经费支出 20 万元，由示例市人民政府办公室转拨。"}')
    assert flat(d, "C-009") == []


def test_template_leftovers__found_in_an_empty_table_note():
    d = disclosure(tables={"state_capital": "{empty: true, empty_note: 说明：上海市XX局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。}"})
    assert flat(d, "C-008", "rule_id", "section") == [("C-008", "公开09表注")]
