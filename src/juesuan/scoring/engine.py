"""The single implementation of the 自评 scoring rules, per indicator (see docs/scoring.md).

``score_indicator(indicator, policy, project)`` gives the suggested score, the range a
reported score may lie in under the policy, the score the engine counts in its total
(``recomputed``), a status and one explanation line. Project-level arithmetic (funds,
执行率, Σ分值, 总分) is in ``project.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model.performance import Indicator
from . import explain
from .issues import (
    ACTUAL_OPERATOR, ERROR, INDICATOR_RULE, INFO, JUDGEMENT, MISSING, REASON_REQUIRED, ROUNDING,
    SCORE_RANGE, STRICT_EQUAL, WARNING, Issue,
)
from .policies import Policy
from .targets import Classified, classify

ZERO = Decimal(0)


@dataclass(frozen=True)
class IndicatorScore:
    """How one 三级指标 row scores under a policy, next to what was reported."""

    position: int
    indicator: Indicator
    rule: str
    weight: Decimal | None
    reported: Decimal | None
    suggested: Decimal | None
    """The formula's score (None for qualitative and manual rows)."""
    low: Decimal | None
    high: Decimal | None
    high_inclusive: bool
    recomputed: Decimal | None
    """What the engine counts: the formula, or the reported score kept within the range."""
    status: str
    """match | rounding | outside | judgement | missing | placeholder."""
    explanation: str
    issues: tuple[Issue, ...] = ()

    @property
    def name(self) -> str:
        return self.indicator.name or self.indicator.level2


def quantize(value: Decimal, policy: Policy) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-policy.rounding.places), rounding=ROUND_HALF_UP)


def _positive(c: Classified, w: Decimal, policy: Policy, target: Decimal) -> tuple[Decimal, str]:
    a = c.actual.value  # type: ignore[union-attr]
    if target == 0:
        result = w if a <= 0 else ZERO
        return result, explain.zero_target(c.target, c.actual, w, result)  # type: ignore[arg-type]
    if a >= target:
        return w, explain.met(c.target, c.actual, w, "≥")  # type: ignore[arg-type]
    result = quantize(max(a, ZERO) / target * w, policy)
    return result, explain.proportional(c.target, c.actual, w, result)  # type: ignore[arg-type]


def _reverse(c: Classified, w: Decimal, policy: Policy, target: Decimal) -> tuple[Decimal, str]:
    a = c.actual.value  # type: ignore[union-attr]
    if a <= target:
        return w, explain.met(c.target, c.actual, w, "≤")  # type: ignore[arg-type]
    if policy.reverse == "zero_if_exceeded" or target <= 0 or a >= 2 * target:
        return ZERO, explain.reverse_zero(c.target, c.actual)  # type: ignore[arg-type]
    result = quantize((1 - (a - target) / target) * w, policy)
    return result, explain.reverse_linear(c.target, c.actual, w, result)  # type: ignore[arg-type]


def _formula(c: Classified, w: Decimal, policy: Policy) -> tuple[Decimal, str]:
    target = c.target.value  # type: ignore[union-attr]
    if c.rule == "reverse":
        return _reverse(c, w, policy, target)  # type: ignore[arg-type]
    if c.rule == "range":
        upper = c.target.upper  # type: ignore[union-attr]
        if c.actual.value > upper:  # type: ignore[union-attr,operator]
            return _reverse(c, w, policy, upper)  # type: ignore[arg-type]
    return _positive(c, w, policy, target)  # type: ignore[arg-type]


def _is_zero_output(c: Classified, indicator: Indicator) -> bool:
    """A ≤ cost row with 完成值 0: "underspent" may mean "not delivered"."""
    money = bool(c.target and c.target.unit and "元" in c.target.unit)
    return (c.rule == "reverse" and c.actual is not None and c.actual.value == 0
            and (money or indicator.level2 == "成本指标") and (c.target.value or 0) > 0)  # type: ignore[union-attr]


def _band_limits(c: Classified, w: Decimal, policy: Policy) -> tuple[Decimal, Decimal, bool, str]:
    band = policy.qualitative_bands[c.band]  # type: ignore[index]
    low, high = quantize(w * band.low, policy), quantize(w * band.high, policy)
    text = explain.band(c.actual.raw if c.actual else "", c.band, band.low, band.high,  # type: ignore[arg-type]
                        band.high_inclusive, w, low, high)
    return low, high, band.high_inclusive, text


def _clamp(value: Decimal, low: Decimal, high: Decimal, inclusive: bool, policy: Policy) -> Decimal:
    step = Decimal(1).scaleb(-policy.rounding.places)
    top = high if inclusive else max(low, high - step)  # an empty band (分值 0) collapses to its low end
    return min(max(value, low), top)


def _within(value: Decimal, low: Decimal, high: Decimal, inclusive: bool) -> bool:
    return low <= value and (value <= high if inclusive else value < high)


def score_indicator(indicator: Indicator, policy: Policy, project: str = "", position: int = 0) -> IndicatorScore:
    """Score one row; never raises on odd input (odd rows become 'judgement' or 'missing')."""
    c = classify(indicator, policy)
    w, reported, name = indicator.weight, indicator.score, indicator.name or indicator.level2
    issues: list[Issue] = []

    def issue(code: str, severity: str, message: str, expected=None, actual=None) -> None:
        issues.append(Issue(code, severity, project, name, message, expected, actual))

    def result(suggested, low, high, inclusive, recomputed, status, text) -> IndicatorScore:
        return IndicatorScore(position, indicator, c.rule, w, reported, suggested, low, high, inclusive,
                              recomputed, status, text, tuple(issues))

    if c.rule == "placeholder":
        return result(None, None, None, True, None, "placeholder", "（空二级指标行）")
    if w is None:
        issue(MISSING, ERROR, "未填分值")
        return result(None, None, None, True, reported, "missing", "未填分值，无法评分")
    if reported is not None and (reported < 0 or reported > w):
        issue(SCORE_RANGE, ERROR, f"得分{reported}超出 [0, 分值{w}]", expected=w, actual=reported)

    suggested: Decimal | None = None
    inclusive, judged = True, False
    if c.rule in ("positive", "equal", "reverse", "range"):
        suggested, text = _formula(c, w, policy)
        tol = policy.rounding.tolerance
        low, high = max(ZERO, suggested - tol), min(w, suggested + tol)
        if _is_zero_output(c, indicator) and policy.zero_actual_cost == "judgement":
            low, high, judged = ZERO, w, True
            text = explain.zero_output(c.target, c.actual, w)  # type: ignore[arg-type]
            issue(JUDGEMENT, INFO, "成本指标完成值为0，产出可能未实现，得分需人工判断", actual=reported)
        if c.target.operator in (">", "<") and c.actual.value == c.target.value:  # type: ignore[union-attr]
            issue(STRICT_EQUAL, INFO, f"指标值为严格{c.target.operator}，完成值恰好等于指标值，按达成计分")  # type: ignore[union-attr]
        if c.actual.operator is not None:  # type: ignore[union-attr]
            issue(ACTUAL_OPERATOR, INFO, f"实际完成值带运算符“{c.actual.raw}”，按数值{c.actual.value}计")  # type: ignore[union-attr]
        _over_completion(c, policy, indicator, issue)
    elif c.rule == "qualitative":
        low, high, inclusive, text = _band_limits(c, w, policy)
    else:
        low, high, judged = ZERO, w, True
        text = explain.manual(c.reason or "", w)
        issue(JUDGEMENT, INFO, f"需人工判断：{c.reason}", actual=reported)

    if reported is None:
        issue(MISSING, ERROR, "未填得分")
        return result(suggested, low, high, inclusive, suggested, "missing", text)
    clamped = _clamp(reported, low, high, inclusive, policy)
    if judged:
        status, recomputed = "judgement", clamped
    elif suggested is not None:
        recomputed = suggested
        diff = reported - suggested
        status = "match" if diff == 0 else ("rounding" if abs(diff) <= policy.rounding.tolerance else "outside")
        if status == "rounding":
            issue(ROUNDING, INFO, f"得分{reported}与规则{suggested}相差{diff}（舍入差异）", suggested, reported)
        elif status == "outside":
            hint = "（已填偏差原因，可能为人工判断）" if indicator.deviation_reason else ""
            issue(INDICATOR_RULE, WARNING, f"得分{reported}与规则得分{suggested}不符{hint}", suggested, reported)
    else:
        status = "match" if _within(reported, low, high, inclusive) else "outside"
        recomputed = clamped
        if status == "outside":
            close = "]" if inclusive else ")"
            issue(INDICATOR_RULE, WARNING, f"定性指标“{c.actual.raw if c.actual else ''}”得分{reported}"
                  f"不在{c.band}档 [{low}, {high}{close}", f"[{low}, {high}{close}", reported)
    if policy.reason_required_below_weight and reported < w and not (indicator.deviation_reason or "").strip():
        issue(REASON_REQUIRED, WARNING, f"得分{reported}低于分值{w}，未填偏差原因分析及改进措施", w, reported)
    return result(suggested, low, high, inclusive, recomputed, status, text)


def _over_completion(c: Classified, policy: Policy, indicator: Indicator, issue) -> None:
    rule = policy.over_completion
    if rule.rule != "reason_required" or rule.threshold is None or c.rule not in ("positive", "equal"):
        return
    target, actual = c.target.value, c.actual.value  # type: ignore[union-attr]
    if target and target > 0 and actual / target >= rule.threshold and not (indicator.deviation_reason or "").strip():  # type: ignore[operator]
        issue(REASON_REQUIRED, WARNING,
              f"完成值{actual}达到指标值{target}的{explain.percent(actual / target)}"  # type: ignore[operator]
              f"（≥{explain.percent(rule.threshold)}），须说明原因（指标值是否偏低）", target, actual)
