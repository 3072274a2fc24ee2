"""What kind of indicator a row is: operators, units, qualitative targets and result labels.

``classify(indicator, policy)`` reads the printed 年度指标值 / 实际完成值 and decides which
scoring rule applies. The surface parsing is ``juesuan.model.measures``; the words that
make a target qualitative and the result labels that map to a band are listed here and
in ``policies.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model.measures import Measure, normalise, parse_measure
from ..model.performance import Indicator
from .policies import Policy

RULE_BY_OPERATOR: dict[str | None, str] = {
    "≥": "positive", ">": "positive", "=": "equal", None: "equal",
    "≤": "reverse", "<": "reverse", "range": "range",
}
"""Scoring rule per target operator (a bare number is read as "=")."""

QUALITATIVE_TARGETS: tuple[str, ...] = (
    "显著提升", "不断提升", "有效提升", "逐步提升", "持续提升", "明显提升",
    "不断提高", "逐步提高", "有效提高", "持续提高", "明显提高",
    "有效改善", "持续改善", "明显改善", "逐步改善",
    "有效推动", "不断推动", "持续推动", "持续保持", "保持稳定", "效果明显", "成效显著",
)
"""Qualitative 年度指标值 wording seen in SEED and common templates (not exhaustive)."""


@dataclass(frozen=True)
class Classified:
    """An indicator row read for scoring."""

    rule: str
    """positive | equal | reverse | range | qualitative | manual | placeholder."""
    target: Measure | None
    actual: Measure | None
    band: str | None = None
    """For qualitative rows: the policy band of the result label (达成/部分达成/未达成)."""
    reason: str | None = None
    """Why a row goes to human judgement (manual), in Chinese."""


@lru_cache(maxsize=4096)  # units and result labels: a few dozen texts, cleaned 370 times per Urumqi check
def _clean(text: str) -> str:
    return _SPACE.sub("", normalise(text))


_SPACE = re.compile(r"\s+")


def result_band(text: str | None, policy: Policy) -> str | None:
    """Band of a result label (完全达到预期效果 → 达成), exact label first, then containment."""
    if not text:
        return None
    clean = _clean(text)
    labels, longest_first = _label_table(tuple(policy.result_labels.items()))
    if clean in labels:
        return labels[clean]
    for label in longest_first:
        if label in clean:
            return labels[label]
    return None


@lru_cache(maxsize=32)
def _label_table(items: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], tuple[str, ...]]:
    """A policy's labels, cleaned once (every qualitative row of every 自评表 consults them)."""
    labels = {_clean(k): v for k, v in items}
    return labels, tuple(sorted(labels, key=len, reverse=True))


def is_qualitative_target(text: str | None) -> bool:
    """A target without a measurable number (显著提升, a sentence of intent …)."""
    if not text:
        return False
    measure = parse_measure(text)
    return not measure.is_quantitative


def same_unit(target: Measure, actual: Measure) -> bool:
    """Units agree, or one side omits it (a bare "100" against "100%")."""
    if not target.unit or not actual.unit:
        return True
    return _clean(target.unit) == _clean(actual.unit)


def classify(indicator: Indicator, policy: Policy) -> Classified:
    if indicator.is_placeholder:
        return Classified("placeholder", None, None)
    target = parse_measure(indicator.target) if indicator.target else None
    actual = parse_measure(indicator.actual) if indicator.actual else None
    if target is None or not target.is_quantitative:
        band = result_band(indicator.actual, policy)
        if band is not None:
            return Classified("qualitative", target, actual, band=band)
        why = "实际完成值不是已知的定性结果标签" if indicator.actual else "未填实际完成值"
        return Classified("manual", target, actual, reason=why)
    if target.is_compound:
        return Classified("manual", target, actual, reason=f"复合指标值（{target.rest}）需人工判断")
    if actual is None or not actual.is_quantitative:
        band = result_band(indicator.actual, policy)
        if band is not None:  # a number target answered with a label
            return Classified("qualitative", target, actual, band=band)
        return Classified("manual", target, actual, reason="实际完成值不是数值")
    if not same_unit(target, actual):
        return Classified("manual", target, actual,
                          reason=f"计量单位不一致（{target.unit} / {actual.unit}）")
    return Classified(RULE_BY_OPERATOR[target.operator], target, actual)


def ratio(actual: Decimal, target: Decimal) -> Decimal | None:
    """完成值 / 指标值, None for a zero target."""
    return None if target == 0 else actual / target
