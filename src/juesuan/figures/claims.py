"""Recompute what a claim should say from the disclosure's figures.

The printed value of a change is its magnitude (the direction word carries the
sign), so ``Expected.value`` is absolute for change measures and signed otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Claim, Disclosure
from . import core


@dataclass(frozen=True)
class Expected:
    """What the figures say a claim should print; ``value`` None = cannot be computed."""

    value: Decimal | None
    direction: str | None = None
    inputs: tuple[tuple[str, Decimal | None], ...] = ()
    """(label, value) pairs used, for the finding's explanation."""
    undefined_reason: str | None = None


def _abs(value: Decimal | None) -> Decimal | None:
    return None if value is None else abs(value)


def expected_for(
    claim: Claim, d: Disclosure, zero_base: core.ZeroBasePolicy = core.ZeroBasePolicy.HUNDRED_PERCENT
) -> Expected:
    """The value (and direction word) that ``claim`` should state."""
    current = core.value(d, claim.item)
    measure = claim.measure
    if measure in ("amount", "count"):
        if claim.base in ("initial_budget", "full_year_budget"):
            budget = core.budget_of(d, claim.item, claim.base)
            return Expected(budget, inputs=(("预算数", budget),))
        return Expected(current, inputs=(("本年", current),))
    if measure == "share":
        whole = core.value(d, claim.base) if claim.base else None
        return Expected(core.share(current, whole), inputs=(("部分", current), ("总数", whole)))
    if measure in ("change_amount", "change_rate"):
        prior = core.prior_of(d, claim.item)
        delta = core.change(current, prior)
        inputs = (("本年", current), ("上年", prior))
        if measure == "change_amount":
            return Expected(_abs(delta), core.direction_change(delta), inputs)
        rate = core.change_rate(current, prior, zero_base)
        why = "上年数为0，增减率无定义" if prior == 0 and current else None
        return Expected(_abs(rate), core.direction_rate(delta), inputs, why)
    if measure in ("budget_variance_rate", "completion_rate"):
        base = claim.base if claim.base in ("initial_budget", "full_year_budget") else "initial_budget"
        budget = core.budget_of(d, claim.item, base)
        inputs = (("决算数", current), ("预算数", budget))
        direction = core.direction_budget(current, budget)
        if measure == "budget_variance_rate":
            rate = core.budget_variance_rate(current, budget)
        else:
            rate = core.completion_rate(current, budget)
        why = "预算数为0，比率无定义" if budget == 0 and rate is None else None
        return Expected(rate, direction, inputs, why)
    return Expected(None, undefined_reason=f"未知的度量 / unknown measure {measure}")
