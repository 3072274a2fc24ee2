"""Claims derived from a disclosure: every number the 情况说明 prints, as a ``Claim``.

Each builder returns a ``Claim`` (or ``None`` when the figure cannot be computed) whose
``value`` is what ``expected_for`` recomputes: amounts and shares signed, changes as
magnitudes with the direction word carrying the sign. Narrative composition prints these
claims; 审核 recomputes them; parsing reads the same shape back.
"""

from __future__ import annotations

from typing import Any

from ..model import Claim, Disclosure
from . import core

ZeroBasePolicy = core.ZeroBasePolicy

_DEFAULTS = {name: field.default for name, field in Claim.model_fields.items() if not field.is_required()}


def _claim(**fields: Any) -> Claim:
    """A ``Claim`` of data validation would accept unchanged, built without validating it.

    Every builder here passes an item path, a measure, a unit and a base as text, a Decimal value
    (``core`` gives Decimals, or None, which returns earlier) and a direction word of ``core``.
    Composing the 说明 builds ~210 claims (审核's I-001 composes it once per check): validation
    was 4.2 µs each, this 1.3 µs (``Claim.model_construct`` loops over the fields in Python:
    10 µs). The result equals the validated claim (``tests/checks/test_placeholder_compose.py``).
    """
    claim = Claim.__new__(Claim)
    values = dict(_DEFAULTS)
    values.update(fields)
    object.__setattr__(claim, "__dict__", values)
    object.__setattr__(claim, "__pydantic_fields_set__", set(fields))
    object.__setattr__(claim, "__pydantic_extra__", None)
    object.__setattr__(claim, "__pydantic_private__", None)
    return claim


def amount(d: Disclosure, item: str, unit: str = "万元") -> Claim | None:
    """决算数 of an item; ``None`` when the item does not exist."""
    current = core.value(d, item)
    if current is None:
        return None
    return _claim(item=item, measure="amount", value=current, unit=unit)


def count(d: Disclosure, item: str, unit: str) -> Claim | None:
    """A count (个, 人, 人次, 辆, 批次, 台（套）, 平方米) of an item."""
    current = core.value(d, item)
    if current is None:
        return None
    return _claim(item=item, measure="count", value=current, unit=unit)


def share(d: Disclosure, item: str, base: str) -> Claim | None:
    """占比 of ``item`` in ``base`` (both item paths); ``None`` when the base is 0 or missing."""
    result = core.share(core.value(d, item), core.value(d, base))
    if result is None:
        return None
    return _claim(item=item, measure="share", value=result, unit="%", base=base)


def change_amount(d: Disclosure, item: str) -> Claim | None:
    """增减额 against 上年 (``comparisons[item].prior_year``), direction 增加/减少/持平."""
    delta = core.change(core.value(d, item), core.prior_of(d, item))
    if delta is None:
        return None
    return _claim(item=item, measure="change_amount", value=abs(delta), base="prior_year",
                 direction=core.direction_change(delta), reason=reason(d, item))


def change_rate(
    d: Disclosure, item: str, zero_base: ZeroBasePolicy = ZeroBasePolicy.HUNDRED_PERCENT
) -> Claim | None:
    """增减率 against 上年, direction 增长/下降/持平; ``None`` when undefined under ``zero_base``."""
    current, prior = core.value(d, item), core.prior_of(d, item)
    rate = core.change_rate(current, prior, zero_base)
    if rate is None:
        return None
    return _claim(item=item, measure="change_rate", value=abs(rate), unit="%", base="prior_year",
                 direction=core.direction_rate(core.change(current, prior)),
                 reason=reason(d, item))


def _against_budget(d: Disclosure, item: str, base: str, measure: str, compute) -> Claim | None:
    """A rate of the 决算数 against 年初/全年预算, direction 大于/小于/等于."""
    final, budget = core.value(d, item), core.budget_of(d, item, base)
    rate = compute(final, budget)
    if rate is None:
        return None
    return _claim(item=item, measure=measure, value=rate, unit="%", base=base,
                 direction=core.direction_budget(final, budget), reason=budget_reason(d, item))


def budget_variance_rate(d: Disclosure, item: str, base: str = "initial_budget") -> Claim | None:
    """预决算差异率 against 年初/全年预算, direction 大于/小于/等于."""
    return _against_budget(d, item, base, "budget_variance_rate", core.budget_variance_rate)


def completion_rate(d: Disclosure, item: str, base: str = "initial_budget") -> Claim | None:
    """完成预算的 X%; ``None`` when the budget is 0 (GBC R004)."""
    return _against_budget(d, item, base, "completion_rate", core.completion_rate)


def budget(d: Disclosure, item: str, base: str = "initial_budget") -> Claim | None:
    """The 预算数 itself (年初预算为 X 万元), as an amount claim on ``<item>`` with ``base``.

    For 公开07 the 预算数 is a cell of the table: when ``three_public.budget.x`` holds the
    value, the claim names that cell (with no base), as a printed 预算数 is read back.
    """
    value = core.budget_of(d, item, base)
    if value is None:
        return None
    if item.startswith("three_public.final."):
        cell = item.replace(".final.", ".budget.", 1)
        if core.value(d, cell) == value:
            return _claim(item=cell, measure="amount", value=value)
    return _claim(item=item, measure="amount", value=value, base=base)


def budget_direction(d: Disclosure, item: str, base: str = "initial_budget") -> str | None:
    """大于 / 小于 / 等于 for 决算数 against the budget."""
    return core.direction_budget(core.value(d, item), core.budget_of(d, item, base))


def reason(d: Disclosure, item: str) -> str | None:
    """主要原因 of the change against 上年, as entered; ``None`` when missing."""
    comparison = d.comparisons.get(item)
    return comparison.reason if comparison and comparison.reason else None


def budget_reason(d: Disclosure, item: str) -> str | None:
    """主要原因 of the 预决算 difference, as entered."""
    comparison = d.comparisons.get(item)
    return comparison.budget_reason if comparison and comparison.budget_reason else None


def purpose(d: Disclosure, item: str) -> str | None:
    """主要用于 of an item (SH-T §五(三))."""
    comparison = d.comparisons.get(item)
    return comparison.purpose if comparison and comparison.purpose else None
