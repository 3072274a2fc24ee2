"""The inputs outside the nine tables, described once as data.

Each fill-in sheet is a list of ``Field`` s: an item path of ``Disclosure`` (the YAML field),
its Chinese label, whether the 情况说明 needs it, and which section prints it. The workbook
writer, the importer, the missing-input findings and docs/field-reference.md all read this
list; the value type of each field comes from the model itself (``kind_of``).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel

from ..model import Disclosure
from ..model.disclosure import VEHICLE_CATEGORIES
from ..model.money import money


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    required: bool = False
    section: str = ""
    """Narrative section id that prints it (``procurement``…); empty when no sentence uses it."""
    help: str = ""


@dataclass(frozen=True)
class FieldSheet:
    name: str
    title: str
    fields: tuple[Field, ...]
    sections: tuple[str, ...] = ()
    """Narrative sections whose missing inputs this sheet supplies."""


def _rows(prefix: str, count: int, columns: tuple[tuple[str, str], ...], label: str, section: str) -> tuple[Field, ...]:
    return tuple(Field(f"{prefix}.{i}.{name}", f"{label}第{i + 1}行 {text}", False, section)
                 for i in range(count) for name, text in columns)


def _grade_names() -> tuple[str, ...]:
    """The 绩效评级 names of every profile (优/良/中/差, 优/良/合格/不合格), in order."""
    from .profiles import Profile, list_profiles

    names: dict[str, None] = {}
    for profile in list_profiles():
        names.update(dict.fromkeys(Profile.load(profile).wording.grade_names))
    return tuple(names)


UNIT_ROWS = 6
RECEPTION_ROWS = 6

OVERVIEW = FieldSheet("单位概况", "单位概况（封面与第一部分）", (
    Field("meta.department", "部门（单位）名称", True, "overview", "与封面一致的全称"),
    Field("meta.year", "决算年度", True, "overview", "四位数字，如 2022"),
    Field("meta.profile", "模板（地区）", True, "overview", "xinjiang-2022 或 shanghai-2024"),
    Field("meta.region", "地区", False, "overview", "如 新疆维吾尔自治区乌鲁木齐市"),
    Field("meta.scope", "范围", False, "overview", "本级 或 部门"),
    Field("meta.title", "标题", False, "overview", "可空：按模板生成"),
    Field("meta.approval_date", "财政批复日期", False, "", "YYYY-MM-DD"),
    Field("meta.publication_date", "公开日期", False, "", "YYYY-MM-DD"),
    Field("overview.functions", "主要职能", True, "functions", "照录三定方案的主要职能"),
    Field("overview.departments", "内设机构", False, "functions", "每行一个科室"),
    Field("overview.composition_text", "决算单位构成说明", False, "composition", "可空：按下表生成"),
    *_rows("overview.units", UNIT_ROWS, (("name", "单位名称"), ("note", "备注")), "决算单位构成", "composition"),
    Field("overview.staffing.total", "实有人数", True, "composition", "人；= 在职 + 离休 + 退休"),
    Field("overview.staffing.active", "在职人员", True, "composition", "人"),
    Field("overview.staffing.retired_cadres", "离休人员", True, "composition", "人"),
    Field("overview.staffing.retired", "退休人员", True, "composition", "人"),
    Field("overview.staffing.authorised", "编制数", False, "composition", "人"),
), ("functions", "composition"))

THREE_PUBLIC = FieldSheet("三公经费情况", "“三公”经费情况（第二部分 “三公”经费支出）", (
    Field("three_public_details.overseas_groups", "因公出国（境）团组数", True, "three_public", "个"),
    Field("three_public_details.overseas_people", "因公出国（境）人次", True, "three_public", "人次"),
    Field("three_public_details.overseas_content", "因公出国（境）费开支内容", False, "three_public", "无则填 无此项支出"),
    Field("three_public_details.vehicles_purchased", "公务用车购置数", True, "three_public", "辆"),
    Field("three_public_details.vehicles_held", "公务用车保有量", True, "three_public", "辆"),
    Field("three_public_details.vehicle_operation_content", "公务用车运行维护费开支内容", False, "three_public"),
    Field("three_public_details.reception_batches", "国内公务接待批次", True, "three_public", "批次"),
    Field("three_public_details.reception_people", "国内公务接待人次", True, "three_public", "人次"),
    Field("three_public_details.foreign_reception_batches", "外事接待批次", False, "three_public", "批次"),
    Field("three_public_details.foreign_reception_people", "外事接待人次", False, "three_public", "人次"),
    Field("three_public_details.reception_content", "公务接待费开支内容", True, "three_public"),
    *_rows("three_public_details.receptions", RECEPTION_ROWS,
           (("description", "接待事项"), ("people", "人数"), ("amount_yuan", "金额（元）")), "接待明细", "three_public"),
), ("three_public", "three_public.overall", "three_public.detail"))

OPERATING = FieldSheet("机关运行经费", "机关运行经费", (
    Field("operating_costs.amount", "机关运行经费支出（万元）", True, "operating_costs"),
    Field("operating_costs.unit_kind", "单位性质", False, "operating_costs", "行政单位 / 参照公务员法管理的事业单位 / 事业单位"),
), ("operating_costs",))

PROCUREMENT = FieldSheet("政府采购", "政府采购情况（万元）", (
    Field("procurement.total", "政府采购支出总额", True, "procurement"),
    Field("procurement.goods", "货物", True, "procurement"),
    Field("procurement.works", "工程", True, "procurement"),
    Field("procurement.services", "服务", True, "procurement"),
    Field("procurement.sme_contracts", "授予中小企业合同金额", True, "procurement"),
    Field("procurement.small_micro_contracts", "其中：授予小微企业合同金额", True, "procurement"),
    Field("procurement.reserved_sme_budget", "预留给中小企业的采购项目预算", False, "procurement"),
    Field("procurement.reserved_small_micro_budget", "其中：预留给小微企业的预算", False, "procurement"),
    Field("procurement.sme_awarded_in_reserved", "预留项目授予中小企业合同金额", False, "procurement"),
    Field("procurement.small_micro_awarded_in_reserved", "预留项目授予小微企业合同金额", False, "procurement"),
    Field("procurement.sme_awarded_other", "非预留项目授予中小企业合同金额", False, "procurement"),
    Field("procurement.basis", "统计口径", False, "procurement", "如 以合同签订为准"),
), ("procurement",))

ASSETS = FieldSheet("国有资产", "国有资产占用情况（截至12月31日）", (
    Field("assets.as_of", "截至日期", False, "assets", "YYYY-MM-DD"),
    Field("assets.fixed_assets_original_value", "固定资产原值（万元）", True, "assets"),
    Field("assets.building_area_m2", "房屋面积（平方米）", True, "assets"),
    Field("assets.building_value", "房屋价值（万元）", True, "assets"),
    Field("assets.vehicles", "车辆数（辆）", True, "assets"),
    Field("assets.vehicles_value", "车辆价值（万元）", True, "assets"),
    *(Field(f"assets.vehicles_by_category.{key}", f"其中：{name}（辆）", True, "assets")
      for key, name in VEHICLE_CATEGORIES),
    Field("assets.other_vehicles_note", "其他用车主要是", False, "assets"),
    Field("assets.equipment_over_1m", "单价100万元（含）以上设备（台、套）", True, "assets"),
), ("assets",))

PERFORMANCE = FieldSheet("绩效情况", "预算绩效情况（第二部分 绩效）", (
    Field("performance.summary.text", "绩效管理工作开展情况（整段）", False, "performance", "填写后照录"),
    Field("performance.summary.mechanism", "绩效管理机制", False, "performance"),
    Field("performance.summary.project_count", "自评项目个数", False, "performance"),
    Field("performance.summary.budget_total", "自评项目预算总额（万元）", False, "performance"),
    Field("performance.summary.execution_total", "自评项目执行总额（万元）", False, "performance"),
    Field("performance.summary.target_projects", "绩效目标管理项目个数", False, "performance"),
    Field("performance.summary.target_amount", "绩效目标管理金额（万元）", False, "performance"),
    Field("performance.summary.tracking_projects", "绩效运行监控项目个数", False, "performance"),
    Field("performance.summary.tracking_amount", "绩效运行监控金额（万元）", False, "performance"),
    Field("performance.summary.self_evaluated_projects", "绩效自评项目个数", False, "performance"),
    Field("performance.summary.self_evaluated_amount", "绩效自评金额（万元）", False, "performance"),
    Field("performance.summary.average_score", "平均得分", False, "performance"),
    *(Field(f"performance.summary.grade_counts.{grade}", f"评价为“{grade}”的项目个数", False, "performance")
      for grade in _grade_names()),
    Field("performance.summary.problems_found", "发现问题个数", False, "performance"),
    Field("performance.summary.problems_rectified", "已整改问题个数", False, "performance"),
    Field("performance.summary.problems_rectifying", "整改中问题个数", False, "performance"),
    Field("performance.summary.achievements", "主要成效", False, "performance"),
    Field("performance.summary.problems", "存在问题", False, "performance"),
    Field("performance.summary.improvements", "改进措施", False, "performance"),
), ("performance",))

FIELD_SHEETS: tuple[FieldSheet, ...] = (OVERVIEW, THREE_PUBLIC, OPERATING, PROCUREMENT, ASSETS, PERFORMANCE)

COMPARISON_SHEET = "上年数和主要原因"
COMPARISON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("prior_year", "上年决算数（万元）"), ("reason", "较上年增减的主要原因"),
    ("initial_budget", "年初预算数（万元）"), ("full_year_budget", "全年预算数（万元）"),
    ("budget_reason", "预决算差异的主要原因"), ("purpose", "主要用于"),
)
"""(``Comparison`` field, column head) of the 上年数/主要原因 sheet, one row per item path."""
COMPARISON_SECTIONS = ("overview_totals", "fiscal_totals", "general_budget", "general_budget.overall",
                       "general_budget.detail", "general_budget.structure", "income", "expenditure",
                       "basic_expenditure", "government_fund", "state_capital")


def all_fields() -> tuple[Field, ...]:
    return tuple(f for sheet in FIELD_SHEETS for f in sheet.fields)


def sheet_of_section(section: str) -> str:
    """The fill-in sheet that supplies a narrative section's inputs (missing-input findings)."""
    for sheet in FIELD_SHEETS:
        if section in sheet.sections or section.split(".")[0] in sheet.sections:
            return sheet.name
    return COMPARISON_SHEET


# ---- value kinds, read from the model -------------------------------------------------

Kind = typing.Literal["money", "number", "int", "text", "date", "lines"]


def _unwrap(annotation):
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0])
    return annotation


def _leaf_kind(info) -> Kind:
    annotation = _unwrap(info.annotation)
    metadata = list(info.metadata)
    if typing.get_origin(annotation) is typing.Annotated:  # ``Money | None`` keeps its metadata inside
        metadata += list(annotation.__metadata__)
        annotation = typing.get_args(annotation)[0]
    if annotation is Decimal:
        is_money = any(getattr(m, "func", None) is money for m in metadata)
        return "money" if is_money else "number"
    if annotation is int:
        return "int"
    if annotation is dt.date:
        return "date"
    if typing.get_origin(annotation) is tuple:
        return "lines"
    return "text"


def kind_of(path: str) -> Kind:
    """The value kind of a field path of ``Disclosure`` (``overview.units.0.name`` → text)."""
    node: type[BaseModel] = Disclosure
    parts = path.split(".")
    index = 0
    while index < len(parts):
        info = node.model_fields[parts[index]]
        annotation = _unwrap(info.annotation)
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            node, index = annotation, index + 1
            continue
        if origin in (tuple, dict) and index + 1 < len(parts):
            element = _unwrap(typing.get_args(annotation)[-1 if origin is dict else 0])
            if isinstance(element, type) and issubclass(element, BaseModel):
                node, index = element, index + 2
                continue
            if typing.get_origin(element) is typing.Annotated:
                element = typing.get_args(element)[0]
            return {int: "int", Decimal: "number", str: "text"}.get(element, "text")  # type: ignore[return-value]
        return _leaf_kind(info)
    raise KeyError(path)
