"""说明↔表: printed claims recomputed from the tables (general_budget total 98.00, 上年 80.00,
年初预算 90.00; 本年支出合计 158.00; 三公 决算 9.00, 预算 10.00, 上年 10.00)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from checks_fragments import disclosure

from juesuan.checks import check

D = Decimal


def findings(claims: str, rule_id: str, *fields: str, **blocks: str):
    report = check(disclosure(claims=claims, **blocks))
    return [f.flat(*(fields or ("rule_id", "severity", "section"))) for f in report.by_rule(rule_id)]


@pytest.mark.rule("N-001", "fails")
def test_amounts__narrative_figure_differs_from_table():
    claims = """[{item: general_budget.total.total, measure: amount, value: "98.10", text: "98.10", section: 五(一)}]"""
    assert findings(claims, "N-001", "rule_id", "severity", "section", "expected", "actual") == [
        ("N-001", "错误", "五(一)", D("98.00"), D("98.10"))]


@pytest.mark.rule("N-001", "passes")
def test_amounts__fewer_printed_decimals_get_their_own_tolerance():
    claims = """[{item: three_public.final.vehicle_total, measure: amount, value: "7.5", text: "7.5"},
                 {item: general_budget.total.total, measure: amount, value: "98", text: "98"},
                 {item: general_budget.total.total, measure: amount, value: "90", text: "90", base: initial_budget}]"""
    assert findings(claims, "N-001") == []


def test_amounts__initial_budget_claim_is_compared_with_the_budget():
    claims = """[{item: general_budget.total.total, measure: amount, value: "98", text: "98", base: initial_budget}]"""
    assert findings(claims, "N-001", "expected") == [(D("90.00"),)]


@pytest.mark.rule("N-002", "fails")
def test_shares__wrong_denominator_is_named():
    # 9.00 / 98.00 = 9.18 % of 公开05 合计 — printed as if of 三公 it would be 100; here 5.70 % = 9/158
    claims = """[{item: three_public.final.total, measure: share, value: "9.18", text: "9.18",
                  base: expenditure.total.total, section: 七}]"""
    found = check(disclosure(claims=claims)).by_rule("N-002")
    assert [f.flat("rule_id", "severity", "expected", "actual") for f in found] == [
        ("N-002", "错误", D("5.70"), D("9.18"))]
    assert "公开05表" in found[0].suggestion


@pytest.mark.rule("N-002", "passes")
def test_shares__printed_without_decimals():
    claims = """[{item: general_budget.total.total, measure: share, value: "62", text: "62 %",
                  base: expenditure.total.total}]"""
    assert findings(claims, "N-002") == []


def test_shares__one_cent_off_is_a_merged_rounding_hint():
    claims = """[{item: general_budget.total.total, measure: share, value: "62.02", text: "62.02",
                  base: expenditure.total.total}]"""
    report = check(disclosure(claims=claims))
    assert report.by_rule("N-002") == []
    assert [f.flat("rule_id", "severity", "table") for f in report.by_rule("R-001")] == [("R-001", "提示", "情况说明")]


@pytest.mark.rule("N-003", "fails")
def test_change_amounts__wrong_difference():
    claims = """[{item: general_budget.total.total, measure: change_amount, value: "17", text: "17",
                  base: prior_year, direction: 增加, reason: 人员增加。}]"""
    assert findings(claims, "N-003", "expected", "actual") == [(D("18.00"), D("17"))]


@pytest.mark.rule("N-003", "passes")
@pytest.mark.rule("N-004", "passes")
@pytest.mark.rule("N-006", "passes")
def test_changes__consistent_claims():
    claims = """[{item: general_budget.total.total, measure: change_amount, value: "18", text: "18",
                  base: prior_year, direction: 增加, reason: 人员增加。},
                 {item: general_budget.total.total, measure: change_rate, value: "22.5", text: "22.5",
                  base: prior_year, direction: 增长, reason: 人员增加。}]"""
    assert findings(claims, "N-003") + findings(claims, "N-004") + findings(claims, "N-006") == []


@pytest.mark.rule("N-004", "fails")
def test_change_rates__rate_of_the_wrong_base():
    # 18 / 98 = 18.37 % (divided by this year instead of 上年 80 → 22.50 %)
    claims = """[{item: general_budget.total.total, measure: change_rate, value: "18.37", text: "18.37",
                  base: prior_year, direction: 增长}]"""
    assert findings(claims, "N-004", "expected", "actual") == [(D("22.50"), D("18.37"))]


@pytest.mark.rule("N-005", "fails")
def test_budget_rates__variance_rate_differs():
    claims = """[{item: general_budget.total.total, measure: budget_variance_rate, value: "8", text: "8",
                  base: initial_budget}]"""
    assert findings(claims, "N-005", "expected", "actual") == [(D("9"), D("8"))]


@pytest.mark.rule("N-005", "passes")
def test_budget_rates__completion_rate_of_the_three_public_budget():
    claims = """[{item: three_public.final.total, measure: completion_rate, value: "90", text: "90%",
                  base: full_year_budget}]"""
    assert findings(claims, "N-005") == []


@pytest.mark.rule("N-006", "fails")
def test_directions__decrease_written_as_increase():
    claims = """[{item: three_public.final.total, measure: change_amount, value: "1", text: "1",
                  base: prior_year, direction: 增加, reason: 厉行节约。}]"""
    assert findings(claims, "N-006", "severity", "expected", "actual") == [("错误", "减少", "增加")]


def test_directions__no_change_written_as_increase_is_a_warning():
    claims = """[{item: three_public.final.overseas, measure: change_amount, value: "0", text: "0",
                  base: prior_year, direction: 增加}]"""
    blocks = {"comparisons": "{three_public.final.overseas: {prior_year: 0}}"}
    assert findings(claims, "N-006", "severity", "expected", **blocks) == [("警告", "持平")]


def test_directions__increase_on_figures_printed_equal_is_a_warning():
    # 上年 9.00 printed like this year's 9.00: the exact figures may still differ (by under 0.01).
    claims = """[{item: three_public.final.total, measure: change_rate, value: "0.05", text: "0.05",
                  base: prior_year, direction: 增长}]"""
    blocks = {"comparisons": "{three_public.final.total: {prior_year: 9.00}}"}
    assert findings(claims, "N-006", "severity", "expected", **blocks) == [("警告", "持平")]


@pytest.mark.rule("N-007", "fails")
def test_zero_bases__completion_rate_on_a_zero_budget():
    claims = """[{item: three_public.final.overseas, measure: completion_rate, value: "0", text: "0%",
                  base: full_year_budget, section: 七}]"""
    assert findings(claims, "N-007") == [("N-007", "提示", "七")]  # budget and spending both 0: a convention


@pytest.mark.rule("N-007", "fails")
def test_zero_bases__completion_rate_of_spending_without_a_budget_is_a_warning():
    claims = """[{item: three_public.final.reception, measure: completion_rate, value: "100", text: "100%",
                  base: full_year_budget, section: 七}]"""
    blocks = {"comparisons": "{three_public.final.reception: {full_year_budget: 0}}"}
    assert findings(claims, "N-007", **blocks) == [("N-007", "警告", "七")]


@pytest.mark.rule("N-007", "passes")
def test_zero_bases__rates_on_non_zero_bases():
    claims = """[{item: three_public.final.total, measure: completion_rate, value: "90", text: "90",
                  base: full_year_budget}]"""
    assert findings(claims, "N-007") == []


def test_zero_bases__hundred_percent_growth_from_nothing_is_a_hint():
    claims = """[{item: general_budget.2010102.total, measure: change_rate, value: "100", text: "100",
                  base: prior_year, direction: 增长}]"""
    blocks = {"comparisons": "{general_budget.2010102.total: {prior_year: 0, reason: 新增项目。}}"}
    assert findings(claims, "N-007", "severity", **blocks) == [("提示",)]


@pytest.mark.rule("N-008", "fails")
def test_units__wan_yuan_figure_labelled_yuan():
    claims = """[{item: three_public.final.reception, measure: amount, value: "1.5", text: "1.5", unit: 元}]"""
    assert findings(claims, "N-008", "expected", "actual") == [("万元", "元")]


@pytest.mark.rule("N-008", "passes")
def test_units__yuan_figure_converted_correctly():
    claims = """[{item: three_public.final.reception, measure: amount, value: "15000", text: "15000", unit: 元}]"""
    assert findings(claims, "N-008") == [] and findings(claims, "N-001") == []


@pytest.mark.rule("N-009", "fails")
def test_subject_names__款_name_differs_from_the_table():
    narrative = """{"五(三)": "1. 一般公共服务支出（类）人大事物（款）行政运行（项）：支出决算数为 40 万元。"}"""
    report = check(disclosure(narrative=narrative))
    assert [f.flat("rule_id", "severity", "expected", "actual") for f in report.by_rule("N-009")] == [
        ("N-009", "警告", "人大事务", "人大事物")]


@pytest.mark.rule("N-009", "passes")
def test_subject_names__names_as_in_the_table():
    narrative = """{"五(三)": "1. 一般公共服务支出（类）人大事务（款）行政运行（项）：支出决算数为 40 万元。2290402 其他地方自行试点项目收益专项债券收入安排的支出 50 万元。"}"""
    assert check(disclosure(narrative=narrative)).by_rule("N-009") == []


@pytest.mark.rule("N-010", "passes")
@pytest.mark.rule("N-011", "passes")
def test_matters__procurement_and_vehicles_add_up():
    report = check(disclosure())
    assert report.by_rule("N-010") + report.by_rule("N-011") == []


PROJECT = """{name: 示例项目, funds: {total: {initial_budget: 5.00, full_year_budget: 6.00, execution: 6.00}}}"""


@pytest.mark.rule("N-012", "fails")
def test_performance_totals__paragraph_differs_from_the_forms():
    d = disclosure(performance=f"""{{summary: {{project_count: 2, budget_total: 6.00, execution_total: 7.00}},
                                     projects: [{PROJECT}]}}""")
    assert [f.flat("rule_id", "message") for f in check(d).by_rule("N-012")] == [
        ("N-012", "说明称评价项目 2 个，所附自评表 1 张"),
        ("N-012", "说明中全年执行数合计 7.00 与自评表全年执行数之和 6.00 不一致")]


@pytest.mark.rule("N-012", "passes")
def test_performance_totals__paragraph_matches_the_forms():
    d = disclosure(performance=f"""{{summary: {{project_count: 1, budget_total: 6.00, execution_total: 6.00}},
                                     projects: [{PROJECT}]}}""")
    assert check(d).by_rule("N-012") == []


RECEPTIONS = """{reception_batches: 2, reception_people: 12, overseas_groups: 0, overseas_people: 0,
                 vehicles_purchased: 0, vehicles_held: 2, receptions: [
                   {description: 接待考察组, people: 7, amount_yuan: 9000},
                   {description: 接待调研组, people: %d, amount_yuan: %d}]}"""


@pytest.mark.rule("N-013", "fails")
def test_receptions__itemised_amounts_and_people_differ():
    d = disclosure(three_public_details=RECEPTIONS % (4, 5000))
    assert [f.flat("rule_id", "expected", "actual") for f in check(d).by_rule("N-013")] == [
        ("N-013", D("1.50"), D("1.4")), ("N-013", D("12"), D("11"))]


@pytest.mark.rule("N-013", "passes")
def test_receptions__itemised_amounts_add_up_to_table_07():
    assert check(disclosure(three_public_details=RECEPTIONS % (5, 6000))).by_rule("N-013") == []


@pytest.mark.rule("N-014", "fails")
def test_flat_with_change_reason__持平_explained_by_a_decrease():
    claims = """[{item: three_public.final.total, measure: change_amount, value: "0", direction: 持平,
                  reason: 合同支付进度等原因减少支付, section: 四}]"""
    assert findings(claims, "N-014") == [("N-014", "警告", "四")]


@pytest.mark.rule("N-014", "passes")
def test_flat_with_change_reason__持平_without_a_reason():
    claims = """[{item: three_public.final.total, measure: change_amount, value: "0", direction: 持平,
                  reason: 本年度和上年度均无此项支出}]"""
    assert findings(claims, "N-014") == []


@pytest.mark.parametrize("printed, outcome", [("61.22", None), ("61.23", "R-001"), ("61.21", "N-002"),
                                              ("61.24", "N-002")])
def test_shares__judged_by_the_exact_envelope(printed, outcome):
    # 201 60.00 of 98.00: the exact share lies in (59.995/98.005, 60.005/97.995) = (61.216…, 61.232…) %,
    # so 61.23 % is a 尾差 and 61.21 % / 61.24 % cannot come from any exact figures (错误).
    claims = f"""[{{item: general_budget.201.total, measure: share, value: "{printed}", text: "{printed}%",
                   base: general_budget.total.total}}]"""
    report = check(disclosure(claims=claims))
    found = [f.rule_id for f in report.findings if f.rule_id in ("N-002", "R-001") and (
        f.rule_id == "N-002" or "general_budget.201.total" in f.items())]
    assert found == ([outcome] if outcome else [])
    assert all(f.severity == "错误" for f in report.by_rule("N-002"))
