"""The readable summary printed by ``juesuan show``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..model import TABLE_KEYS, Disclosure, format_amount


def _amount(value) -> str:
    return "" if value is None else format_amount(value, thousands=True)


def _totals(d: Disclosure) -> Table:
    s = d.tables.summary
    table = Table(title="收入支出总体 / totals（" + d.meta.unit + "）")
    table.add_column("项目"), table.add_column("金额", justify="right")
    for label, value in (
        ("收入总计", s.income.grand_total), ("本年收入合计", s.income.total),
        ("年初结转和结余", s.income.opening_balance), ("支出总计", s.expenditure.grand_total),
        ("本年支出合计", s.expenditure.total), ("年末结转和结余", s.expenditure.closing_balance),
        ("财政拨款支出（公开04）", d.tables.fiscal_summary.expenditure.total.total),
        ("一般公共预算财政拨款支出（公开05）", d.tables.general_budget.total.total),
        ("“三公”经费决算（公开07）", d.tables.three_public.final.total),
    ):
        table.add_row(label, _amount(value))
    return table


def _table_list(d: Disclosure) -> Table:
    table = Table(title="九张表 / the nine tables")
    for column in ("表", "名称", "行数", "状态"):
        table.add_column(column)
    for key, code, title in TABLE_KEYS:
        model = getattr(d.tables, key)
        rows = len(getattr(model, "rows", ()) or getattr(getattr(model, "expenditure", None), "classes", ()) or ())
        state = "空表" if model.empty else "有数据"
        table.add_row(code, title, str(rows), state)
    return table


def _performance(d: Disclosure) -> Table:
    table = Table(title=f"项目支出绩效自评 / performance（{len(d.performance.projects)} 个项目）")
    for column in ("项目名称", "全年预算数", "全年执行数", "指标数", "总分"):
        table.add_column(column, justify="right" if column != "项目名称" else "left")
    for p in d.performance.projects:
        indicators = sum(1 for i in p.indicators if not i.is_placeholder)
        table.add_row(
            p.name, _amount(p.funds.total.full_year_budget), _amount(p.funds.total.execution),
            str(indicators), "" if p.total_score is None else str(p.total_score),
        )
    return table


def render_summary(d: Disclosure, console: Console) -> None:
    console.print(f"[bold]{d.meta.department}[/bold] {d.meta.year}年度部门决算 · 模板 {d.meta.profile} · 单位 {d.meta.unit}")
    console.print(_totals(d))
    console.print(_table_list(d))
    if d.performance.projects:
        console.print(_performance(d))
    elif (count := d.performance.summary.project_count or d.performance.summary.self_evaluated_projects) is not None:
        summary = d.performance.summary
        console.print(f"预算绩效：自评项目 {count} 个（未附自评表）"
                      + (f"，平均得分 {summary.average_score}" if summary.average_score is not None else ""))
