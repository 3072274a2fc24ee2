"""Grids of the coded tables: 公开02/03/05/08/09 (功能分类), 公开06 (经济分类) and 公开07.

Header texts and column order follow the Shanghai 2024 template (SH-T) and the filled
Putuo sample (SH-S); see ``shared/spec/tables.md``.
"""

from __future__ import annotations

from ..model import Disclosure
from ..model.table_schema import schema, table_schema
from ..model.tables import EconomicRow, TableBase
from .cells import Cell, Grid, Row, blank, head, label, money_cell

# Notes, empty-table subjects and column headers come from the table schema (model/table_schema.yaml);
# a profile's header renames and column orders arrive through ``LayoutOptions.columns``.
DEFAULT_NOTES = {t.key: t.note for t in schema().tables}
EMPTY_SUBJECTS = {t.key: t.empty_subject for t in schema().tables if t.empty_subject}


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
            [head(level) for level in schema().row_families["function"].levels],
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
    return _simple_function_grid(disclosure, key, options, options.columns(key))


def expenditure_grid(disclosure: Disclosure, key: str, options) -> Grid:
    return _simple_function_grid(disclosure, key, options, options.columns(key))


def general_budget_grid(disclosure: Disclosure, key: str, options) -> Grid:
    return _simple_function_grid(disclosure, key, options, options.columns(key),
                                 total_last=options.general_budget_total_last)


def _grouped_heads(key: str, columns, width: int, rowspan: int) -> tuple[list[Cell], list[Cell]]:
    """(upper, lower) header cells: a column alone spans both levels; the columns of a ``group``
    (schema) sit under one cell naming the group. ``width``: cells per column (公开07 interleaved: 2)."""
    spec = table_schema(key)
    upper: list[Cell] = []
    lower: list[Cell] = []
    groups = [spec.column(field).group for field, _ in columns]
    for index, ((_, text), group) in enumerate(zip(columns, groups)):
        if group is None:
            upper.append(head(text, colspan=width, rowspan=rowspan))
            continue
        if index == 0 or groups[index - 1] != group:
            upper.append(head(group, colspan=width * groups.count(group)))
        lower.append(head(text, colspan=width, rowspan=rowspan - 1))
    return upper, lower


def fund_grid(disclosure: Disclosure, key: str, options) -> Grid:
    """公开08/09: 年初结转和结余 | 本年收入 | 本年支出 (小计|基本支出|项目支出) | 年末结转和结余."""
    table = getattr(disclosure.tables, key)
    split = options.code_style == "split"
    depth = 3 if split else 2
    printed = options.columns(key)
    first, second = _grouped_heads(key, printed, 1, depth)
    columns = tuple(field for field, _ in printed)
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
                       head("决算数", rowspan=2)], [head(level) for level in schema().row_families["economic"].levels]]
        widths = (6, 6, 30, 14) * 2
    else:
        block_head = [[head("经济分类科目编码"), head("科目名称"), head("决算数")]]
        widths = (12, 30, 14) * 2
    header = tuple(Row(tuple(cells * 2), kind="head") for cells in block_head)
    return titled(disclosure, key, table, options, widths=widths, header=header,
                  body=tuple(body), landscape=True)


def _three_public_header(key: str, options) -> tuple[Row, ...]:
    printed = options.columns(key)
    # the vehicle labels are layout options (regions print 公务用车购置及运行费 …); the schema's by default
    printed = tuple((f, options.vehicle_operation_label if f == "vehicle_operation" else text) for f, text in printed)
    n = len(printed)
    if options.three_public_order == "budget_first":  # MOF edition [R]: six 预算数, then six 决算数
        items, subs = _grouped_heads(key, printed, 1, 2)
        items = [_renamed(cell, options.vehicle_label) for cell in items]
        return (Row((head("预算数", colspan=n), head("决算数", colspan=n)), kind="head"),
                Row(tuple(items * 2), kind="head"), Row(tuple(subs * 2), kind="head"))
    # SH-T and SH-S print "财政拨款“三公”经费" over the whole header
    items, subs = _grouped_heads(key, printed, 2, 2)
    return (
        Row((head("财政拨款“三公”经费", colspan=2 * n),), kind="head"),
        Row(tuple(_renamed(cell, options.vehicle_label) for cell in items), kind="head"),
        Row(tuple(subs), kind="head"),
        Row(tuple(head(text) for _ in range(n) for text in ("预算数", "决算数")), kind="head"),
    )


def _renamed(cell: Cell, vehicle_label: str) -> Cell:
    """The 公务用车 group cell under the layout's vehicle label."""
    vehicle_group = table_schema("three_public").column("vehicle_total").group
    return head(vehicle_label, cell.colspan, cell.rowspan) if cell.text == vehicle_group else cell


def three_public_grid(disclosure: Disclosure, key: str, options) -> Grid:
    """公开07: 12 cells, 预算数/决算数 interleaved per item (or all 预算数 first, per profile)."""
    table = disclosure.tables.three_public
    items = tuple(field for field, _ in options.columns(key))
    if options.three_public_order == "budget_first":
        values = [getattr(table.budget, i) for i in items] + [getattr(table.final, i) for i in items]
    else:
        values = [getattr(side, i) for i in items for side in (table.budget, table.final)]
    body = (Row(tuple(money_cell(v, blank_zero=options.blank_zeros) for v in values)),)
    return titled(disclosure, key, table, options, widths=(10,) * (2 * len(items)),
                  header=_three_public_header(key, options), body=body, landscape=True)


__all__ = [
    "basic_expenditure_grid", "expenditure_grid", "fund_grid",
    "general_budget_grid", "income_grid", "three_public_grid",
]
