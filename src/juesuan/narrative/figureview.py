"""What templates see of the figures: printable objects that remember their claims.

A template writes ``{{ f.amount("summary.income.grand_total") }}``; the view derives the
claim (``juesuan.figures.derive``), prints it in the profile's style and leaves an
invisible mark in the text, so that composition can attach each printed claim to the
paragraph that prints it. Templates never compute: they only choose and word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..figures import derive
from ..model import Claim, Disclosure
from .wording import (
    PLACEHOLDER_REASON, PLACEHOLDER_VALUE, Wording, clean_reason, format_count, format_money,
    format_percent,
)

MARK = re.compile("\ue000(\\d+)\ue001")


@dataclass
class Recorder:
    """Claims printed so far, each with the text that prints it; ``mark`` returns the marked text.

    The printed text is applied when the claim is placed in its paragraph (one model copy per
    claim, not two)."""

    claims: list[tuple[Claim, str | None]] = field(default_factory=list)

    def mark(self, claim: Claim, text: str) -> str:
        self.claims.append((claim, text))
        return f"\ue000{len(self.claims) - 1}\ue001{text}"

    def take(self, text: str) -> tuple[str, tuple[tuple[Claim, str | None, int], ...]]:
        """Strip the marks from ``text``; return it with the claims it prints, their text and where."""
        plain, found, last, length = [], [], 0, 0
        for match in MARK.finditer(text):
            piece = text[last:match.start()]
            plain.append(piece)
            length += len(piece)
            found.append((*self.claims[int(match.group(1))], length))
            last = match.end()
        plain.append(text[last:])
        return "".join(plain), tuple(found)


@dataclass(frozen=True)
class Fig:
    """One printed figure; ``str()`` gives the marked text, or a visible placeholder."""

    text: str
    claim: Claim | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def ok(self) -> bool:
        return self.claim is not None

    @property
    def value(self) -> Decimal | None:
        return self.claim.value if self.claim else None

    @property
    def zero(self) -> bool:
        return self.claim is not None and self.claim.value == 0


class _Reasoned:
    """The 主要原因 of a comparison: as given, or the visible placeholder when missing."""

    reason_text: str | None

    @property
    def reason(self) -> str:
        return self.reason_text or PLACEHOLDER_REASON

    @property
    def has_reason(self) -> bool:
        return self.reason_text is not None


@dataclass(frozen=True)
class Change(_Reasoned):
    """增减额 and 增减率 against 上年, with their direction words and the reason."""

    amount: Fig
    rate: Fig | None
    word: str | None
    """增加 / 减少 / 持平."""
    rate_word: str | None
    """增长 / 下降 / 持平."""
    reason_text: str | None

    @property
    def ok(self) -> bool:
        return self.amount.ok

    @property
    def flat(self) -> bool:
        """No change (the printed word may still be 增加 under ``flat_style: zero_change``)."""
        return self.amount.zero


@dataclass(frozen=True)
class BudgetComparison(_Reasoned):
    """决算数 against 年初/全年预算: 预算数, 差异率, 完成率, 大于/小于/等于 and the reason."""

    budget: Fig
    final: Fig
    variance: Fig | None
    completion: Fig | None
    word: str | None
    reason_text: str | None

    @property
    def ok(self) -> bool:
        return self.budget.ok

    @property
    def equal(self) -> bool:
        return self.word == "等于"


class FigureView:
    """The ``f`` object of every template."""

    def __init__(self, d: Disclosure, wording: Wording, recorder: Recorder) -> None:
        self.d, self.wording, self.recorder = d, wording, recorder

    def _fig(self, claim: Claim | None, style: str | None = None) -> Fig:
        if claim is None:
            return Fig(PLACEHOLDER_VALUE)
        return Fig(self.recorder.mark(claim, self._print(claim, style)), claim)

    def _print(self, claim: Claim, style: str | None = None) -> str:
        if claim.unit == "%":
            return format_percent(claim.value, self.wording.percent_style)
        if claim.measure == "count":
            return format_count(claim.value)
        return format_money(claim.value, style or self.wording.amount_style)

    def amount(self, item: str, unit: str = "万元", style: str | None = None) -> Fig:
        """决算数 of ``item``; ``style`` ``fixed``/``trim`` overrides the profile's amount style."""
        return self._fig(derive.amount(self.d, item, unit), style)

    def count(self, item: str, unit: str = "个") -> Fig:
        return self._fig(derive.count(self.d, item, unit))

    def share(self, item: str, base: str) -> Fig:
        return self._fig(derive.share(self.d, item, base))

    def value(self, item: str) -> Decimal | None:
        """The raw value, for template conditions only (never printed)."""
        claim = derive.amount(self.d, item)
        return claim.value if claim else None

    def change(self, item: str) -> Change:
        amount = derive.change_amount(self.d, item)
        rate = derive.change_rate(self.d, item, self.wording.zero_base)
        if amount and amount.direction == "持平" and self.wording.flat_style == "zero_change":
            amount = amount.model_copy(update={"direction": "增加"})
            rate = rate.model_copy(update={"direction": "增长"}) if rate else None
        return Change(
            amount=self._fig(amount), rate=self._fig(rate) if rate else None,
            word=amount.direction if amount else None,
            rate_word=rate.direction if rate else (amount and _rate_word(amount.direction)),
            reason_text=self.reason(item),
        )

    def budget(self, item: str, base: str = "initial_budget", style: str | None = None) -> BudgetComparison:
        variance = derive.budget_variance_rate(self.d, item, base)
        completion = derive.completion_rate(self.d, item, base)
        return BudgetComparison(
            budget=self._fig(derive.budget(self.d, item, base), style),
            final=self.amount(item, style=style),
            variance=self._fig(variance) if variance else None,
            completion=self._fig(completion) if completion else None,
            word=derive.budget_direction(self.d, item, base),
            reason_text=self.budget_reason(item),
        )

    def reason(self, item: str) -> str | None:
        text = derive.reason(self.d, item)
        return clean_reason(text) if text else None

    def budget_reason(self, item: str) -> str | None:
        text = derive.budget_reason(self.d, item)
        return clean_reason(text) if text else None

    def purpose(self, item: str) -> str | None:
        text = derive.purpose(self.d, item)
        return clean_reason(text) if text else None

    def silent(self, fig: Fig) -> str:
        """Attach ``fig``'s claim without printing a figure (a 持平 stated in words only);
        the claim then has no ``text``, as parsing reads such a statement back."""
        if fig.claim is None:
            return ""
        self.recorder.claims.append((fig.claim, None))
        return f"\ue000{len(self.recorder.claims) - 1}\ue001"

    def claim(self, claim: Claim | None) -> Fig:
        """Print a claim built elsewhere (e.g. performance totals)."""
        return self._fig(claim)


def _rate_word(word: str | None) -> str | None:
    return {"增加": "增长", "减少": "下降", "持平": "持平"}.get(word or "")
