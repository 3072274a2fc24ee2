"""预算绩效: the summary paragraph and every 项目支出绩效自评表.

Targets and actuals are kept as printed (``">=20 次"``, ``"部分达到预期效果"``);
``juesuan.model.measures.parse_measure`` turns them into operator + value + unit or
qualitative text. Scores are kept as printed too, defects included: 审核 and the
scoring engine recompute them, the model never corrects them.
"""

from __future__ import annotations

from pydantic import Field

from .base import Frozen
from .measures import Measure, parse_measure
from .money import Money, Number


class FundsLine(Frozen):
    """One row of the 项目资金 block: 年初预算数 / 全年预算数 / 全年执行数 (万元)."""

    initial_budget: Money | None = None
    full_year_budget: Money | None = None
    execution: Money | None = None


class ProjectFunds(Frozen):
    """年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, per column."""

    total: FundsLine = Field(default_factory=FundsLine)
    current_appropriation: FundsLine = Field(default_factory=FundsLine)
    carryover: FundsLine = Field(default_factory=FundsLine)
    other: FundsLine = Field(default_factory=FundsLine)


class Indicator(Frozen):
    """One 三级指标 row; ``name`` is None for a printed 二级指标 row with no 三级指标."""

    level1: str
    level2: str
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: Number | None = None
    score: Number | None = None
    deviation_reason: str | None = None

    @property
    def target_measure(self) -> Measure | None:
        return parse_measure(self.target) if self.target else None

    @property
    def actual_measure(self) -> Measure | None:
        return parse_measure(self.actual) if self.actual else None

    @property
    def is_placeholder(self) -> bool:
        """A blank 二级指标 row kept for the form's layout."""
        return self.name is None and self.weight is None


class ProjectEvaluation(Frozen):
    """项目支出绩效自评表 for one project."""

    name: str
    department: str | None = None
    implementer: str | None = None
    year: int | None = None
    funds: ProjectFunds = Field(default_factory=ProjectFunds)
    execution_weight: Number | None = None
    execution_rate: Number | None = None
    """执行率 as printed, in percent (100.00 for "100.00%")."""
    execution_score: Number | None = None
    goal_expected: str | None = None
    goal_actual: str | None = None
    indicators: tuple[Indicator, ...] = ()
    total_weight: Number | None = None
    total_score: Number | None = None
    grade: str | None = None
    notes: tuple[str, ...] = ()
    """Free notes, e.g. defects in the printed form that the example keeps on purpose."""


class PerformanceSummary(Frozen):
    """The 预算绩效 paragraph(s) of the 情况说明 (SEED §十一, SH-T §十)."""

    project_count: int | None = None
    budget_total: Money | None = None
    execution_total: Money | None = None
    achievements: str | None = None
    problems: str | None = None
    improvements: str | None = None
    mechanism: str | None = None
    target_projects: int | None = None
    target_amount: Money | None = None
    tracking_projects: int | None = None
    tracking_amount: Money | None = None
    self_evaluated_projects: int | None = None
    self_evaluated_amount: Money | None = None
    average_score: Number | None = None
    grade_counts: dict[str, int] = Field(default_factory=dict)
    problems_found: int | None = None
    problems_rectified: int | None = None
    problems_rectifying: int | None = None
    text: str | None = None
    """The section as printed, when kept verbatim."""


class Performance(Frozen):
    summary: PerformanceSummary = Field(default_factory=PerformanceSummary)
    projects: tuple[ProjectEvaluation, ...] = ()
