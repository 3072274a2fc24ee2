"""The 预算绩效 figures as templates see them (SEED §十一, SH-T §十).

With 项目支出绩效自评表 in the disclosure, the figures come from the forms through
``juesuan.scoring.summary_figures`` (project count, Σ全年预算数, Σ全年执行数, average
总分, counts per grade); without them, from the printed ``performance.summary``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Claim, Disclosure
from ..scoring import summary_figures
from .figureview import Fig, FigureView

SUMMARY = "performance.summary."


@dataclass(frozen=True)
class PerformanceView:
    figures: FigureView
    derived: object | None
    """``scoring.PerformanceFigures`` when the disclosure holds 自评表, else None."""

    @property
    def has_projects(self) -> bool:
        return self.derived is not None

    def _derived(self, field: str, value: Decimal | int | None, measure: str, unit: str) -> Fig:
        if value is None:
            return self.figures.claim(None)
        claim = Claim(item=SUMMARY + field, measure=measure, value=Decimal(value), unit=unit)  # type: ignore[arg-type]
        return self.figures.claim(claim)

    @property
    def count(self) -> Fig:
        """Number of evaluated projects (SEED "开展预算绩效评价项目 14 个")."""
        if self.derived is None:
            return self.count_of("project_count")
        return self._derived("project_count", self.derived.project_count, "count", "个")

    @property
    def budget(self) -> Fig:
        if self.derived is None:
            return self.amount_of("budget_total")
        return self._derived("budget_total", self.derived.budget_total, "amount", "万元")

    @property
    def execution(self) -> Fig:
        if self.derived is None:
            return self.amount_of("execution_total")
        return self._derived("execution_total", self.derived.execution_total, "amount", "万元")

    @property
    def self_evaluated_count(self) -> Fig:
        if self.derived is None:
            return self.count_of("self_evaluated_projects")
        return self._derived("self_evaluated_projects", self.derived.project_count, "count", "个")

    @property
    def self_evaluated_amount(self) -> Fig:
        if self.derived is None:
            return self.amount_of("self_evaluated_amount")
        return self._derived("self_evaluated_amount", self.derived.budget_total, "amount", "万元")

    @property
    def average(self) -> Fig:
        if self.derived is None:
            return self.figures.amount(SUMMARY + "average_score", "分")
        return self._derived("average_score", self.derived.average_score, "amount", "分")

    def grade(self, name: str) -> Fig:
        if self.derived is None:
            return self.figures.count(f"{SUMMARY}grade_counts.{name}", "个")
        return self._derived(f"grade_counts.{name}", self.derived.grade_counts.get(name, 0), "count", "个")

    def count_of(self, field: str) -> Fig:
        """A printed count of ``performance.summary`` (target_projects, problems_found …)."""
        return self.figures.count(SUMMARY + field, "个")

    def amount_of(self, field: str) -> Fig:
        return self.figures.amount(SUMMARY + field)


def performance_view(d: Disclosure, figures: FigureView, policy: str | None = None) -> PerformanceView:
    derived = summary_figures(d.performance, policy) if d.performance.projects and policy else None
    if d.performance.projects and derived is None:
        derived = summary_figures(d.performance)
    return PerformanceView(figures=figures, derived=derived)
