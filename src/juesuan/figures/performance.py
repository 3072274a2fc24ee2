"""Figures of the 预算绩效 paragraph: totals over the 项目支出绩效自评表.

When the disclosure holds the 自评表, the number of projects and the 全年预算数 /
全年执行数 totals are derived from them (SEED §十一: 14 个, 12503.81 万元); otherwise the
printed ``performance.summary`` figures are used as they are.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Claim, Disclosure

COUNT_ITEM = "performance.summary.project_count"
BUDGET_ITEM = "performance.summary.budget_total"
EXECUTION_ITEM = "performance.summary.execution_total"


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal("0.00")) if present else None


def project_totals(d: Disclosure) -> dict[str, Claim | None]:
    """``count``, ``budget`` and ``execution`` claims for the 预算绩效 paragraph."""
    projects = d.performance.projects
    summary = d.performance.summary
    if projects:
        count: Decimal | None = Decimal(len(projects))
        budget = _sum([p.funds.total.full_year_budget for p in projects])
        execution = _sum([p.funds.total.execution for p in projects])
    else:
        count = Decimal(summary.project_count) if summary.project_count is not None else None
        budget, execution = summary.budget_total, summary.execution_total
    return {
        "count": None if count is None else Claim(item=COUNT_ITEM, measure="count", value=count, unit="个"),
        "budget": None if budget is None else Claim(item=BUDGET_ITEM, measure="amount", value=budget),
        "execution": None if execution is None else Claim(item=EXECUTION_ITEM, measure="amount", value=execution),
    }
