"""A reason that describes the opposite change: "减少…主要原因是…导致支出增加".

N-006 judges the direction word of a claim against the tables; this rule judges its
主要原因. The effect a reason names (what follows 导致/致使/使得/造成/从而) is compared
with the direction the tables give (or, without them, the sentence's own word): an effect
in the opposite direction only is certainly wrong (错误). Without an effect clause, a
reason whose every direction word is opposite is very likely wrong (警告).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .. import figures
from ..model import Claim
from .lines import half_width
from .locate import describe_item as describe
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule

_SIGN = {"增加": 1, "增长": 1, "大于": 1, "减少": -1, "下降": -1, "小于": -1, "持平": 0, "等于": 0}
_UP = "增加|增长|上升|提高|增多|追加|新增|加大|扩大"
_DOWN = "减少|下降|降低|减小|压减|缩减|核减|削减|压缩"
_WORD = re.compile(rf"(?<!未)(?<!没有)(?<!不)(?<!无)(?<!未有)({_UP}|{_DOWN})")
_EFFECT = re.compile(r"导致|致使|使得|造成|从而|因而|因此|所以")
_MEASURES = ("change_amount", "change_rate", "budget_variance_rate")


def _signs(text: str) -> set[int]:
    return {1 if re.fullmatch(_UP, m.group(1)) else -1 for m in _WORD.finditer(text)}


def reason_sign(reason: str) -> tuple[int | None, bool]:
    """(direction the reason describes, whether it names an effect), None when it says none or both."""
    reason = half_width(reason)
    effects = list(_EFFECT.finditer(reason))
    text = reason[effects[-1].end():] if effects else reason
    signs = _signs(text)
    return (signs.pop() if len(signs) == 1 else None), bool(effects)


@rule("N-101", family="说明↔表", severity="错误",
      title="主要原因所述的变化方向与实际增减（决算与预算）一致：“减少…主要原因是…导致增加”是错的")
def opposite_reasons(ctx: RuleContext):
    d = ctx.disclosure
    seen = set()
    for claim in d.claims:
        budget_statement = claim.measure in ("amount", "completion_rate") and claim.base in _BUDGET_BASES
        if not (claim.measure in _MEASURES or budget_statement) or not claim.reason or (claim.item, claim.reason) in seen:
            continue
        seen.add((claim.item, claim.reason))
        said, effect = reason_sign(claim.reason)
        if said is None:
            continue
        if budget_statement:
            final = figures.value(d, claim.item)
            budget = figures.budget_of(d, claim.item, claim.base or "initial_budget")
            wanted = figures.direction_budget(final, budget) or claim.direction
        else:
            wanted = figures.expected_for(claim, d).direction or claim.direction
        sign = _SIGN.get(wanted or "")
        if not sign or sign == said:
            continue
        actual = "增加" if said > 0 else "减少"
        yield ctx.finding(ctx.locate_claim(claim),
                          f"{describe(claim.item)}实际为“{wanted}”，主要原因却描述为{actual}：“{claim.reason}”",
                          severity=None if effect else "警告", expected=wanted, actual=actual,
                          suggestion="核对方向词与原因：原因应说明实际发生的变化")


_BUDGET_BASES = ("initial_budget", "full_year_budget")


def _printed_final(d, claim) -> Decimal | None:
    """The 决算数 the same sentence prints beside the budget ("年初预算为X万元，支出决算为Y万元")."""
    return next((c.value for c in d.claims if c.item == claim.item and c.measure == "amount" and c.base is None
                 and c.sentence == claim.sentence), None)


@rule("N-107", family="说明↔表", severity="错误",
      title="“决算数大于/小于/等于预算数”与预算数、决算数相符（表中数，无表时用同句所印之数）")
def budget_words(ctx: RuleContext):
    d = ctx.disclosure
    seen = set()
    for claim in d.claims:
        if claim.measure != "amount" or claim.base not in _BUDGET_BASES or claim.direction not in _SIGN:
            continue
        if claim.item in seen:
            continue
        seen.add(claim.item)
        budget = figures.budget_of(d, claim.item, claim.base) if claim.item else None
        final = figures.value(d, claim.item)
        if budget is None or final is None:
            budget, final = claim.value, _printed_final(d, claim)
        wanted = figures.direction_budget(final, budget)
        if wanted is None or _SIGN[wanted] == _SIGN[claim.direction]:
            continue
        roughly = _SIGN[claim.direction] == 0 and "基本" in (claim.sentence or "") + (claim.reason or "")
        if roughly and budget and abs(final - budget) <= abs(budget) * Decimal("0.05"):
            continue  # "基本持平" within 5 %: the writer's judgement, not a defect
        yield ctx.finding(ctx.locate_claim(claim),
                          f"{describe(claim.item)}决算数 {final}、预算数 {budget}，说明却写“决算数{claim.direction}预算数”",
                          severity="警告" if _SIGN[claim.direction] == 0 else None,
                          expected=wanted, actual=claim.direction, suggestion=f"改为“决算数{wanted}预算数”并核对原因")


@rule("N-108", family="说明↔表", severity="错误",
      title="同一句中同一项目的增减额与增减率方向一致（“增加X万元，下降Y%”自相矛盾）")
def change_words_agree(ctx: RuleContext):
    """Needs no table: a sentence that says 增加 of the amount and 下降 of the rate contradicts itself
    (a PDF read back without last year's figures still shows it)."""
    said: dict[tuple[str, str | None], dict[str, Claim]] = {}
    for claim in ctx.disclosure.claims:
        if claim.measure in ("change_amount", "change_rate") and _SIGN.get(claim.direction or ""):
            said.setdefault((claim.item, claim.sentence), {})[claim.measure] = claim
    for pair in said.values():
        amount, rate = pair.get("change_amount"), pair.get("change_rate")
        if amount is None or rate is None or _SIGN[amount.direction or ""] == _SIGN[rate.direction or ""]:
            continue
        yield ctx.finding(ctx.locate_claim(rate), f"{describe(rate.item)}同一句中写“{amount.direction}”又写"
                          f"“{rate.direction}”", expected=amount.direction, actual=rate.direction,
                          suggestion="按实际增减统一方向词")


@rule("N-109", family="说明↔表", severity="警告",
      title="写“持平/等于”的增减额、增减率本身应为0（“持平，减少1234.56万元”自相矛盾）")
def flat_with_a_change(ctx: RuleContext):
    """Needs no table: the figure printed with the word contradicts it. Where the tables give the
    direction, N-006 judges the word and this rule stays silent (one finding per defect)."""
    d = ctx.disclosure
    for claim in d.claims:
        if claim.measure not in ("change_amount", "change_rate") or claim.direction not in ("持平", "等于"):
            continue
        if claim.value is None or claim.value == 0 or figures.expected_for(claim, d).direction is not None:
            continue
        rate = claim.value if claim.measure == "change_rate" else None
        if "基本" in (claim.sentence or "") and rate is not None and abs(rate) <= 5:
            continue  # "基本持平" within 5 %: the writer's judgement
        unit = "%" if claim.measure == "change_rate" else "万元"
        yield ctx.finding(ctx.locate_claim(claim),
                          f"{describe(claim.item)}写“{claim.direction}”，所印增减{'率' if rate is not None else '额'}"
                          f"却为 {claim.value}{unit}", expected=Decimal(0), actual=claim.value,
                          suggestion="按实际增减改正方向词，或改正增减数")
