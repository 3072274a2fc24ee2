"""Parts against wholes in the 说明's own figures: 中小企业 awards ≤ the 政府采购 total (货物 +
工程 + 服务 = the total is the identity N-010), the 三公 parts' changes add to the total change,
人员经费 + 公用经费 = the 基本支出 the paragraph states (in the scope it states it: 财政拨款 or
all sources).

The figures are the printed ones (claims), else the data's. Each printed amount may be off
by half a unit of its last digit, so a sum is wrong only beyond the sum of those halves;
within them it is a 尾差 (提示).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Claim
from .finding import Location
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule

_HALF_CENT = Decimal("0.005")
_SIGN = {"增加": 1, "增长": 1, "减少": -1, "下降": -1, "持平": 0}
BASIC_SCOPES = {
    "general_budget.total.basic": "一般公共预算财政拨款基本支出",
    "fiscal_summary.expenditure.total.basic": "财政拨款基本支出",
    "expenditure.total.basic": "基本支出（全部资金来源）",
}


def _decimals(claim: Claim | None) -> int | None:
    text = (claim.text if claim else None) or ""
    return (len(text.split(".")[1]) if "." in text else 0) if text else None


def _half_units(claims: list[Claim | None]) -> Decimal:
    """The sum of half a unit of each printed last digit ("7.04" → 0.005; data: half a cent).
    A whole number printed among figures with cents ("减少7万元" beside "0.04万元") dropped its
    zeros, as these texts do (5万元, 100万元): it counts to the cent, not to the 万元."""
    places = [_decimals(c) for c in claims]
    finest = max((p for p in places if p is not None), default=2)
    return sum((Decimal(5).scaleb(-(finest if p in (None, 0) else p) - 1) for p in places), Decimal(0))


def _printed(d, item: str, measure: str = "amount") -> Claim | None:
    return next((c for c in d.claims if c.item == item and c.measure == measure and c.base is None), None)


def _amount(d, item: str) -> tuple[Decimal | None, Claim | None]:
    """The 说明's figure for a matter: its claim, else the data (procurement.goods …)."""
    claim = _printed(d, item)
    if claim is not None:
        return claim.value, claim
    head, _, field = item.partition(".")
    return getattr(getattr(d, head, None), field, None), None


def _judge(ctx: RuleContext, where: Location, whole: tuple[Decimal, Claim | None],
           parts: list[tuple[Decimal, Claim | None]], what: str, *, at_most: bool = False) -> Iterator:
    total = sum((v for v, _ in parts), Decimal(0))
    difference = total - whole[0]
    if difference == 0 or at_most and difference < 0:
        return
    slack = _half_units([whole[1], *(c for _, c in parts)])
    rounding = abs(difference) <= slack
    relation = "不超过" if at_most else "等于"
    yield ctx.finding(where, f"{what}：各部分合计 {total}，{'应' + relation}总数 {whole[0]}（差 {difference}）"
                      + ("，在各数打印精度的舍入范围内（尾差）" if rounding else ""),
                      severity="提示" if rounding else None, expected=whole[0], actual=total, difference=difference,
                      suggestion="核对各部分与合计" if not rounding else "尾差可不修改")


@rule("N-104", family="说明↔表", severity="错误",
      title="政府采购：授予中小企业的合同金额（预留项目 + 其他项目）不超过支出总额（货物+工程+服务=总额 见 N-010）")
def procurement_parts(ctx: RuleContext):
    d = ctx.disclosure
    where = Location(text="情况说明 政府采购情况", section="procurement", item="procurement.total")
    total, total_claim = _amount(d, "procurement.total")
    if total is None:
        return
    sme = [_amount(d, f"procurement.{k}") for k in ("sme_awarded_in_reserved", "sme_awarded_other")]
    if all(v is not None for v, _ in sme):
        yield from _judge(ctx, where, (total, total_claim), sme, "授予中小企业合同金额（预留项目 + 其他项目）",
                          at_most=True)
    contracts = _amount(d, "procurement.sme_contracts")
    if contracts[0] is not None:
        yield from _judge(ctx, where, (total, total_claim), [contracts], "授予中小企业合同金额", at_most=True)


def _change(d, item: str) -> tuple[Decimal, Claim] | None:
    claim = next((c for c in d.claims if c.item == item and c.measure == "change_amount"), None)
    if claim is None or _SIGN.get(claim.direction or "") is None:
        return None
    return claim.value * _SIGN[claim.direction or ""], claim


@rule("N-105", family="说明↔表", severity="错误", title="“三公”经费：各项的增减额之和 = 合计的增减额（说明中所写）")
def three_public_changes(ctx: RuleContext):
    d = ctx.disclosure
    whole = _change(d, "three_public.final.total")
    vehicle = _change(d, "three_public.final.vehicle_total")
    vehicles = [vehicle] if vehicle else [_change(d, f"three_public.final.vehicle_{k}") for k in ("purchase", "operation")]
    parts = [_change(d, "three_public.final.overseas"), *vehicles, _change(d, "three_public.final.reception")]
    if whole is None or any(p is None for p in parts):
        return
    where = ctx.locate_claim(whole[1])
    yield from _judge(ctx, where, whole, parts, "“三公”经费各项增减额之和（增加为正、减少为负）")


@rule("N-106", family="说明↔表", severity="错误",
      title="人员经费 + 公用经费 = 说明同段所写的基本支出（按其口径：财政拨款或全部资金，指明哪一口径不符）")
def basic_parts(ctx: RuleContext):
    claims = ctx.disclosure.claims
    for i, claim in enumerate(claims):
        if claim.item != "basic_expenditure.personnel_total" or claim.measure != "amount":
            continue
        public = next((c for c in claims[i:i + 6] if c.item == "basic_expenditure.public_total"
                       and c.measure == "amount"), None)
        whole = next((c for c in reversed(claims[max(0, i - 6):i]) if c.item in BASIC_SCOPES
                      and c.measure == "amount" and c.base is None), None)
        if public is None or whole is None:
            continue
        yield from _judge(ctx, ctx.locate_claim(claim), (whole.value, whole),
                          [(claim.value, claim), (public.value, public)],
                          f"人员经费 + 公用经费与{BASIC_SCOPES[whole.item]}（{whole.value}）")
