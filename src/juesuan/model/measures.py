"""Targets and actuals of 绩效指标 as printed: operator, value, unit or qualitative text.

Only the surface syntax lives here (so the model can expose a parsed view); the
scoring rules that use it live in ``juesuan.scoring``. A target such as
"≥3899 辆公交车和 494 个站台的视频监控系统" parses as ≥ 3899 辆 with the rest kept in
``rest``: such a compound target measures more than its first number, and the scoring
engine sends it to human judgement.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .base import Frozen

_OPERATORS = {
    ">=": "≥", "≥": "≥", "=>": "≥", "不低于": "≥", "不少于": "≥", "大于等于": "≥", "≧": "≥",
    "<=": "≤", "≤": "≤", "=<": "≤", "不高于": "≤", "不超过": "≤", "小于等于": "≤", "≦": "≤",
    ">": ">", "大于": ">", "<": "<", "小于": "<", "=": "=", "＝": "=", "等于": "=",
}
_OPERATOR_RE = "|".join(sorted((re.escape(k) for k in _OPERATORS), key=len, reverse=True))
_NUMBER_RE = r"[-+]?\d+(?:\.\d+)?"
_MEASURE_RE = re.compile(
    rf"^\s*(?P<op>{_OPERATOR_RE})?\s*(?P<value>{_NUMBER_RE})\s*"
    rf"(?:(?:-|~|～|—|至)\s*(?P<upper>{_NUMBER_RE}))?\s*(?P<unit>[^\d\s].*?)?\s*$"
)

UNITS: tuple[str, ...] = (
    "元/人次", "元/人", "元/次", "毫克每立方米", "mg/m3", "个工作日", "工作日", "万人次", "人次", "万元",
    "亿元", "元", "万吨", "吨", "万千瓦时", "千瓦时", "MW", "KW", "kW", "%", "‰", "小时", "分钟", "天", "日",
    "个月", "月", "年", "人", "次", "台", "座", "条", "份", "起", "分", "个", "处", "辆", "家", "项",
    "套", "批", "场", "期", "户", "间", "所", "公里", "千米", "米", "平方米", "亩", "件", "本", "篇",
)
"""Units seen in 自评表 (longest first when matching, so 人次 wins over 人)."""
_UNIT_RE = re.compile("|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)))


class Measure(Frozen):
    """A parsed target or actual. ``value`` is None for qualitative text."""

    raw: str
    operator: str | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    rest: str | None = None
    """Text after the first number and unit when it carries more numbers (compound target)."""

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    @property
    def is_compound(self) -> bool:
        return self.rest is not None

    @property
    def text(self) -> str:
        return self.raw


@lru_cache(maxsize=8192)  # pure; called for every target, actual and label of every 自评表
def normalise(text: str) -> str:
    """NFKC (full-width → half-width) and collapse whitespace, keeping ≥/≤."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def _split_unit(unit: str) -> tuple[str | None, str | None] | None:
    """(unit, rest) for a unit text; None when the text is not a unit at all."""
    if not re.search(r"\d", unit):
        return unit, None
    known = _UNIT_RE.match(unit)
    if not known:
        return None
    return known.group(0), unit[known.end():].strip() or None


@lru_cache(maxsize=4096)  # pure and returns a frozen Measure; a 自评表 re-reads the same texts
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
    unit, rest = None, None
    if match["unit"] and match["unit"].strip():
        split = _split_unit(match["unit"].strip())
        if split is None:  # "7×24小时运维…": a number inside prose, not a measure
            return Measure(raw=text)
        unit, rest = split
    operator = _OPERATORS.get(match["op"]) if match["op"] else None
    if upper is not None:
        operator = "range"
    return Measure(raw=text, operator=operator, value=value, upper=upper, unit=unit, rest=rest)
