"""The rounding model: how far apart two printed figures may be before it is an error.

Every printed figure is the rounding of an exact value to its last printed digit, so
it may be off by half a unit of that digit (0.005 for 0.01 万元). A printed sum of n
printed addends may then differ from the sum of the printed addends by up to the sum
of their half-units (beancount's tolerance from printed precision, applied per term),
capped at ``ROUNDING_CAP``. Blank and zero cells are exact and add nothing. Differences
within this envelope are rounding (merged into one 提示 per table); beyond it, an error.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

HALF = Decimal("0.5")
CENT_HALF = Decimal("0.005")
_NUMBER = re.compile(r"[-+]?\d[\d,，]*(?:\.(\d+))?")


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed decimal of ``value`` (0 for an exact zero or a count)."""
    if value == 0:
        return Decimal(0)
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(0)  # counts (辆, 个, 人次) are exact; money always carries decimals
    return HALF.scaleb(exponent)


ROUNDING_CAP = Decimal("0.01")
"""The most an identity may be off and still count as rounding (万元 tables print 0.01).

In theory n addends may drift n × 0.005 apart; in practice the 部门决算 software rounds
each printed cell from 元 and a long 类 = Σ款 sum is rarely more than one cent off, while a
cap is what lets a mistyped cell (+0.02) in a long sum be seen at all. A policy choice, not
a regulation: a profile may raise it (SH-S 公开06 302 is 0.02 off over 14 款)."""


def envelope(values: Iterable[Decimal], cap: Decimal | None = ROUNDING_CAP) -> Decimal:
    """The largest difference that rounding alone explains, for figures added together:
    half a printed unit per non-zero figure (beancount-style), at most ``cap``."""
    total = sum((half_unit(v) for v in values), Decimal(0))
    return total if cap is None else min(total, cap)


def printed_decimals(text: str | None, value: Decimal) -> int:
    """Decimals of a figure as printed: from the claim's text ("33 %", "6.8") if any."""
    if text:
        match = _NUMBER.search(text)
        if match:
            return len(match.group(1) or "")
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


def printed_tolerance(text: str | None, value: Decimal) -> Decimal:
    """Half a unit of the last printed decimal: 0.5 for "33 %", 0.05 for "6.8"."""
    return HALF.scaleb(-printed_decimals(text, value))


_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(8)}


def round_to(value: Decimal, decimals: int) -> Decimal:
    """Round half-up to ``decimals`` places (the printed precision of a claim)."""
    quantum = _QUANTUM.get(decimals)  # built once: called for every claim compared
    return value.quantize(quantum if quantum is not None else Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


ROUNDING_KEY = "rounding"


def defer_rounding(shared: dict, group: str, finding: object) -> None:
    """Keep a rounding-level finding aside; the runner merges each group into one 提示 (R-001)."""
    shared.setdefault(ROUNDING_KEY, {}).setdefault(group, []).append(finding)
