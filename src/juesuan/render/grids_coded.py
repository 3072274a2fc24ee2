"""Grids of the coded tables: 公开02/03/05/08/09 (功能分类), 公开06 (经济分类) and 公开07.

Header texts and column order follow the Shanghai 2024 template (SH-T) and the filled
Putuo sample (SH-S); see ``shared/spec/tables.md``.
"""

from __future__ import annotations

from ..model import Disclosure
from ..model.tables import EconomicRow, TableBase
from .cells import Cell, Grid, Row, blank, head, label, money_cell

DEFAULT_NOTES = {
    "summary": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "income": "注：本表反映部门本年度取得的各项收入情况。",
    "expenditure": "注：本表反映部门本年度各项支出情况。",
    "fiscal_summary": "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
    "general_budget": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "basic_expenditure": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "three_public": "注：本表反映部门本年度“三公”经费支出预决算情况。",
    "government_fund": "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "state_capital": "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
}
EMPTY_SUBJECTS = {
    "government_fund": "政府性基金预算财政拨款收入和支出",
    "state_capital": "国有资本经营预算财政拨款收入和支出",
    "three_public": "“三公”经费财政拨款支出",
}

INCOME_COLUMNS = (
    ("total", "本年收入合计"), ("fiscal_appropriation", "财政拨款收入"),
    ("higher_level_subsidy", "上级补助收入"), ("business", "事业收入"), ("operating", "经营收入"),
    ("affiliated_remittance", "附属单位上缴收入"), ("other", "其他收入"),
)
EXPENDITURE_COLUMNS = (
    ("total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"),
    ("remit_to_higher", "上缴上级支出"), ("operating", "经营支出"),
    ("subsidy_to_affiliated", "对附属单位补助支出"),
)
GENERAL_BUDGET_COLUMNS = (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))


def notes(disclosure: Disclosure, key: str, table: TableBase, options) -> tuple[str | None, str | None]:
    """(注 line, empty-table note): as printed, else the profile's, else the template wording."""
    note = table.note or DEFAULT_NOTES.get(key)
    empty_note = table.empty_note
    if table.empty and not empty_note:
        empty_note = options.empty_note(key)
        if not empty_note and key in EMPTY_SUBJECTS:
            subject = EMPTY_SUBJECTS[key]
            empty_note = f"说明：{disclosure.meta.department}本年度没有{subject}，故本表无数据。"
    return note, empty_note


def titled(disclosure: Disclosure, key: str, table: TableBase, options, **grid) -> Grid:
    from .layout import TABLE_TITLES

    note, empty_note = notes(disclosure, key, table, options)
    return Grid(key=key, code=TABLE_TITLES[key][0], title=options.title(key), unit=options.unit_line,
                note=note, empty_note=empty_note, **grid)


def code_cells(code: str, split: bool, parts: int = 3) -> list[Cell]:
    """类|款|项 (``201 | 06 | 01``) or one cumulative code cell."""
    if not split:
        return [label(code, align="left")]
    pieces = [code[:3], code[3:5], code[5:7]][:parts]
    return [label(piece or None, align="center") for piece in pieces]


def function_header(amount_heads: list[list[Cell]], split: bool, depth: int) -> tuple[Row, ...]:
    """项目 | 支出功能分类科目编码 (类|款|项) | 科目名称, then the amount heads per header row."""
    if split:
        rows = [
            [head("项目", colspan=4)],
            [head("支出功能分类科目编码", colspan=3), head("科目名称", rowspan=depth - 1)],
            [head("类"), head("款"), head("项")],
        ]
    else:
        rows = [[head("项目", colspan=2)], [head("功能分类科目编码"), head("科目名称")], []]
    rows = rows[:depth] if split else rows[:2]
    for index, extra in enumerate(amount_heads[: len(rows)]):
        rows[index] += extra
    return tuple(Row(tuple(cells), kind="head") for cells in rows)


def function_body(table, columns: tuple[str, ...], split: bool, blank_zero: bool,
                  total_last: bool = False) -> tuple[Row, ...]:
    code_span = 4 if split else 2
    total = Row((label("合计", colspan=code_span, align="center", bold=True),
                 *[money_cell(getattr(table.total, c), blank_zero=blank_zero, bold=True)
                   for c in columns]), kind="total")
    rows = []
    for row in table.rows:
        rows.append(Row((*code_cells(row.code, split), label(row.name),
                         *[money_cell(getattr(row, c), blank_zero=blank_zero) for c in columns])))
    return tuple(rows + [total]) if total_last else (total, *rows)


def _simple_function_grid(disclosure, key, options, columns, total_last=False) -> Grid:
    table = getattr(disclosure.tables, key)
    split = options.code_style == "split"
    depth = 3 if split else 2
    amount_heads = [[head(text, rowspan=depth) for _, text in columns]]
    names = tuple(name for name, _ in columns)
    widths = ((7, 6, 6) if split else (14,)) + (33,) + (14,) * len(columns)
    return titled(
        disclosure, key, table, options, widths=widths,
        header=function_header(amount_heads, split, depth),
        body=function_body(table, names, split, options.blank_zeros, total_last),
        landscape=len(columns) > 4,
    )


def income_grid(disclosure: Disclosure, key: str, options) -> Grid:
    return _simple_function_grid(disclosure, key, options, INCOME_COLUMNS)


def expenditure_grid(disclosure: Disclosure, key: str, options) -> Grid:
    return _simple_function_grid(disclosure, key, options, EXPENDITURE_COLUMNS)


def general_budget_grid(disclosure: Disclosure, key: str, options) -> Grid:
    return _simple_function_grid(disclosure, key, options, GENERAL_BUDGET_COLUMNS,
                                 total_last=options.general_budget_total_last)


def fund_grid(disclosure: Disclosure, key: str, options) -> Grid:
    """公开08/09: 年初结转和结余 | 本年收入 | 本年支出 (小计|基本支出|项目支出) | 年末结转和结余."""
    table = getattr(disclosure.tables, key)
    split = options.code_style == "split"
    depth = 3 if split else 2
    first = [head("年初结转和结余", rowspan=depth), head("本年收入", rowspan=depth),
             head("本年支出", colspan=3), head("年末结转和结余", rowspan=depth)]
    second = [head(text, rowspan=depth - 1) for text in ("小计", "基本支出", "项目支出")]
    columns = ("opening_balance", "income", "expenditure", "basic", "project", "closing_balance")
    widths = ((7, 6, 6) if split else (14,)) + (31,) + (13,) * 6
    return titled(
        disclosure, key, table, options, widths=widths,
        header=function_header([first, second], split, depth),
        body=function_body(table, columns, split, options.blank_zeros),
        landscape=True,
    )


def _economic_block(rows: list[EconomicRow], split: bool, blank_zero: bool) -> list[list[Cell]]:
    block = []
    for row in rows:
        codes = [label(row.code[:3], align="center"), label(row.code[3:5] or None, align="center")]
        block.append([*(codes if split else [label(row.code)]),
                      label(row.name, bold=row.level == 1),
                      money_cell(row.amount, blank_zero=blank_zero, bold=row.level == 1)])
    return block


def basic_expenditure_grid(disclosure: Disclosure, key: str, options) -> Grid:
    """公开06: two blocks (301 + 303 | 302 + 310 …) and the 人员/公用经费合计 footers."""
    table = disclosure.tables.basic_expenditure
    split = options.code_style == "split"
    personnel = [r for r in table.rows if r.code[:3] in ("301", "303")]
    public = [r for r in table.rows if r.code[:3] not in ("301", "303")]
    width = 4 if split else 3
    left = _economic_block(personnel, split, options.blank_zeros)
    right = _economic_block(public, split, options.blank_zeros)
    body = []
    for index in range(max(len(left), len(right))):
        cells = (left[index] if index < len(left) else [blank() for _ in range(width)])
        cells = cells + (right[index] if index < len(right) else [blank() for _ in range(width)])
        body.append(Row(tuple(cells)))
    body.append(Row((
        label("人员经费合计", colspan=width - 1, align="center", bold=True),
        money_cell(table.personnel_total, blank_zero=options.blank_zeros, bold=True),
        label("公用经费合计", colspan=width - 1, align="center", bold=True),
        money_cell(table.public_total, blank_zero=options.blank_zeros, bold=True),
    ), kind="footer"))
    if split:
        block_head = [[head("经济分类科目编码", colspan=2), head("科目名称", rowspan=2),
                       head("决算数", rowspan=2)], [head("类"), head("款")]]
        widths = (6, 6, 30, 14) * 2
    else:
        block_head = [[head("经济分类科目编码"), head("科目名称"), head("决算数")]]
        widths = (12, 30, 14) * 2
    header = tuple(Row(tuple(cells * 2), kind="head") for cells in block_head)
    return titled(disclosure, key, table, options, widths=widths, header=header,
                  body=tuple(body), landscape=True)


def _three_public_header(options) -> tuple[Row, ...]:
    vehicle, operation = options.vehicle_label, options.vehicle_operation_label
    if options.three_public_order == "budget_first":  # MOF edition [R]: six 预算数, then six 决算数
        items = [head("合计", rowspan=2), head("因公出国（境）费", rowspan=2), head(vehicle, colspan=3),
                 head("公务接待费", rowspan=2)]
        subs = [head("小计"), head("公务用车购置费"), head(operation)]
        return (Row((head("预算数", colspan=6), head("决算数", colspan=6)), kind="head"),
                Row(tuple(items * 2), kind="head"), Row(tuple(subs * 2), kind="head"))
    # SH-T and SH-S print "财政拨款“三公”经费" over the whole header
    return (
        Row((head("财政拨款“三公”经费", colspan=12),), kind="head"),
        Row((head("合计", colspan=2, rowspan=2), head("因公出国（境）费", colspan=2, rowspan=2),
             head(vehicle, colspan=6), head("公务接待费", colspan=2, rowspan=2)), kind="head"),
        Row((head("小计", colspan=2), head("公务用车购置费", colspan=2), head(operation, colspan=2)),
            kind="head"),
        Row(tuple(head(text) for _ in range(6) for text in ("预算数", "决算数")), kind="head"),
    )


def three_public_grid(disclosure: Disclosure, key: str, options) -> Grid:
    """公开07: 12 cells, 预算数/决算数 interleaved per item (or all 预算数 first, per profile)."""
    table = disclosure.tables.three_public
    items = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
    if options.three_public_order == "budget_first":
        values = [getattr(table.budget, i) for i in items] + [getattr(table.final, i) for i in items]
    else:
        values = [getattr(side, i) for i in items for side in (table.budget, table.final)]
    body = (Row(tuple(money_cell(v, blank_zero=options.blank_zeros) for v in values)),)
    return titled(disclosure, key, table, options, widths=(10,) * 12,
                  header=_three_public_header(options), body=body, landscape=True)


__all__ = [
    "basic_expenditure_grid", "expenditure_grid", "fund_grid",
    "general_budget_grid", "income_grid", "three_public_grid",
]
