"""figures.derive: the claims of the 情况说明, checked against the seed's printed figures."""

from __future__ import annotations

from decimal import Decimal

from juesuan.figures import ZeroBasePolicy, derive, expected_for


def test_amount__table_cell(urumqi):
    claim = derive.amount(urumqi, "summary.income.grand_total")
    assert (claim.measure, claim.value, claim.unit) == ("amount", Decimal("45963.78"), "万元")


def test_amount__missing_item_is_none(urumqi):
    assert derive.amount(urumqi, "general_budget.9999999.total") is None


def test_count__vehicles_held(urumqi):
    claim = derive.count(urumqi, "three_public_details.vehicles_held", "辆")
    assert (claim.measure, claim.value, claim.unit) == ("count", Decimal(13), "辆")


def test_share__income_source(urumqi):
    """SEED §二: 财政拨款收入 45519.17 万元，占 99.18%."""
    claim = derive.share(urumqi, "income.total.fiscal_appropriation", "summary.income.total")
    assert (claim.value, claim.base, claim.unit) == (Decimal("99.18"), "summary.income.total", "%")


def test_share__zero_base_is_none(shanghai):
    assert derive.share(shanghai, "three_public.final.reception", "three_public.final.total") is None


def test_change_amount__decrease(urumqi):
    """SEED §一: 收入总计与上年相比，减少 13629.73 万元."""
    claim = derive.change_amount(urumqi, "summary.income.grand_total")
    assert (claim.value, claim.direction, claim.base) == (Decimal("13629.73"), "减少", "prior_year")
    assert claim.reason.startswith("本年度政府性基金项目减少")


def test_change_rate__decrease(urumqi):
    """SEED §一: 下降 22.87%."""
    claim = derive.change_rate(urumqi, "summary.income.grand_total")
    assert (claim.value, claim.direction) == (Decimal("22.87"), "下降")


def test_change_rate__new_item_hundred_percent(urumqi):
    """SEED §五(三)1: 信访事务 5 万元 against 上年 0 → 增长 100% (the seed's convention)."""
    claim = derive.change_rate(urumqi, "general_budget.2010308.total", ZeroBasePolicy.HUNDRED_PERCENT)
    assert (claim.value, claim.direction) == (Decimal("100.00"), "增长")


def test_change_rate__new_item_undefined_is_omitted(urumqi):
    assert derive.change_rate(urumqi, "general_budget.2010308.total", ZeroBasePolicy.UNDEFINED) is None


def test_change_amount__unchanged_is_flat(shanghai):
    """SH-S §七: 2024 “三公” 0.00 against 2023 0.00 → 持平."""
    claim = derive.change_amount(shanghai, "three_public.final.total")
    assert (claim.value, claim.direction) == (Decimal("0.00"), "持平")


def test_budget_variance_rate__fiscal_total(urumqi):
    """SEED §四: 年初预算数 1515.76 万元，决算数 45588.31 万元，预决算差异率 2907.62%."""
    claim = derive.budget_variance_rate(urumqi, "fiscal_summary.income.grand_total")
    assert (claim.value, claim.direction, claim.base) == (Decimal("2907.62"), "大于", "initial_budget")


def test_budget_variance_rate__zero_against_zero_is_zero(urumqi):
    """SEED §七: 因公出国（境）费全年预算数 0 万元，决算数 0 万元，预决算差异率 0%."""
    claim = derive.budget_variance_rate(urumqi, "three_public.final.overseas", "full_year_budget")
    assert (claim.value, claim.direction) == (Decimal("0.00"), "等于")


def test_completion_rate__general_budget(shanghai):
    """SH-S §五(三): 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%."""
    claim = derive.completion_rate(shanghai, "general_budget.total.total")
    assert (claim.value, claim.direction) == (Decimal("98.20"), "小于")


def test_completion_rate__zero_budget_is_none(shanghai):
    """GBC R004: no completion rate on a zero 预算数 (SH-S prints 0% for 因公出国（境）费)."""
    assert derive.completion_rate(shanghai, "three_public.final.overseas") is None


def test_budget__initial_budget_amount(shanghai):
    claim = derive.budget(shanghai, "general_budget.2010601.total")
    assert (claim.measure, claim.value, claim.base) == ("amount", Decimal("1560.05"), "initial_budget")


def test_expected_for__derived_claims_recompute(urumqi):
    """What derive states is what 审核 recomputes."""
    claims = [
        derive.share(urumqi, "general_budget.206.total", "general_budget.total.total"),
        derive.change_amount(urumqi, "operating_costs.amount"),
        derive.change_rate(urumqi, "operating_costs.amount"),
        derive.budget_variance_rate(urumqi, "three_public.final.total", "full_year_budget"),
    ]
    assert [(c.value, c.direction) for c in claims] == [
        (expected_for(c, urumqi).value, expected_for(c, urumqi).direction) for c in claims]
    assert [c.value for c in claims] == [Decimal("67.34"), Decimal("33.66"), Decimal("25.78"), Decimal("0.00")]
