"""Narrative labels → item paths, per section of the 情况说明 (data, not logic)."""

from __future__ import annotations

from ..model.table_schema import table_schema


def _total_row(key: str) -> tuple[tuple[str, str], ...]:
    """(words, item path) of the 合计 row's cells, column by column in printed order."""
    return tuple((words, f"{key}.total.{c.field}") for c in table_schema(key).columns for words in c.claims)


# Section heading keywords → section key (first match wins; longest phrases first).
SECTION_KEYS: tuple[tuple[str, str], ...] = (
    ("财政拨款收入支出决算总体", "fiscal_summary"), ("收入支出决算总体", "summary"),
    ("一般公共预算财政拨款基本支出", "basic_expenditure"), ("一般公共预算财政拨款支出", "general_budget"),
    ("三公", "three_public"), ("政府性基金", "government_fund"), ("国有资本经营", "state_capital"),
    ("收入决算", "income"), ("支出决算", "expenditure"), ("机关运行经费", "operating_costs"),
    ("政府采购", "procurement"), ("国有资产", "assets"), ("绩效", "performance"),
)

LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "summary": (
        ("收入支出总计", "summary.income.grand_total"), ("收入总计", "summary.income.grand_total"),
        ("本年收入合计", "summary.income.total"), ("本年收入", "summary.income.total"),
        ("使用非财政拨款结余", "summary.income.use_of_non_fiscal_surplus"),
        ("年初结转和结余", "summary.income.opening_balance"), ("支出总计", "summary.expenditure.grand_total"),
        ("本年支出合计", "summary.expenditure.total"), ("结余分配", "summary.expenditure.surplus_distribution"),
        ("年末结转和结余", "summary.expenditure.closing_balance"),
    ),
    # 公开02/03/05: the words of each column of the 合计 row (model/table_schema.yaml ``claims``)
    "income": _total_row("income"),
    "expenditure": _total_row("expenditure"),
    "fiscal_summary": (
        ("财政拨款收入支出总计", "fiscal_summary.income.grand_total"),
        ("财政拨款收入总计", "fiscal_summary.income.grand_total"),
        ("年初财政拨款结转和结余", "fiscal_summary.income.opening_balance.total"),
        ("财政拨款本年收入", "fiscal_summary.income.total"),
        ("财政拨款支出总计", "fiscal_summary.expenditure.grand_total.total"),
        ("年末财政拨款结转和结余", "fiscal_summary.expenditure.closing_balance.total"),
        ("财政拨款本年支出", "fiscal_summary.expenditure.total.total"),
    ),
    "general_budget": _total_row("general_budget"),
    "basic_expenditure": (
        ("基本支出", "general_budget.total.basic"), ("人员经费", "basic_expenditure.personnel_total"),
        ("公用经费", "basic_expenditure.public_total"),
    ),
    "three_public": (
        ("三公”经费", "three_public.final.total"), ("三公\"经费", "three_public.final.total"),
        ("三公经费", "three_public.final.total"),
        ("因公出国（境）费", "three_public.final.overseas"), ("因公出国(境)费", "three_public.final.overseas"),
        ("公务用车购置及运行维护费", "three_public.final.vehicle_total"),
        ("公务用车购置及运行费", "three_public.final.vehicle_total"),
        ("公务用车购置费", "three_public.final.vehicle_purchase"),
        ("公务用车运行维护费", "three_public.final.vehicle_operation"),
        ("公务用车运行费", "three_public.final.vehicle_operation"), ("公务接待费", "three_public.final.reception"),
        ("因公出国（境）团组", "three_public_details.overseas_groups"),
        ("公务用车购置数", "three_public_details.vehicles_purchased"),
        ("购置公务用车", "three_public_details.vehicles_purchased"),  # Shanghai: "购置公务用车2辆"
        ("公务用车保有量", "three_public_details.vehicles_held"),
        ("国内公务接待", "three_public_details.reception_batches"),
        ("国内公务接待支出", "three_public.final.reception"),
        ("接待外宾", "three_public_details.foreign_reception_batches"),
        ("外宾接待", "three_public_details.foreign_reception_batches"),
    ),
    "government_fund": (
        ("年初结转和结余", "government_fund.total.opening_balance"),
        ("年末结转结余", "government_fund.total.closing_balance"),
        ("年末结转和结余", "government_fund.total.closing_balance"),
        ("财政拨款收入", "government_fund.total.income"), ("财政拨款支出", "government_fund.total.expenditure"),
        # "…财政拨款收入764.58万元，支出27.71万元": 支出 right before the figure ($: nothing between)
        ("，支出$", "government_fund.total.expenditure"),
    ),
    "state_capital": (
        ("年初结转和结余", "state_capital.total.opening_balance"),
        ("财政拨款收入", "state_capital.total.income"), ("财政拨款支出", "state_capital.total.expenditure"),
        ("，支出$", "state_capital.total.expenditure"),
    ),
    "operating_costs": (("机关运行经费", "operating_costs.amount"),),
    "procurement": (
        ("政府采购支出总额", "procurement.total"), ("政府采购金额", "procurement.total"),
        ("货物", "procurement.goods"), ("工程", "procurement.works"), ("服务", "procurement.services"),
        ("授予中小企业合同金额", "procurement.sme_contracts"),
        ("授予小微企业合同金额", "procurement.small_micro_contracts"),
        ("面向中小企业预留", "procurement.reserved_sme_budget"),
        ("面向小微企业预留", "procurement.reserved_small_micro_budget"),
        ("预留的政府采购项目中,由中小企业供应商中标或成交", "procurement.sme_awarded_in_reserved"),
        ("预留政府采购项目中,由小微企业供应商中标或成交", "procurement.small_micro_awarded_in_reserved"),
        ("其他政府采购项目中,由中小企业供应商中标或成交", "procurement.sme_awarded_other"),
    ),
    "assets": (
        ("固定资产原值", "assets.fixed_assets_original_value"), ("房屋", "assets.building_area_m2"),
        ("车辆", "assets.vehicles"), ("以上设备(不含车辆)", "assets.equipment_over_1m"),
        ("以上设备", "assets.equipment_over_1m"),
        ("部级领导干部用车", "assets.vehicles_by_category.ministerial"),
        ("副部(省)级及以上领导用车", "assets.vehicles_by_category.ministerial"),
        ("主要领导干部用车", "assets.vehicles_by_category.principal_leaders"),
        ("机要通信用车", "assets.vehicles_by_category.confidential_communication"),
        ("应急保障用车", "assets.vehicles_by_category.emergency"),
        ("执法执勤用车", "assets.vehicles_by_category.law_enforcement"),
        ("特种专业技术用车", "assets.vehicles_by_category.special_technical"),
        ("离退休干部用车", "assets.vehicles_by_category.retired_cadres"),
        ("其他用车", "assets.vehicles_by_category.other"),
    ),
    "performance": (
        ("评价项目", "performance.summary.project_count"), ("全年预算数", "performance.summary.budget_total"),
        ("全年执行数", "performance.summary.execution_total"), ("平均得分", "performance.summary.average_score"),
        ("编报绩效目标", "performance.summary.target_projects|performance.summary.target_amount"),
        ("绩效跟踪评价", "performance.summary.tracking_projects|performance.summary.tracking_amount"),
        ("绩效自评的", "performance.summary.self_evaluated_projects|performance.summary.self_evaluated_amount"),
        ("优的项目", "performance.summary.grade_counts.优"), ("良的项目", "performance.summary.grade_counts.良"),
        ("合格的项目", "performance.summary.grade_counts.合格"),
        ("不合格的项目", "performance.summary.grade_counts.不合格"),
        ("发现问题", "performance.summary.problems_found"),
        ("完成整改的", "performance.summary.problems_rectified"),
        ("正在整改的", "performance.summary.problems_rectifying"),
    ),
}

# (item, unit) → the item a count in that unit means ("因公出国（境）0 人次").
COUNT_ITEMS = {
    ("three_public.final.overseas", "人次"): "three_public_details.overseas_people",
    ("three_public_details.overseas_groups", "人次"): "three_public_details.overseas_people",
    ("three_public_details.reception_batches", "人次"): "three_public_details.reception_people",
    ("three_public_details.foreign_reception_batches", "人次"): "three_public_details.foreign_reception_people",
}
# "价值 X 万元" after an asset names the value of that asset.
VALUE_OF = {"assets.building_area_m2": "assets.building_value", "assets.vehicles": "assets.vehicles_value"}

# The denominator of "占 X%" per section when the sentence does not name one.
SHARE_BASE = {
    "income": "income.total.total", "expenditure": "expenditure.total.total",
    "general_budget": "general_budget.total.total", "three_public": "three_public.final.total",
    "procurement": "procurement.total",
}
COUNT_UNITS = ("台（套）", "台(套)", "批次", "人次", "平方米", "个", "人", "辆", "次", "分")
