"""One Chinese line per indicator: how its suggested score or allowed range comes about.

E.g. "完成值27次/指标值40次 × 分值5 = 3.38". Pure string formatting of numbers the
engine already computed; nothing here decides a score.
"""

from __future__ import annotations

from decimal import Decimal

from ..model.measures import Measure


def num(value: Decimal | None) -> str:
    """A Decimal as printed: no exponent, no trailing ".0" noise beyond what was given."""
    if value is None:
        return "—"
    text = format(value, "f")
    return text


def measure(m: Measure | None) -> str:
    if m is None or m.value is None:
        return m.raw if m is not None else "—"
    return f"{num(m.value)}{m.unit or ''}"


def percent(fraction: Decimal) -> str:
    return f"{num((fraction * 100).normalize())}%"


def proportional(target: Measure, actual: Measure, weight: Decimal, result: Decimal) -> str:
    return f"完成值{measure(actual)}/指标值{measure(target)} × 分值{num(weight)} = {num(result)}"


def met(target: Measure, actual: Measure, weight: Decimal, sign: str) -> str:
    return f"完成值{measure(actual)} {sign} 指标值{measure(target)}，得满分{num(weight)}"


def reverse_zero(target: Measure, actual: Measure) -> str:
    return f"完成值{measure(actual)} > 指标值{measure(target)}，反向指标超标不得分 = 0"


def reverse_linear(target: Measure, actual: Measure, weight: Decimal, result: Decimal) -> str:
    return (f"(1 − (完成值{measure(actual)} − 指标值{measure(target)}) / 指标值{measure(target)}) "
            f"× 分值{num(weight)} = {num(result)}（2倍指标值及以上为0）")


def zero_target(target: Measure, actual: Measure, weight: Decimal, result: Decimal) -> str:
    verdict = "得满分" if result == weight else "不得分"
    return f"指标值{measure(target)}为0：完成值{measure(actual)}{'≤' if result else '>'}0，{verdict} = {num(result)}"


def zero_output(target: Measure, actual: Measure, weight: Decimal) -> str:
    return (f"完成值{measure(actual)} ≤ 指标值{measure(target)}，但完成值为0：产出可能未实现，"
            f"需人工判断，得分范围 [0, {num(weight)}]")


def band(label: str, band_name: str, low_pct: Decimal, high_pct: Decimal, inclusive: bool,
         weight: Decimal, low: Decimal, high: Decimal) -> str:
    close = "]" if inclusive else ")"
    return (f"定性：{label} → {band_name}档 [{percent(low_pct)}, {percent(high_pct)}{close} × 分值{num(weight)}"
            f" = [{num(low)}, {num(high)}{close}")


def manual(reason: str, weight: Decimal) -> str:
    return f"需人工判断：{reason}；得分范围 [0, {num(weight)}]"


def execution(rate: Decimal | None, weight: Decimal, result: Decimal | None, capped: bool) -> str:
    if rate is None:
        return "全年预算数为0或未填，无法计算执行率"
    formula = "min(执行率, 100%)" if capped else "执行率"
    return f"{formula} × 分值{num(weight)} = {num(result)}（执行率 {num(rate)}%）"
