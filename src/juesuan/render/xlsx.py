"""XLSX: one sheet per table in the official layout, one per 自评表 (xlsxwriter).

Amounts are numbers (``Decimal`` handed to xlsxwriter's number path, written as
``%.16G``; 万元 amounts with 2 decimals are exact at that precision) with the number
format ``#,##0.00`` (zero shown blank where the printed table leaves it blank). Header
rows are frozen and repeated on every printed page; A4, fitted to the page width.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import xlsxwriter

from ..model import Disclosure
from ..narrative.document import Document
from .cells import Cell, Grid, extra_places, placed
from .headbreak import break_head, is_head
from .layout import LayoutOptions, all_grids, grid_for
from .registry import register
from .structure import structure_for

AMOUNT_FORMAT = "#,##0.00_ ;-#,##0.00_ "
AMOUNT_BLANK_ZERO = "#,##0.00_ ;-#,##0.00_ ;"
"""Third section empty: a zero is kept as a number but shown blank, as printed. ``_ `` keeps a
space's width clear of the right rule (Excel has no cell padding)."""
FONT = "宋体"
HEAD_FONT = "黑体"
CHARS = {False: 95, True: 140}
"""Sheet width in character units, portrait / landscape: the A4 text width less the margins
below, at Excel's unit (the digit width of the default font, 7 px = 5.25 pt), so the sheet
prints at 100 % and a 10.5 pt Chinese character takes two units. LibreOffice counts its unit
wider and prints the sheet smaller (fitted to the page width)."""


class Formats:
    """Every cell format, created once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook):
        base = {"font_name": FONT, "font_size": 10.5, "valign": "vcenter", "text_wrap": True}
        boxed = {**base, "border": 1}
        self._indented = {**boxed, "indent": 1}  # left text a character clear of the rule
        self.title = book.add_format({**base, "font_name": HEAD_FONT, "font_size": 16, "bold": True,
                                      "align": "center"})
        self.subtitle = book.add_format({**base, "align": "center"})
        self.unit = book.add_format({**base, "align": "right"})
        self.unit_left = book.add_format({**base, "align": "left"})  # 编制单位 and 年度
        self.note = book.add_format({**base, "align": "left"})
        self._cache: dict[tuple, object] = {}
        self._book, self._boxed = book, boxed

    def cell(self, cell: Cell, head: bool):
        places = _places(cell)
        key = (cell.fmt, cell.align, cell.bold or head, head, cell.blank_zero, places)
        if key not in self._cache:
            left_text = cell.align == "left" and cell.fmt == "text" and not head
            spec = {**(self._indented if left_text else self._boxed), "align": cell.align,
                    "bold": cell.bold or head}
            if head:
                spec.update(font_name=HEAD_FONT, bg_color="#F2F2F2")
            if cell.fmt == "money":
                spec["num_format"] = AMOUNT_BLANK_ZERO if cell.blank_zero else AMOUNT_FORMAT
                if places:  # a figure kept with more decimals than tables print: shown with them
                    spec["num_format"] = spec["num_format"].replace(".00_", ".00" + "0" * places + "_")
            elif cell.fmt == "percent":
                spec["num_format"] = '0.00"%"'
            elif places is not None:  # 分值, 得分: the decimals the grid prints ("5.00", not "5")
                spec["num_format"] = "0." + "0" * places if places else "0"
            self._cache[key] = self._book.add_format(spec)
        return self._cache[key]


def _places(cell: Cell) -> int | None:
    """Decimals of a plain number as the grid holds it (grids_selfeval sets one per measure); of an
    amount, those beyond the two every amount prints (``cells.extra_places``)."""
    if not isinstance(cell.value, Decimal) or not cell.value.is_finite():
        return None
    if cell.fmt == "money":
        return extra_places(cell.value)
    if cell.fmt != "number":
        return None
    return max(0, -cell.value.as_tuple().exponent)


LINE_PT = 14
"""Height of one 10.5 pt text line."""
ROW_PT = 18
"""A row of one line: the text about 3 pt clear of the rules, as in the printed tables."""


def _display_units(text: str) -> int:
    """Width in Excel character units: a CJK character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _lines(text: str, room: int) -> int:
    return sum(max(1, -(-_display_units(line) // room)) for line in text.split("\n"))


def _row_heights(grid: Grid, widths: list[float], texts: dict[tuple[int, int], str]) -> dict[int, float]:
    """Every row's height: one line with its insets, or enough for every line of its longest
    cell (Excel never autofits a row holding merged cells: the 自评表 goals, the headers)."""
    heights: dict[int, float] = {r: ROW_PT for r in range(len(grid.rows))}
    for r, c, cell in placed(grid.rows, grid.columns):
        text = texts.get((r, c)) or cell.text()
        if not text or cell.rowspan > 1:
            continue
        room = max(int(sum(widths[c:c + cell.colspan])) - 2, 1)  # less the indent / padding
        lines = _lines(text, room)
        if lines > 1:
            heights[r] = max(heights[r], lines * LINE_PT + 4)
    return heights


def _header_texts(grid: Grid, widths: list[float]) -> dict[tuple[int, int], str]:
    """Header cells and form labels broken between words where too long for their columns
    (headbreak.py): Excel wraps Chinese anywhere ("本年收入合\n计")."""
    rows = grid.rows
    texts = {}
    for r, c, cell in placed(rows, grid.columns):
        if is_head(cell, rows[r].kind) and cell.text():
            room = int(sum(widths[c:c + cell.colspan])) - 1
            texts[(r, c)] = break_head(cell.text(), room // 2)
    return texts


def _figure_room(grid: Grid, widths: list[float]) -> list[float]:
    """Widths with room for every figure of a column: Excel shows "####" for a number wider
    than its cell. A figure's characters are one unit each (宋体 digits), one more for the cell
    margins and one for an amount format's trailing space; the page-share widths give that room
    unless the PDF sets the table smaller (``Grid.size``, colfit.py): then the sheet is wider."""
    widths = list(widths)
    for _, c, cell in placed(grid.rows, grid.columns):
        if cell.is_amount and cell.colspan == 1:
            widths[c] = max(widths[c], len(cell.text()) + 1 + (cell.fmt == "money"))
    return widths


def _write(sheet, row: int, col: int, cell: Cell, fmt, text: str | None = None) -> None:
    value = cell.value
    if isinstance(value, Decimal):
        sheet.write_number(row, col, value, fmt)  # xlsxwriter's number path takes Decimal
    elif value:
        sheet.write_string(row, col, text or cell.text(), fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def _sheet(book, formats: Formats, grid: Grid, name: str, unit_text: str = "") -> None:
    sheet = book.add_worksheet(name)
    last = grid.columns - 1
    unit = sum(grid.widths)
    widths = _figure_room(grid, [CHARS[grid.landscape] * width / unit for width in grid.widths])
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    row = 0
    sheet.merge_range(row, 0, row, last, grid.title, formats.title)
    sheet.set_row(row, 30)
    for text, fmt in ((grid.subtitle, formats.subtitle), (unit_text, formats.unit_left), (grid.unit, formats.unit)):
        if text:
            row += 1
            sheet.merge_range(row, 0, row, last, text, fmt)
    top = row + 1
    kinds = [r.kind for r in grid.rows]
    texts = _header_texts(grid, widths)
    for r, c, cell in placed(grid.rows, grid.columns):
        fmt = formats.cell(cell, kinds[r] == "head")
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_range(top + r, c, top + r + cell.rowspan - 1, c + cell.colspan - 1, None, fmt)
        _write(sheet, top + r, c, cell, fmt, texts.get((r, c)))
    for r, height in _row_heights(grid, widths, texts).items():
        sheet.set_row(top + r, height)
    row = top + len(grid.rows)
    for text in (grid.note, grid.empty_note):
        if text:
            sheet.merge_range(row, 0, row, last, text, formats.note)
            row += 1
    header_first = top + len(grid.meta_rows)
    header_last = header_first + len(grid.header) - 1
    if grid.header:
        sheet.freeze_panes(header_last + 1, 0)
        sheet.repeat_rows(header_first, header_last)
    elif grid.meta_rows:
        # A 自评表: its title and 项目名称 row print again on every page the form continues onto.
        sheet.repeat_rows(0, top)
    sheet.set_paper(9)  # A4
    if grid.landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    sheet.set_footer("&C— &P —")


def sheet_name(grid: Grid, index: int) -> str:
    """``公开01表`` for the nine tables, ``自评表1`` … for the 自评表 (Excel allows 31 chars)."""
    if grid.key.startswith("performance:"):
        return f"自评表{int(grid.key.split(':')[1]) + 1}"
    return grid.code[:31]


def document_grids(disclosure: Disclosure, document: Document, options: LayoutOptions) -> list[Grid]:
    """The tables the document places, in its order; all of them when it places none."""
    keys = list(dict.fromkeys(s.table for s in document.sections if s.table))
    if not keys:
        return all_grids(disclosure, options)
    return [grid_for(disclosure, key, options) for key in keys]


@register("xlsx", suffix=".xlsx")
def render_xlsx(disclosure: Disclosure, document: Document, out_path: Path) -> Path:
    """Excel workbook: one sheet per table and per 自评表, amounts as numbers."""
    options = LayoutOptions.for_disclosure(disclosure)
    book = xlsxwriter.Workbook(str(out_path), {"in_memory": True})
    # the title property names department and year too (read back by ingest)
    book.set_properties({"title": disclosure.meta.title or document.title, "subject": "部门决算公开", "author": "juesuan"})
    formats = Formats(book)
    grids = document_grids(disclosure, document, options)
    grids.sort(key=lambda grid: grid.key.startswith("performance:"))  # the nine tables first
    structure = structure_for(disclosure.meta.profile)
    unit_text = structure.unit_text(disclosure) if structure.unit_line else ""
    for index, grid in enumerate(grids):
        _sheet(book, formats, grid, sheet_name(grid, index), unit_text)
    for sheet in book.worksheets() if document.draft else ():  # juesuan build --draft: every printed page
        sheet.set_header("&C&28&KC00000草稿")
    if document.forced:
        book.set_custom_property("juesuan build --force", document.forced)
    book.close()
    return out_path
