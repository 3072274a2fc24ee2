"""说明↔表: every printed claim recomputed with ``figures.expected_for`` and compared.

Tolerance is the claim's printed precision (``Claim.text``: "33 %" → ±0.5, "6.8" → ±0.05).
Rates are computed from rounded 万元 figures while the writer may have used 元, so a rate
printed to 0.01 % and 0.01 away is a rounding 提示 (merged, R-001), not an error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import figures
from ..figures import ZeroBasePolicy
from ..model import Claim
from .locate import describe_item as describe
from .registry import REGISTRY, RuleContext
from .tolerance import (ERROR, HALF, HUNDRED, PRINTED_TWICE, ROUNDING, Interval, consistent, percent_of,
                        printed, printed_decimals, round_to, settle, unit)

rule = REGISTRY.rule
NARRATIVE_GROUP = "情况说明"
_SIGN = {"增加": 1, "增长": 1, "大于": 1, "减少": -1, "下降": -1, "小于": -1, "持平": 0, "等于": 0}
_RATES = ("share", "change_rate", "budget_variance_rate", "completion_rate")
WAN = Decimal(10000)
SHARE_BASES = (
    "summary.income.total", "summary.expenditure.total", "income.total.total", "expenditure.total.total",
    "general_budget.total.total", "fiscal_summary.expenditure.total.total", "three_public.final.total",
    "summary.income.grand_total", "procurement.total",
)
"""Denominators tried when a share does not recompute (to name a wrong one)."""


def _expected(ctx: RuleContext, claim: Claim) -> figures.Expected:
    """``figures.expected_for`` once per claim and run (N-002…N-006 all need it)."""
    cache = ctx.shared.setdefault("expected", {})
    key = id(claim)
    if key not in cache:
        cache[key] = figures.expected_for(claim, ctx.disclosure)
    return cache[key]


def _expected_amount(claim: Claim, ctx: RuleContext) -> Decimal | None:
    """An amount claim states the current value, or its 上年/预算 figure when ``base`` says so."""
    d = ctx.disclosure
    if claim.base == "prior_year":
        return figures.prior_of(d, claim.item)
    if claim.base in ("initial_budget", "full_year_budget"):
        return figures.budget_of(d, claim.item, claim.base)
    return figures.value(d, claim.item)


def _in_unit(value: Decimal, claim: Claim, ctx: RuleContext) -> Decimal:
    """Express a table figure in the claim's unit (a 元 figure in a 万元 disclosure)."""
    if claim.item.endswith("_yuan"):  # stored in 元 as printed (itemised 公务接待)
        return value if claim.unit == "元" else value / WAN
    if claim.unit == "元" and ctx.disclosure.meta.unit == "万元":
        return value * WAN
    if claim.unit == "万元" and ctx.disclosure.meta.unit == "元":
        return value / WAN
    return value


def _compare(ctx: RuleContext, claim: Claim, expected: Decimal, what: str, *, rate: bool,
             suggestion: str | None = None, factor: Decimal = Decimal(1)) -> Iterator:
    """Compare a printed claim with its recomputation; judge a difference by the envelope:
    a derived figure (share, change, rate) that some exact inputs produce is rounding; an
    amount restating a table figure one last-digit unit away is printed twice (警告)."""
    decimals = printed_decimals(claim.text, claim.value)
    stated = claim.value
    if round_to(expected, decimals) == round_to(stated, decimals):
        return
    difference = stated - expected
    finding = ctx.finding(
        ctx.locate_claim(claim), f"{describe(claim.item)}{what}说明中为 {claim.text or stated}，按表计算应为 "
        f"{_shown(expected, decimals, rate)}", expected=_shown(expected, decimals, rate), actual=stated,
        difference=difference, suggestion=suggestion or "按表中数字改正说明")
    result = settle(ctx, NARRATIVE_GROUP, finding, _outcome(ctx, claim, expected, decimals, factor))
    if result is not None:
        yield result


def _outcome(ctx: RuleContext, claim: Claim, expected: Decimal, decimals: int, factor: Decimal) -> str:
    if claim.measure in ("amount", "count"):  # one figure printed twice: table and text
        table = printed(expected / factor).scale(factor) if factor != 1 else printed(expected)
        if table.meets(printed(claim.value, decimals, zero_exact=False)):
            return ROUNDING
        step = max(HALF.scaleb(-decimals) * 2, unit(expected / factor) * factor)
        return PRINTED_TWICE if abs(claim.value - expected) <= step else ERROR
    return ROUNDING if consistent(_range(ctx, claim), claim.value, decimals) else ERROR


def _range(ctx: RuleContext, claim: Claim) -> Interval | None:
    """Every exact value a derived claim can have, from its printed inputs (None: unknown)."""
    inputs = [value for _, value in _expected(ctx, claim).inputs]
    if len(inputs) != 2 or any(v is None for v in inputs):
        return None
    first, second = (printed(v) for v in inputs)  # (part, whole) (current, prior) (final, budget)
    if claim.measure == "change_amount":
        return (first - second).magnitude()
    ratio = percent_of(first, second)
    if ratio is None or claim.measure in ("share", "completion_rate"):
        return ratio
    return (ratio - Interval(HUNDRED, HUNDRED)).magnitude()  # change and variance rates


def _shown(expected: Decimal, decimals: int, rate: bool) -> Decimal:
    """The expected figure as it should be printed: its precision, or the table's for amounts."""
    return round_to(expected, decimals if rate else max(decimals, 2))


def _claims(ctx: RuleContext, *measures: str) -> Iterator[Claim]:
    return (c for c in ctx.disclosure.claims if c.measure in measures)


@rule("N-001", family="说明↔表", severity="错误", title="说明中的金额、数量与表（或上年、预算数）一致")
def amounts(ctx: RuleContext):
    for claim in _claims(ctx, "amount", "count"):
        expected = _expected_amount(claim, ctx)
        if expected is None:
            continue
        converted = _in_unit(expected, claim, ctx)
        factor = converted / expected if expected else Decimal(1)
        yield from _compare(ctx, claim, converted, "", rate=False, factor=factor)


@rule("N-002", family="说明↔表", severity="错误", title="说明中的占比按规定分母重算一致（并指出疑似用错的分母）")
def shares(ctx: RuleContext):
    d = ctx.disclosure
    for claim in _claims(ctx, "share"):
        expected = _expected(ctx, claim).value
        decimals = printed_decimals(claim.text, claim.value)
        if expected is None or round_to(expected, decimals) == round_to(claim.value, decimals):
            continue
        hint = None
        part = figures.value(d, claim.item)
        for base in SHARE_BASES:  # only for a share that does not recompute
            other = figures.share(part, figures.value(d, base))
            if base != claim.base and other is not None and round_to(other, 2) == round_to(claim.value, 2):
                hint = f"该比例与以“{describe(base)}”为分母的结果一致，疑似用错分母"
        yield from _compare(ctx, claim, expected, "占比", rate=True, suggestion=hint)


@rule("N-003", family="说明↔表", severity="错误", title="说明中的增减额 = 本年数 − 上年数")
def change_amounts(ctx: RuleContext):
    for claim in _claims(ctx, "change_amount"):
        expected = _expected(ctx, claim).value
        if expected is not None and claim.text is not None:
            yield from _compare(ctx, claim, expected, "增减额", rate=False)


@rule("N-004", family="说明↔表", severity="错误", title="说明中的增减率 =（本年 − 上年）/ 上年")
def change_rates(ctx: RuleContext):
    for claim in _claims(ctx, "change_rate"):
        expected = _expected(ctx, claim)
        if expected.value is not None and not expected.undefined_reason:
            yield from _compare(ctx, claim, expected.value, "增减率", rate=True)


@rule("N-005", family="说明↔表", severity="错误", title="说明中的预决算差异率、预算完成率按预算数重算一致")
def budget_rates(ctx: RuleContext):
    for claim in _claims(ctx, "budget_variance_rate", "completion_rate"):
        expected = _expected(ctx, claim)
        if expected.value is not None:
            label = "预决算差异率" if claim.measure == "budget_variance_rate" else "预算完成率"
            yield from _compare(ctx, claim, abs(expected.value), label, rate=True)


@rule("N-006", family="说明↔表", severity="错误", title="说明中的方向词（增加/减少/持平、大于/小于）与数字相符")
def directions(ctx: RuleContext):
    for claim in ctx.disclosure.claims:
        if claim.direction is None or claim.measure in ("amount", "count", "share"):
            continue
        expected = _expected(ctx, claim)
        if expected.direction is None:
            continue
        stated, wanted = _SIGN.get(claim.direction), _SIGN.get(expected.direction)
        if stated is None or stated == wanted:
            continue
        wording_only = wanted == 0 and claim.value == 0
        # Two figures printed equal may differ below their last digit: "增加" is then not certainly wrong.
        yield ctx.finding(
            ctx.locate_claim(claim),
            f"{describe(claim.item)}说明写“{claim.direction}”，按表应为“{expected.direction}”"
            + ("（本年与比较数相等，应写持平）" if wording_only else
               "（表中两数打印相同，精确值的差不足一个末位单位）" if wanted == 0 else ""),
            severity="警告" if wanted == 0 else None, expected=expected.direction, actual=claim.direction,
            suggestion="相等时写“持平”，并说明无变化" if wording_only else "按实际增减改正方向词及原因")


@rule("N-007", family="说明↔表", severity="警告",
      title="比较基数为0时不得表述比率（预算数为0不得写完成率/差异率，GBC R004；上年为0的增长100%、"
            "预算与决算均为0的“完成预算的0%”为本地惯例，提示）")
def zero_bases(ctx: RuleContext):
    d = ctx.disclosure
    for claim in _claims(ctx, "change_rate", "budget_variance_rate", "completion_rate"):
        expected = figures.expected_for(claim, d, ZeroBasePolicy.UNDEFINED)
        if not expected.undefined_reason or expected.value is not None and claim.measure == "change_rate":
            continue
        current = figures.value(d, claim.item)
        if claim.measure == "change_rate":
            if current == 0:  # 0 against 0: no change, the rate is 0 by convention
                continue
            yield ctx.finding(ctx.locate_claim(claim), f"{describe(claim.item)}上年数为0，增减率无数学定义，说明写"
                              f"“{claim.direction or ''}{claim.text or claim.value}%”（本地惯例）", severity="提示",
                              actual=claim.value, suggestion="可改为“上年无此项支出”，不表述增长率")
            continue
        both_zero = current == 0  # "完成预算的0%" of nothing budgeted and nothing spent: a convention
        yield ctx.finding(
            ctx.locate_claim(claim), f"{describe(claim.item)}预算数为0，不应表述"
            f"{'预算完成率' if claim.measure == 'completion_rate' else '预决算差异率'}（说明写 {(claim.text or str(claim.value)).rstrip('%% ')}%）"
            + ("（预算与决算均为0，本地惯例）" if both_zero else ""),
            severity="提示" if both_zero else None,
            actual=claim.value, suggestion="删去比率，改述“年初未安排预算”")


@rule("N-008", family="说明↔表", severity="错误", title="金额单位不混用：以“元”标注的数字实为万元数（GBC R001）")
def units(ctx: RuleContext):
    for claim in _claims(ctx, "amount"):
        if claim.unit not in ("元", "万元") or claim.unit == ctx.disclosure.meta.unit or claim.item.endswith("_yuan"):
            continue
        expected = _expected_amount(claim, ctx)
        if expected is None or expected == 0:
            continue
        decimals = printed_decimals(claim.text, claim.value)
        if round_to(expected, decimals) == round_to(claim.value, decimals):
            yield ctx.finding(ctx.locate_claim(claim), f"{describe(claim.item)}说明写 {claim.text or claim.value}"
                              f"{claim.unit}，但该数为{ctx.disclosure.meta.unit}数", expected=ctx.disclosure.meta.unit,
                              actual=claim.unit, suggestion="统一使用万元")


_CHANGE_WORDS = ("增加", "减少", "增长", "下降", "提高", "降低")


@rule("N-014", family="说明↔表", severity="警告", title="写“持平”时不应再给出增减的原因（方向词与原因相符）")
def flat_with_change_reason(ctx: RuleContext):
    for claim in ctx.disclosure.claims:
        if claim.direction in ("持平", "等于") and claim.reason and any(w in claim.reason for w in _CHANGE_WORDS):
            yield ctx.finding(ctx.locate_claim(claim), f"{describe(claim.item)}说明写“{claim.direction}”，"
                              f"原因却是“{claim.reason}”", actual=claim.direction,
                              suggestion="核对增减方向：持平无须说明原因，有增减则改正方向词")
