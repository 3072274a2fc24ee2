"""The 项目支出绩效自评表 as a grid, in the seed's layout (MOF 附件1).

Nine columns: the left label column (项目资金（万元）/ 年度总体目标 / 年度绩效指标完成情况),
then 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施.
Every 二级指标 row is printed, even without a 三级指标. Values are printed as entered, each
measure (分值, 得分, 执行率) with one number of decimals throughout the document: the most any
of its values has, so no value is rounded ("4.40" beside "81.30", not "4.4").
"""

from __future__ import annotations

from decimal import Decimal

from ..model import ProjectEvaluation
from .cells import Cell, Grid, Row, blank, head, label

# 偏差原因 gets the width: its long text sets the row heights of the indicator block.
# 执行率/得分 (column 8) holds "100.00%" on one line in Word and LibreOffice (8 wrapped it).
WIDTHS = (8, 10, 13, 18, 10, 10, 5, 9, 21)
DASH = "—"


Places = dict[str, int]
"""Decimals per measure: ``weight`` (分值), ``score`` (得分), ``rate`` (执行率)."""


def _decimals(value: Decimal | None) -> int:
    if value is None or not value.is_finite():
        return 0
    return max(0, -value.as_tuple().exponent)


def places(projects) -> Places:
    """The decimals each measure is printed with in one document: the most any value has."""
    found = {"weight": 0, "score": 0, "rate": 0}
    for project in projects:
        values = {"weight": [project.execution_weight, project.total_weight, *(i.weight for i in project.indicators)],
                  "score": [project.execution_score, project.total_score, *(i.score for i in project.indicators)],
                  "rate": [project.execution_rate]}
        for measure, numbers in values.items():
            found[measure] = max(found[measure], *(_decimals(v) for v in numbers))
    return found


def _money(value: Decimal | None) -> Cell:
    return Cell(value, fmt="money", align="right")


def _number(value: Decimal | None, fmt="number", decimals: int | None = None) -> Cell:
    if value is not None and value.is_finite() and decimals is not None and _decimals(value) <= decimals:
        value = value.quantize(Decimal(1).scaleb(-decimals))  # more places only: never rounds
    return Cell(value, fmt=fmt, align="center")


def _funds_rows(project: ProjectEvaluation, dp: Places) -> list[Row]:
    funds = project.funds
    lines = (("年度资金总额", funds.total), ("其中：当年财政拨款", funds.current_appropriation),
             ("上年结转资金", funds.carryover), ("其他资金", funds.other))
    rows = [Row((head("项目资金（万元）", rowspan=5), blank(colspan=2), head("年初预算数"),
                 head("全年预算数"), head("全年执行数"), head("分值"), head("执行率"), head("得分")))]
    for index, (text, line) in enumerate(lines):
        money = [_money(line.initial_budget), _money(line.full_year_budget), _money(line.execution)]
        if index == 0:
            tail = [_number(project.execution_weight, decimals=dp["weight"]),
                    _number(project.execution_rate, "percent", dp["rate"]),
                    _number(project.execution_score, decimals=dp["score"])]
        else:
            tail = [label(DASH, align="center") for _ in range(3)]
        rows.append(Row((label(text, colspan=2), *money, *tail)))
    return rows


def _indicator_rows(project: ProjectEvaluation, dp: Places) -> list[Row]:
    indicators = project.indicators
    rows = [Row((head("年度绩效指标完成情况", rowspan=len(indicators) + 1), head("一级指标"),
                 head("二级指标"), head("三级指标"), head("年度指标值"), head("实际完成值"),
                 head("分值"), head("得分"), head("偏差原因分析及改进措施")), kind="head")]
    index = 0
    while index < len(indicators):
        level1 = indicators[index].level1
        span = 1
        while index + span < len(indicators) and indicators[index + span].level1 == level1:
            span += 1
        for offset in range(span):
            item = indicators[index + offset]
            first = [Cell(level1, rowspan=span, align="center")] if offset == 0 else []
            rows.append(Row((*first, label(item.level2, align="center"), label(item.name),
                             label(item.target, align="center"), label(item.actual, align="center"),
                             _number(item.weight, decimals=dp["weight"]),
                             _number(item.score, decimals=dp["score"]), label(item.deviation_reason))))
        index += span
    return rows


def self_evaluation_grid(project: ProjectEvaluation, index: int, dp: Places | None = None) -> Grid:
    """The n-th 自评表: meta rows (name, departments, funds, goals), then the indicators;
    ``dp``: the document's decimals per measure (``places``), else this form's own."""
    dp = dp or places([project])
    meta = [
        Row((head("项目名称"), label(project.name, colspan=8))),
        Row((head("主管部门"), label(project.department, colspan=3), head("实施单位"),
             label(project.implementer, colspan=4))),
        *_funds_rows(project, dp),
        Row((head("年度总体目标", rowspan=2), head("预期目标", colspan=4),
             head("实际完成情况", colspan=4))),
        Row((label(project.goal_expected, colspan=4), label(project.goal_actual, colspan=4))),
    ]
    rows = _indicator_rows(project, dp)
    total = Row((head("总分", colspan=6), _number(project.total_weight, decimals=dp["weight"]),
                 _number(project.total_score, decimals=dp["score"]), label(project.grade, align="center")),
                kind="total")
    year = f"（{project.year}年度）" if project.year else None
    return Grid(
        key=f"performance:{index}", code="项目支出绩效自评表", title="项目支出绩效自评表",
        subtitle=year, unit=None, widths=WIDTHS, meta_rows=tuple(meta), header=(),
        body=tuple(rows) + (total,), landscape=True,
    )
