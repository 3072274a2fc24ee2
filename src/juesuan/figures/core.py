"""Primitive figures: value, share, change, rates and direction words.

All percentages are ``x × 100`` rounded to 2 decimals half-up. A zero base makes a
rate undefined; what to print then is a profile choice (``ZeroBasePolicy``): the seed
writes "增长100%" for a new item, which is a local convention, not arithmetic.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from ..model import Disclosure, lookup, percent, round2
from ..model.memo import ObjectMemo

HUNDRED = Decimal("100")


class ZeroBasePolicy(str, Enum):
    """What a change rate against a zero base is taken to be."""

    HUNDRED_PERCENT = "hundred_percent"  # seed convention: new item → 增长100%
    UNDEFINED = "undefined"  # the rate must not be stated


_VALUES = ObjectMemo()
"""Per disclosure: item path → value. A disclosure is frozen, so a value looked up once stays right for
the object's life. One check asks for ~530 values of ~150 paths (composing the 说明 for I-001 and
recomputing every claim)."""


def value(d: Disclosure, item: str) -> Decimal | None:
    """The current-year value of an item path (table cell or other matter)."""
    values = _VALUES.of(d)
    try:
        return values[item]
    except KeyError:
        found = values[item] = lookup(d, item)
        return found


def prior_of(d: Disclosure, item: str) -> Decimal | None:
    """上年决算数 of an item, from ``comparisons``."""
    comparison = d.comparisons.get(item)
    return comparison.prior_year if comparison else None


def budget_of(d: Disclosure, item: str, base: str = "initial_budget") -> Decimal | None:
    """年初预算数 or 全年预算数 of an item.

    For 公开07 决算 cells the budget is the table's own 预算数 column
    (``three_public.final.x`` ↔ ``three_public.budget.x``); elsewhere ``comparisons``.
    """
    if item.startswith("three_public.final."):
        comparison = d.comparisons.get(item)
        explicit = getattr(comparison, base, None) if comparison else None
        return explicit if explicit is not None else lookup(d, item.replace(".final.", ".budget.", 1))
    comparison = d.comparisons.get(item)
    return getattr(comparison, base, None) if comparison else None


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """占比 = part / whole × 100; None when either is missing or the whole is 0."""
    if part is None or whole is None:
        return None
    return percent(part, whole)


def change(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """增减额 (signed): current − prior."""
    if current is None or prior is None:
        return None
    return round2(current - prior)


def change_rate(
    current: Decimal | None, prior: Decimal | None,
    zero_base: ZeroBasePolicy = ZeroBasePolicy.HUNDRED_PERCENT,
) -> Decimal | None:
    """增减率 (signed) = (current − prior) / prior × 100."""
    if current is None or prior is None:
        return None
    if prior == 0:
        if current == 0:
            return Decimal("0.00")
        if zero_base is ZeroBasePolicy.HUNDRED_PERCENT:
            return HUNDRED.quantize(Decimal("0.01")) * (1 if current > 0 else -1)
        return None
    return percent(current - prior, prior)


def budget_variance_rate(final: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """预决算差异率 (signed) = (决算 − 预算) / 预算 × 100.

    Undefined when 预算 is 0, except 0 against 0, which is 0% (as ``change_rate`` has it;
    the seed prints "预决算差异率 0%" for an item with neither budget nor spending).
    """
    if final is None or budget is None:
        return None
    if budget == 0:
        return Decimal("0.00") if final == 0 else None
    return percent(final - budget, budget)


def completion_rate(final: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """完成（年初）预算的 X% = 决算 / 预算 × 100; must not be stated when 预算 is 0 (GBC R004)."""
    if final is None or budget is None or budget == 0:
        return None
    return percent(final, budget)


def direction_change(delta: Decimal | None) -> str | None:
    """增加 / 减少 / 持平 for an amount change."""
    if delta is None:
        return None
    return "增加" if delta > 0 else "减少" if delta < 0 else "持平"


def direction_rate(delta: Decimal | None) -> str | None:
    """增长 / 下降 / 持平 for a rate."""
    if delta is None:
        return None
    return "增长" if delta > 0 else "下降" if delta < 0 else "持平"


def direction_budget(final: Decimal | None, budget: Decimal | None) -> str | None:
    """决算数 大于 / 小于 / 等于 预算数."""
    if final is None or budget is None:
        return None
    return "大于" if final > budget else "小于" if final < budget else "等于"
