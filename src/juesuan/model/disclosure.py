"""The canonical model of one 部门决算公开: ``Disclosure``.

Everything else in juesuan reads or writes this. It is immutable: stages build a
new one with ``model_copy(update=...)`` rather than mutating.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import Frozen
from .claims import Claim
from .money import Money, Number
from .performance import Performance
from .printed import PrintedLine
from .provenance import ReadingNote, Source
from .tables import Tables

SCHEMA_VERSION = "1"


class Meta(Frozen):
    department: str
    """部门名称 as printed on the cover."""
    region: str | None = None
    """地区, e.g. 新疆维吾尔自治区乌鲁木齐市."""
    year: int
    profile: str = "xinjiang-2022"
    """Template profile id (``juesuan.reference.profiles``)."""
    unit: Literal["万元", "元"] = "万元"
    approval_date: dt.date | None = None
    """批复日期 of the 部门决算 by the 本级财政部门."""
    publication_date: dt.date | None = None
    """公开日期."""
    scope: str | None = None
    """本级 / 部门 (汇总) as the title says, e.g. "本级"."""
    title: str | None = None


class Unit(Frozen):
    """One unit in the 部门决算单位构成 list."""

    name: str
    note: str | None = None
    """备注, e.g. 预算不单列，并入本级."""


class Staffing(Frozen):
    """人员情况: 实有人数 = 在职 + 离休 + 退休."""

    total: int | None = None
    active: int | None = None
    retired_cadres: int | None = None
    """离休人员."""
    retired: int | None = None
    """退休人员."""
    authorised: int | None = None
    """编制数 where stated."""


class Overview(Frozen):
    """第一部分 单位概况."""

    functions: str | None = None
    """主要职能 as printed."""
    departments: tuple[str, ...] = ()
    """机构设置: 内设科室 list."""
    units: tuple[Unit, ...] = ()
    """决算单位构成."""
    composition_text: str | None = None
    staffing: Staffing = Field(default_factory=Staffing)


class Comparison(Frozen):
    """Comparison figures and reasons for one item (keyed by item path).

    ``prior_year``: 上年决算数; ``initial_budget``: 年初预算数; ``full_year_budget``:
    全年预算数 (调整预算). ``reason``: 主要原因 of the change against the prior year;
    ``budget_reason``: 主要原因 of the 预决算 difference. ``purpose``: 主要用于 (SH-T §五(三)).
    """

    prior_year: Money | None = None
    initial_budget: Money | None = None
    full_year_budget: Money | None = None
    reason: str | None = None
    budget_reason: str | None = None
    purpose: str | None = None


class Reception(Frozen):
    """One itemised 公务接待 entry as printed (amounts in 元 as the seed prints them)."""

    description: str
    people: int | None = None
    amount_yuan: Money | None = None


class ThreePublicDetails(Frozen):
    """The facts §七 must give beside the 公开07 amounts."""

    overseas_groups: int | None = None
    overseas_people: int | None = None
    overseas_content: str | None = None
    vehicles_purchased: int | None = None
    vehicles_held: int | None = None
    vehicle_operation_content: str | None = None
    reception_batches: int | None = None
    reception_people: int | None = None
    foreign_reception_batches: int | None = None
    foreign_reception_people: int | None = None
    reception_content: str | None = None
    receptions: tuple[Reception, ...] = ()


class OperatingCosts(Frozen):
    """机关运行经费 (§十(一) / §十一(一))."""

    amount: Money | None = None
    unit_kind: str | None = None
    """行政单位 / 参照公务员法管理的事业单位 / 事业单位."""


class Procurement(Frozen):
    """政府采购: totals by kind and the 中小企业 / 小微企业 amounts."""

    total: Money | None = None
    goods: Money | None = None
    works: Money | None = None
    services: Money | None = None
    sme_contracts: Money | None = None
    """授予中小企业合同金额."""
    small_micro_contracts: Money | None = None
    """授予小微企业合同金额."""
    reserved_sme_budget: Money | None = None
    reserved_small_micro_budget: Money | None = None
    sme_awarded_in_reserved: Money | None = None
    small_micro_awarded_in_reserved: Money | None = None
    sme_awarded_other: Money | None = None
    basis: str | None = None
    """e.g. 以合同签订为准."""


VEHICLE_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("ministerial", "副部（省）级及以上领导用车"),
    ("principal_leaders", "主要领导干部用车"),
    ("confidential_communication", "机要通信用车"),
    ("emergency", "应急保障用车"),
    ("law_enforcement", "执法执勤用车"),
    ("special_technical", "特种专业技术用车"),
    ("retired_cadres", "离退休干部用车"),
    ("other", "其他用车"),
)


class Assets(Frozen):
    """国有资产占用情况 as at 12-31."""

    as_of: dt.date | None = None
    fixed_assets_original_value: Money | None = None
    building_area_m2: Number | None = None
    building_value: Money | None = None
    vehicles: int | None = None
    vehicles_value: Money | None = None
    vehicles_by_category: dict[str, int] = Field(default_factory=dict)
    """Keys from ``VEHICLE_CATEGORIES``."""
    other_vehicles_note: str | None = None
    equipment_over_1m: int | None = None
    """单价100万元（含）以上设备（不含车辆）台（套）."""


class GlossaryEntry(Frozen):
    term: str
    definition: str


class Disclosure(Frozen):
    """One department's 部门决算公开 for one year."""

    schema_version: str = SCHEMA_VERSION
    meta: Meta
    overview: Overview = Field(default_factory=Overview)
    tables: Tables = Field(default_factory=Tables)
    comparisons: dict[str, Comparison] = Field(default_factory=dict)
    """Keyed by item path (``juesuan.model.items``), e.g. ``summary.income.grand_total``."""
    three_public_details: ThreePublicDetails = Field(default_factory=ThreePublicDetails)
    operating_costs: OperatingCosts = Field(default_factory=OperatingCosts)
    procurement: Procurement = Field(default_factory=Procurement)
    assets: Assets = Field(default_factory=Assets)
    performance: Performance = Field(default_factory=Performance)
    glossary: tuple[GlossaryEntry, ...] = ()
    claims: tuple[Claim, ...] = ()
    """The figure statements of the 情况说明 as printed (from a document or an example
    file). Generated documents derive their claims from the tables instead."""
    narrative: dict[str, str] = Field(default_factory=dict)
    """Texts as printed that are not derived from figures, keyed by section id
    (e.g. ``three_public.reason``); generation prefers figures, parsing fills this."""
    provenance: dict[str, Source] = Field(default_factory=dict)
    """Per-value provenance keyed by item path; absent means entered by the user."""
    printed: tuple[PrintedLine, ...] = ()
    """The document's own lines as printed (titles, 目录, instructions, sentences), from a reader."""
    notes: tuple[str, ...] = ()
    """Editorial notes (e.g. the seed's defects kept as printed)."""
    reading: tuple[ReadingNote, ...] = ()
    """What the reader of a published document could not do (pages, tables, cells not read)."""
