"""Fill a ``juesuan init`` workbook the way a finance officer would, from a disclosure's values.

Tables: the disclosure's own grid (``render.layout``, the layout the workbook was drawn from)
is written under the sheet's header, replacing the blank rows. Field sheets: each row's
value is looked up by the path in its 字段 column. 上年数: one row per ``comparisons`` entry.
自评表: one form per project (the scoring module's own form). Nothing here knows a value:
every one comes from the disclosure handed in.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from juesuan.model import Disclosure
from juesuan.render.cells import placed
from juesuan.render.layout import LayoutOptions, grid_for, table_keys
from juesuan.scoring.form import write_sheet
from juesuan.scoring.policies import policy_for_profile
from juesuan.scoring.project import score_project
from juesuan.reference.fields import COMPARISON_COLUMNS, COMPARISON_SHEET, FIELD_SHEETS


def _value(disclosure: Disclosure, path: str):
    node = disclosure
    for part in path.split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, tuple):
            node = node[int(part)] if int(part) < len(node) else None
        else:
            node = getattr(node, part, None)
        if node is None:
            return None
    if isinstance(node, tuple):
        return "\n".join(node)
    return node


def _fill_table(ws, disclosure: Disclosure, key: str, options: LayoutOptions) -> None:
    grid = grid_for(disclosure, key, options)
    first_head = grid.header[0].cells[0].value
    head_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first_head)
    top = head_row + len(grid.header)
    for merged in [m for m in ws.merged_cells.ranges if m.min_row >= top]:
        ws.unmerge_cells(str(merged))
    for row in ws.iter_rows(min_row=top):
        for cell in row:
            cell.value = None
    for r, c, cell in placed(grid.body, grid.columns):
        ws.cell(top + r, c + 1).value = cell.value
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=top + r, start_column=c + 1,
                           end_row=top + r + cell.rowspan - 1, end_column=c + cell.colspan)
    table = getattr(disclosure.tables, key)
    below = top + len(grid.body)
    for text in (table.note, table.empty_note):  # as printed under the table, when the file has its own
        if text:
            ws.cell(below, 1).value = text
            below += 1


def _fill_fields(ws, disclosure: Disclosure, rows_needed: dict[str, int]) -> None:
    for row in range(1, ws.max_row + 1):
        path = ws.cell(row, 5).value
        if path and "." in str(path):
            value = _value(disclosure, str(path))
            if value is not None:
                ws.cell(row, 2).value = value


def _fill_comparisons(ws, disclosure: Disclosure) -> None:
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "项目")
    rows = {ws.cell(r, 2).value: r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 2).value}
    free = (r for r in range(head + 1, 10_000) if ws.cell(r, 2).value is None)
    for item, comparison in disclosure.comparisons.items():
        row = rows.get(item) or next(free)
        ws.cell(row, 2).value = item
        for col, (name, _) in enumerate(COMPARISON_COLUMNS, start=3):
            value = getattr(comparison, name)
            if value is not None:
                ws.cell(row, col).value = value


def fill_workbook(data: bytes, disclosure: Disclosure) -> bytes:
    book = load_workbook(io.BytesIO(data))
    options = LayoutOptions.for_disclosure(disclosure)
    for key in table_keys():
        _fill_table(book[grid_for(disclosure, key, options).code], disclosure, key, options)
    for sheet in FIELD_SHEETS:
        _fill_fields(book[sheet.name], disclosure, {})
    _fill_comparisons(book[COMPARISON_SHEET], disclosure)
    book.remove(book["自评表"])
    policy = policy_for_profile(disclosure.meta.profile)
    for index, project in enumerate(disclosure.performance.projects):
        write_sheet(book.create_sheet(f"自评表{index + 1}"), score_project(project, policy))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def more_rows_needed(disclosure: Disclosure) -> dict[str, int]:
    """List fields with more entries than the workbook's rows (units, receptions): 0 for the examples."""
    from juesuan.reference.fields import RECEPTION_ROWS, UNIT_ROWS

    return {"overview.units": max(0, len(disclosure.overview.units) - UNIT_ROWS),
            "three_public_details.receptions": max(0, len(disclosure.three_public_details.receptions)
                                                   - RECEPTION_ROWS)}


__all__ = ["fill_workbook", "more_rows_needed", "Decimal", "dt"]
