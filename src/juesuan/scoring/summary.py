"""Figures of the 预算绩效 section computed from the 自评表 (SEED §十一, SH-T §十).

``summary_figures(performance, policy)`` is what the narrative calls: project count,
Σ全年预算数, Σ全年执行数, 执行率, average 总分 and counts per grade — both for the
printed 总分 and for the engine's recomputed ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model.money import percent, round2
from ..model.performance import Performance
from .policies import Policy, load_policy
from .project import ProjectScore, score_performance


@dataclass(frozen=True)
class PerformanceFigures:
    project_count: int
    budget_total: Decimal | None
    """Σ 年度资金总额 全年预算数 (万元), None when no table prints it."""
    execution_total: Decimal | None
    execution_rate: Decimal | None
    """Σ全年执行数 / Σ全年预算数 × 100, 2 decimals."""
    average_score: Decimal | None
    """Mean of the printed 总分, 2 decimals half-up."""
    average_recomputed: Decimal | None
    grade_counts: dict[str, int] = field(default_factory=dict)
    """Printed 总分 per grade of the policy, every grade listed (0 included), in policy order."""
    recomputed_grade_counts: dict[str, int] = field(default_factory=dict)
    policy: str = ""
    scores: tuple[ProjectScore, ...] = ()


def _total(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal("0.00")) if present else None


def _average(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return round2(sum(present, Decimal(0)) / len(present)) if present else None


def _counts(grades: list[str | None], policy: Policy) -> dict[str, int]:
    counts = {g.name: 0 for g in policy.grades}
    for grade in grades:
        if grade is not None:
            counts[grade] = counts.get(grade, 0) + 1
    return counts


def summary_figures(performance: Performance, policy: Policy | str = "urumqi-2022") -> PerformanceFigures:
    policy = load_policy(policy) if isinstance(policy, str) else policy
    scores = score_performance(performance, policy)
    projects = performance.projects
    budget = _total([p.funds.total.full_year_budget for p in projects])
    spent = _total([p.funds.total.execution for p in projects])
    return PerformanceFigures(
        project_count=len(projects),
        budget_total=budget,
        execution_total=spent,
        execution_rate=percent(spent, budget) if budget and spent is not None else None,
        average_score=_average([p.total_score for p in projects]),
        average_recomputed=_average([s.recomputed_total for s in scores]),
        grade_counts=_counts([s.grade for s in scores], policy),
        recomputed_grade_counts=_counts([s.recomputed_grade for s in scores], policy),
        policy=policy.name,
        scores=scores,
    )
