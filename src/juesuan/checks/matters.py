"""说明↔表 for the other matters: the 预算绩效 paragraph against the attached 自评表,
and the itemised 公务接待 against 公开07."""

from __future__ import annotations

from decimal import Decimal

from .finding import Location
from .registry import REGISTRY, RuleContext
from .tolerance import defer_rounding, envelope, printed_tolerance
from .unknown import ALL_FORMS

rule = REGISTRY.rule
WAN = Decimal(10000)


@rule("N-012", family="说明↔表", severity="错误",
      title="预算绩效说明的项目数、全年预算数、全年执行数 = 所附项目支出绩效自评表之和")
def performance_totals(ctx: RuleContext):
    performance = ctx.disclosure.performance
    summary, projects = performance.summary, performance.projects
    if not projects:
        return
    where = Location(text="情况说明 预算绩效情况说明", section="预算绩效情况说明", item="performance.summary")
    if summary.project_count is not None and summary.project_count != len(projects):
        # forms read are printed forms: a count below them stands even when some were not read;
        # one above them may be the forms a reader left out (provenance performance.projects unread)
        yield ctx.finding(where, f"说明称评价项目 {summary.project_count} 个，所附自评表 {len(projects)} 张",
                          expected=Decimal(len(projects)), actual=Decimal(summary.project_count),
                          related=(ALL_FORMS,) if summary.project_count > len(projects) else ())
    for field, label in (("budget_total", "full_year_budget"), ("execution_total", "execution")):
        stated = getattr(summary, field)
        values = [getattr(p.funds.total, label) for p in projects]
        if stated is None or any(v is None for v in values):
            continue
        total = sum(values, Decimal(0))
        if stated == total:
            continue
        name = "全年预算数" if field == "budget_total" else "全年执行数"
        finding = ctx.finding(where, f"说明中{name}合计 {stated} 与自评表{name}之和 {total} 不一致",
                              expected=total, actual=stated, difference=stated - total,
                              related=(ALL_FORMS, *(f"performance.projects.{i}.funds.total.{label}"
                                                    for i in range(len(values)))))
        if abs(stated - total) <= envelope([stated, *values]):
            defer_rounding(ctx.shared, "情况说明", finding)
        else:
            yield finding


@rule("N-013", family="说明↔表", severity="错误",
      title="逐笔列示的公务接待金额（元）之和 = 公开07 公务接待费决算数；人数之和 = 接待人次")
def receptions(ctx: RuleContext):
    d = ctx.disclosure
    details = d.three_public_details
    amounts = [r.amount_yuan for r in details.receptions if r.amount_yuan is not None]
    where = Location(text="情况说明 “三公”经费 公务接待费开支内容", item="three_public.final.reception")
    if amounts:
        total = sum(amounts, Decimal(0)) / (WAN if d.meta.unit == "万元" else 1)
        printed = d.tables.three_public.final.reception
        if abs(total - printed) > printed_tolerance(None, printed):
            yield ctx.finding(where, f"逐笔接待金额合计 {sum(amounts, Decimal(0))} 元 与公开07 公务接待费 {printed} 不一致",
                              expected=printed, actual=total, difference=total - printed)
    people = [r.people for r in details.receptions if r.people is not None]
    if people and details.reception_people is not None and sum(people) != details.reception_people:
        yield ctx.finding(where, f"逐笔接待人数合计 {sum(people)} 人与接待人次 {details.reception_people} 不一致",
                          expected=Decimal(details.reception_people), actual=Decimal(sum(people)))
