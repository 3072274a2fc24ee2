"""Targets and actuals of 绩效指标 as printed: operator, value, unit or qualitative text.

Only the surface syntax lives here (so the model can expose a parsed view); the
scoring rules that use it live in ``juesuan.scoring``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .base import Frozen

_OPERATORS = {
    ">=": "≥", "≥": "≥", "=>": "≥", "不低于": "≥", "不少于": "≥", "大于等于": "≥",
    "<=": "≤", "≤": "≤", "=<": "≤", "不高于": "≤", "不超过": "≤", "小于等于": "≤",
    ">": ">", "大于": ">", "<": "<", "小于": "<", "=": "=", "＝": "=", "等于": "=",
}
_OPERATOR_RE = "|".join(sorted((re.escape(k) for k in _OPERATORS), key=len, reverse=True))
_NUMBER_RE = r"[-+]?\d+(?:\.\d+)?"
_MEASURE_RE = re.compile(
    rf"^\s*(?P<op>{_OPERATOR_RE})?\s*(?P<value>{_NUMBER_RE})\s*"
    rf"(?:(?:-|~|～|—|至)\s*(?P<upper>{_NUMBER_RE}))?\s*(?P<unit>[^\d\s].*?)?\s*$"
)


class Measure(Frozen):
    """A parsed target or actual. ``value`` is None for qualitative text."""

    raw: str
    operator: str | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    @property
    def text(self) -> str:
        return self.raw


def normalise(text: str) -> str:
    """NFKC (full-width → half-width) and collapse whitespace, keeping ≥/≤."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_measure(text: str) -> Measure:
    """Parse ``">=20 次"``, ``"≤2.00万元"``, ``"100 %"``, ``"80-90%"`` or keep text."""
    clean = normalise(text)
    match = _MEASURE_RE.match(clean)
    if not match:
        return Measure(raw=text)
    try:
        value = Decimal(match["value"])
        upper = Decimal(match["upper"]) if match["upper"] else None
    except InvalidOperation:
        return Measure(raw=text)
    unit = (match["unit"] or "").strip() or None
    if unit and re.search(r"\d", unit):
        return Measure(raw=text)
    operator = _OPERATORS.get(match["op"]) if match["op"] else None
    if upper is not None:
        operator = "range"
    return Measure(raw=text, operator=operator, value=value, upper=upper, unit=unit)
