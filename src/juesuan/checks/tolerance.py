"""The rounding model: exact intervals of what a printed figure can stand for.

A printed figure is the ROUND_HALF_UP rounding of an exact value to its last printed
digit: 6.80 stands for any x with 6.795 ≤ x < 6.805 (−6.80 for −6.805 < x ≤ −6.795).
A printed result (a total, a share, a rate) is consistent with its printed inputs iff
some exact values of the inputs, each inside its own interval, give a result that
prints as the printed result — interval arithmetic over sums, differences and
quotients, with open and closed ends kept (326.71 and 326.72 cannot both be the same
exact value: [326.705, 326.715) and [326.715, 326.725) do not meet).

Three outcomes (``judge_sum``, ``judge_same``, ``settle``): inside the envelope → rounding (尾差, one 提示 per table,
R-001); the same quantity printed twice one last-digit unit apart → printed differently
(警告, R-005); anything else → an error of the rule (错误). Blank and zero cells and
counts are exact: the 决算 software prints an empty cell for nothing spent, and a
count (辆, 个) has no rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, Inexact, localcontext
from typing import Iterable

HALF = Decimal("0.5")
CENT_HALF = Decimal("0.005")
HUNDRED = Decimal(100)
_NUMBER = re.compile(r"[-+]?\d[\d,，]*(?:\.(\d+))?")

ROUNDING_RULE = "R-001"
"""尾差: inside the envelope (merged per table by the runner)."""
PRINTED_TWICE_RULE = "R-005"
"""The same quantity printed in two places, one last-digit unit apart (警告)."""
ROUNDING, PRINTED_TWICE, ERROR = "rounding", "printed_twice", "error"


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed decimal of ``value`` (0 for an exact zero or a count)."""
    if value == 0:
        return Decimal(0)
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(0)  # counts (辆, 个, 人次) are exact; money always carries decimals
    return HALF.scaleb(exponent)


def unit(value: Decimal) -> Decimal:
    """One unit of the last printed decimal (0 for exact figures)."""
    return half_unit(value) * 2


@dataclass(frozen=True, slots=True)
class Interval:
    """A range of exact values; ``low_open``/``high_open`` say whether an end is excluded."""

    low: Decimal
    high: Decimal
    low_open: bool = False
    high_open: bool = False

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high,
                        self.low_open or other.low_open, self.high_open or other.high_open)

    def __neg__(self) -> "Interval":
        return Interval(-self.high, -self.low, self.high_open, self.low_open)

    def __sub__(self, other: "Interval") -> "Interval":
        return self + (-other)

    def contains(self, x: Decimal) -> bool:
        above = x > self.low or (x == self.low and not self.low_open)
        below = x < self.high or (x == self.high and not self.high_open)
        return above and below

    def meets(self, other: "Interval") -> bool:
        """Whether the two ranges share at least one value."""
        if self.low != other.low:
            low, low_open = (self.low, self.low_open) if self.low > other.low else (other.low, other.low_open)
        else:
            low, low_open = self.low, self.low_open or other.low_open
        if self.high != other.high:
            high, high_open = (self.high, self.high_open) if self.high < other.high else (other.high, other.high_open)
        else:
            high, high_open = self.high, self.high_open or other.high_open
        return low < high or (low == high and not low_open and not high_open)

    def scale(self, factor: Decimal) -> "Interval":
        if factor >= 0:
            return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)
        return -self.scale(-factor)

    def magnitude(self) -> "Interval":
        """|x| for x in the range (printed changes and rates carry their sign in a word)."""
        if self.low >= 0:
            return self
        if self.high <= 0:
            return -self
        top, top_open = (-self.low, self.low_open) if -self.low > self.high else (self.high, self.high_open)
        if -self.low == self.high:
            top_open = self.low_open and self.high_open
        return Interval(Decimal(0), top, False, top_open)


def printed(value: Decimal, decimals: int | None = None, *, zero_exact: bool = True) -> Interval:
    """The exact values that print as ``value`` (at ``decimals`` places, or as held)."""
    h = HALF.scaleb(-decimals) if decimals is not None else half_unit(value)
    if h == 0 or (value == 0 and zero_exact):
        return Interval(value, value)
    if value > 0:
        return Interval(value - h, value + h, False, True)
    if value < 0:
        return Interval(value - h, value + h, True, False)
    return Interval(-h, h, True, True)


def total(terms: Iterable[tuple[int, Decimal]]) -> Interval:
    """Σ sign × exact value of printed terms ((sign, printed value), …)."""
    result = Interval(Decimal(0), Decimal(0))
    for sign, value in terms:
        interval = printed(value)
        result = result + (interval if sign > 0 else -interval)
    return result


def quotient(part: Interval, whole: Interval) -> Interval | None:
    """part / whole for a whole that cannot be 0 (None when it can: nothing to judge).

    An end that Decimal had to round (1/3) is widened by 10⁻²⁰ and closed, so that a
    rounded quotient never makes a consistent figure look inconsistent."""
    if whole.contains(Decimal(0)) or whole.low == 0 or whole.high == 0:
        return None
    ends = []
    for a, a_open in ((part.low, part.low_open), (part.high, part.high_open)):
        for b, b_open in ((whole.low, whole.low_open), (whole.high, whole.high_open)):
            with localcontext() as context:
                context.clear_flags()
                value = a / b
                exact = not context.flags[Inexact]
            ends.append((value, a_open or b_open, exact))
    low = min(ends, key=lambda e: (e[0], e[1]))
    high = max(ends, key=lambda e: (e[0], not e[1]))
    return Interval(low[0] if low[2] else low[0] - _SLACK, high[0] if high[2] else high[0] + _SLACK,
                    low[1] and low[2], high[1] and high[2])


_SLACK = Decimal("1e-20")


def percent_of(part: Interval, whole: Interval) -> Interval | None:
    ratio = quotient(part, whole)
    return None if ratio is None else ratio.scale(HUNDRED)


def consistent(result: Interval | None, value: Decimal, decimals: int) -> bool:
    """Whether some exact value in ``result`` prints as ``value`` at ``decimals`` places."""
    return result is None or result.meets(printed(value, decimals, zero_exact=False))


def judge_sum(terms: list[tuple[int, Decimal]]) -> str:
    """The outcome of an identity Σ sign × term == 0 whose printed terms do not add up.

    ``terms`` are (sign, printed value) with both sides moved to one: left +, right −."""
    if total(terms).contains(Decimal(0)):
        return ROUNDING
    inexact = [(sign, value) for sign, value in terms if half_unit(value)]
    if len(inexact) == 2 and inexact[0][0] != inexact[1][0] and len(inexact) == len(
            [t for t in terms if t[1] != 0]):
        difference = abs(inexact[0][1] - inexact[1][1])
        if difference <= max(unit(inexact[0][1]), unit(inexact[1][1])):
            return PRINTED_TWICE
    return ERROR


def judge_same(first: Decimal, second: Decimal, first_decimals: int | None = None,
               second_decimals: int | None = None) -> str | None:
    """The outcome for one quantity printed twice (None: some exact value prints as both)."""
    if printed(first, first_decimals).meets(printed(second, second_decimals)):
        return None
    steps = [HALF.scaleb(-d) * 2 if d is not None else unit(v)
             for v, d in ((first, first_decimals), (second, second_decimals))]
    return PRINTED_TWICE if abs(first - second) <= max(steps) else ERROR


def envelope(values: Iterable[Decimal], cap: Decimal | None = None) -> Decimal:
    """The largest difference rounding alone explains for figures added together: half a
    printed unit per non-zero figure (an upper bound; ``judge_sum`` is the exact test)."""
    result = sum((half_unit(v) for v in values), Decimal(0))
    return result if cap is None else min(result, cap)


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
FAILURES_KEY = "failures"
"""Identity errors with their signed cells, for the runner's one-finding-per-defect step."""


def defer_rounding(shared: dict, group: str, finding: object) -> None:
    """Keep a rounding-level finding aside; the runner merges each group into one 提示 (R-001)."""
    shared.setdefault(ROUNDING_KEY, {}).setdefault(group, []).append(finding)


def settle(ctx, group: str, finding, outcome: str, terms=None):
    """What becomes of a finding once its outcome is judged: a rounding difference is set
    aside (R-001), a figure printed twice one unit apart becomes an R-005 警告, an error is
    returned as it is (and its signed cells kept for ``checks.defects``)."""
    if outcome == ROUNDING:
        defer_rounding(ctx.shared, group, finding)
        return None
    if outcome == PRINTED_TWICE:
        return replace(finding, rule_id=PRINTED_TWICE_RULE, severity="警告",
                       message=f"同一数字两处打印不一致（相差一个末位单位，舍入无法解释）：{finding.message}"
                               f"（{finding.rule_id}）",
                       suggestion="同一数字各处应取同一打印值（通常一处由元直接取整、另一处由取整后的数相加）")
    if terms is not None:
        ctx.shared.setdefault(FAILURES_KEY, []).append((finding, tuple(terms)))
    return finding
