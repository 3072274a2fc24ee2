"""表间 rules that need logic: class-by-class agreement and 机关运行经费 = 公用经费合计."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterator

from .registry import REGISTRY, RuleContext
from .tolerance import ROUNDING, judge_same, settle

rule = REGISTRY.rule
ZERO = Decimal(0)


def _coded(table: str, column: str) -> Callable[[Any], dict[str, tuple[str, Decimal]]]:
    def get(d: Any) -> dict[str, tuple[str, Decimal]]:
        rows = getattr(d.tables, table).rows
        return {r.code: (f"{table}.{r.code}.{column}", getattr(r, column)) for r in rows if r.level == 1}
    return get


def _summary_classes(d: Any) -> dict[str, tuple[str, Decimal]]:
    return {c.code: (f"summary.expenditure.{c.code}", c.amount) for c in d.tables.summary.expenditure.classes}


def _fiscal_classes(column: str) -> Callable[[Any], dict[str, tuple[str, Decimal]]]:
    def get(d: Any) -> dict[str, tuple[str, Decimal]]:
        return {c.code: (f"fiscal_summary.expenditure.{c.code}.{column}", getattr(c, column))
                for c in d.tables.fiscal_summary.expenditure.classes}
    return get


def _like(side: dict, code: str) -> str | None:
    """The path a 类 ``code`` would have on ``side``, from another 类's path there."""
    for known, (path, _) in side.items():
        return ".".join(code if part == known else part for part in path.split("."))
    return None


def _compare_classes(ctx: RuleContext, left: dict, right: dict, what: str) -> Iterator:
    """Each 类 printed on both sides must agree; a 类 missing on one side counts as 0."""
    for code in dict.fromkeys([*left, *right]):
        left_path, a = left.get(code, (None, ZERO))
        right_path, b = right.get(code, (None, ZERO))
        if a == b:
            continue
        anchor = left_path or right_path
        # the side without the 类 is named too (its path as the other codes'): if that table was
        # not read in full, the 类 may be one the reader missed (unknown, not 0; checks/unknown.py)
        other = right_path or _like(right, code) or left_path
        anchor = left_path or _like(left, code) or anchor
        finding = ctx.finding(ctx.locate(anchor), f"{what}：类 {code} 为 {a} 与 {b} 不一致",
                              expected=b, actual=a, difference=a - b, related=(other,),
                              suggestion="同一科目在各表中应取同一数字")
        result = settle(ctx, anchor.split(".")[0], finding, judge_same(a, b) or ROUNDING,
                        ((anchor, 1, a), (other, -1, b)) if left_path and right_path else None)
        if result is not None:
            yield result


@rule("X-020", family="表间", severity="错误", title="公开01 各类支出 = 公开03 对应类的本年支出合计")
def summary_vs_expenditure(ctx: RuleContext):
    yield from _compare_classes(ctx, _summary_classes(ctx.disclosure), _coded("expenditure", "total")(ctx.disclosure),
                                "公开01与公开03类级支出")


@rule("X-021", family="表间", severity="错误", title="公开04 各类 一般公共预算财政拨款 = 公开05 对应类合计")
def fiscal_vs_general_budget(ctx: RuleContext):
    yield from _compare_classes(ctx, _fiscal_classes("general_budget")(ctx.disclosure),
                                _coded("general_budget", "total")(ctx.disclosure), "公开04与公开05类级支出")


@rule("X-022", family="表间", severity="错误", title="公开04 各类 政府性基金预算财政拨款 = 公开08 对应类本年支出")
def fiscal_vs_government_fund(ctx: RuleContext):
    yield from _compare_classes(ctx, _fiscal_classes("government_fund")(ctx.disclosure),
                                _coded("government_fund", "expenditure")(ctx.disclosure), "公开04与公开08类级支出")


@rule("X-023", family="表间", severity="错误", title="公开04 各类 国有资本经营预算财政拨款 = 公开09 对应类本年支出")
def fiscal_vs_state_capital(ctx: RuleContext):
    yield from _compare_classes(ctx, _fiscal_classes("state_capital")(ctx.disclosure),
                                _coded("state_capital", "expenditure")(ctx.disclosure), "公开04与公开09类级支出")


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
