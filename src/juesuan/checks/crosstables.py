"""表间 rules that need logic: class-by-class agreement and 机关运行经费 = 公用经费合计."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterator

from .registry import REGISTRY, RuleContext
from .tolerance import ROUNDING, judge_same, settle

rule = REGISTRY.rule
ZERO = Decimal(0)


Side = tuple[str, Callable[[Any], dict[str, Decimal]]]  # (path template, 类 code → amount)


def _coded(table: str, column: str) -> Side:
    def get(d: Any) -> dict[str, Decimal]:
        return {r.code: getattr(r, column) for r in getattr(d.tables, table).rows if r.level == 1}
    return f"{table}.{{code}}.{column}", get


SUMMARY_CLASSES: Side = ("summary.expenditure.{code}",
                         lambda d: {c.code: c.amount for c in d.tables.summary.expenditure.classes})


def _fiscal_classes(column: str) -> Side:
    def get(d: Any) -> dict[str, Decimal]:
        return {c.code: getattr(c, column) for c in d.tables.fiscal_summary.expenditure.classes}
    return f"fiscal_summary.expenditure.{{code}}.{column}", get


def _compare_classes(ctx: RuleContext, left: Side, right: Side, what: str) -> Iterator:
    """Each 类 printed on both sides must agree; a 类 missing on one side counts as 0.

    The side without the 类 is named too, by the path it would have there: if that table was not
    read in full (its key provenanced ``unread``, even with no 类 read at all), the 类 may be one
    the reader missed — unknown, not 0 — and the comparison is set aside (checks/unknown.py)."""
    (left_template, left_get), (right_template, right_get) = left, right
    left_values, right_values = left_get(ctx.disclosure), right_get(ctx.disclosure)
    for code in dict.fromkeys([*left_values, *right_values]):
        a, b = left_values.get(code, ZERO), right_values.get(code, ZERO)
        if a == b:
            continue
        anchor, other = left_template.format(code=code), right_template.format(code=code)
        at, related = (anchor, other) if left_values else (other, anchor)  # located on a side with 类
        finding = ctx.finding(ctx.locate(at), f"{what}：类 {code} 为 {a} 与 {b} 不一致",
                              expected=b, actual=a, difference=a - b, related=(related,),
                              suggestion="同一科目在各表中应取同一数字")
        both = code in left_values and code in right_values
        result = settle(ctx, at.split(".")[0], finding, judge_same(a, b) or ROUNDING,
                        ((anchor, 1, a), (other, -1, b)) if both else None)
        if result is not None:
            yield result


@rule("X-020", family="表间", severity="错误", title="公开01 各类支出 = 公开03 对应类的本年支出合计")
def summary_vs_expenditure(ctx: RuleContext):
    yield from _compare_classes(ctx, SUMMARY_CLASSES, _coded("expenditure", "total"), "公开01与公开03类级支出")


@rule("X-021", family="表间", severity="错误", title="公开04 各类 一般公共预算财政拨款 = 公开05 对应类合计")
def fiscal_vs_general_budget(ctx: RuleContext):
    yield from _compare_classes(ctx, _fiscal_classes("general_budget"), _coded("general_budget", "total"),
                                "公开04与公开05类级支出")


@rule("X-022", family="表间", severity="错误", title="公开04 各类 政府性基金预算财政拨款 = 公开08 对应类本年支出")
def fiscal_vs_government_fund(ctx: RuleContext):
    yield from _compare_classes(ctx, _fiscal_classes("government_fund"), _coded("government_fund", "expenditure"),
                                "公开04与公开08类级支出")


@rule("X-023", family="表间", severity="错误", title="公开04 各类 国有资本经营预算财政拨款 = 公开09 对应类本年支出")
def fiscal_vs_state_capital(ctx: RuleContext):
    yield from _compare_classes(ctx, _fiscal_classes("state_capital"), _coded("state_capital", "expenditure"),
                                "公开04与公开09类级支出")


@rule("X-024", family="表间", severity="错误",
      title="机关运行经费 = 公开06 公用经费合计（行政单位、参公事业单位）")
def operating_costs(ctx: RuleContext):
    d = ctx.disclosure
    costs = d.operating_costs
    kind = costs.unit_kind or ""
    if costs.amount is None or not ("行政" in kind or "参" in kind):
        return  # 其他事业单位的口径未规定（tables.md open question）
    public = d.tables.basic_expenditure.public_total
    if costs.amount == public:
        return
    finding = ctx.finding(ctx.locate("operating_costs.amount"),
                          f"机关运行经费 {costs.amount} 与公开06 公用经费合计 {public} 不一致（{kind}）",
                          expected=public, actual=costs.amount, difference=costs.amount - public,
                          related=("basic_expenditure.public_total",),
                          suggestion="行政单位和参公事业单位的机关运行经费即财政拨款基本支出中的公用经费")
    result = settle(ctx, "basic_expenditure", finding, judge_same(costs.amount, public) or ROUNDING)
    if result is not None:
        yield result
