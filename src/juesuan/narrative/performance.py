"""The 预算绩效 figures as templates see them (SEED §十一, SH-T §十)."""

from __future__ import annotations

from dataclasses import dataclass

from ..figures.performance import project_totals
from ..model import Disclosure
from .figureview import Fig, FigureView

SUMMARY = "performance.summary."


@dataclass(frozen=True)
class PerformanceView:
    has_projects: bool
    count: Fig
    budget: Fig
    execution: Fig
    figures: FigureView

    def count_of(self, field: str) -> Fig:
        """A printed count of ``performance.summary`` (target_projects, problems_found …)."""
        return self.figures.count(SUMMARY + field, "个")

    def amount_of(self, field: str) -> Fig:
        return self.figures.amount(SUMMARY + field)

    def score_of(self, field: str) -> Fig:
        return self.figures.amount(SUMMARY + field, "分")

    def grade(self, name: str) -> Fig:
        return self.figures.count(f"{SUMMARY}grade_counts.{name}", "个")


def performance_view(d: Disclosure, figures: FigureView) -> PerformanceView:
    totals = project_totals(d)
    return PerformanceView(
        has_projects=bool(d.performance.projects),
        count=figures.claim(totals["count"]), budget=figures.claim(totals["budget"]),
        execution=figures.claim(totals["execution"]), figures=figures,
    )
