"""跨年 (``--prev``): this year's opening balances and 上年 figures equal last year's disclosure."""

from __future__ import annotations

from decimal import Decimal

from ..model import lookup
from .registry import REGISTRY, RuleContext
from .tolerance import ROUNDING, judge_same, settle

rule = REGISTRY.rule

OPENING_CLOSING: tuple[tuple[str, str], ...] = (
    ("summary.income.opening_balance", "summary.expenditure.closing_balance"),
    ("fiscal_summary.income.opening_balance.total", "fiscal_summary.expenditure.closing_balance.total"),
    ("fiscal_summary.income.opening_balance.general_budget", "fiscal_summary.expenditure.closing_balance.general_budget"),
    ("fiscal_summary.income.opening_balance.government_fund", "fiscal_summary.expenditure.closing_balance.government_fund"),
    ("fiscal_summary.income.opening_balance.state_capital", "fiscal_summary.expenditure.closing_balance.state_capital"),
    ("government_fund.total.opening_balance", "government_fund.total.closing_balance"),
    ("state_capital.total.opening_balance", "state_capital.total.closing_balance"),
)
"""(this year's opening item, last year's closing item)."""


def _compare(ctx: RuleContext, item: str, current: Decimal, last: Decimal, message: str, suggestion: str):
    finding = ctx.finding(ctx.locate(item), message, expected=last, actual=current, difference=current - last,
                          suggestion=suggestion)
    return settle(ctx, item.split(".")[0], finding, judge_same(current, last) or ROUNDING)


@rule("Y-001", family="跨年", severity="警告",
      title="年初结转和结余 = 上年决算的年末结转和结余（可有调整，须在说明中说明，故为警告）")
def opening_balances(ctx: RuleContext):
    if ctx.prev is None:
        return
    for opening, closing in OPENING_CLOSING:
        current, last = lookup(ctx.disclosure, opening), lookup(ctx.prev, closing)
        if current is None or last is None or current == last:
            continue
        finding = _compare(ctx, opening, current, last,
                           f"年初结转和结余 {current} 与上年决算年末结转和结余 {last} 不一致",
                           "如有调整，应在说明中说明原因")
        if finding:
            yield finding


@rule("Y-002", family="跨年", severity="警告",
      title="说明中引用的上年数 = 上年决算公开的数字（口径调整须说明，故为警告）")
def prior_year_figures(ctx: RuleContext):
    if ctx.prev is None:
        return
    for item, comparison in ctx.disclosure.comparisons.items():
        last = lookup(ctx.prev, item)
        if comparison.prior_year is None or last is None or comparison.prior_year == last:
            continue
        finding = _compare(ctx, item, comparison.prior_year, last,
                           f"上年数 {comparison.prior_year} 与上年决算公开数 {last} 不一致",
                           "核对上年数；口径调整须说明")
        if finding:
            yield finding
