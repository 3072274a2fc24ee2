"""Will a table fit its page? An estimate, made before typst runs.

Rows never split, so a table (a 自评表 above all) a few rows taller than its page leaves a
page with one or two rows. Such a table is set tight (0.5 pt smaller, minimal insets; see
document.typ). Measuring in typst (``measure``) would be exact but lays every table out
twice, which nearly doubles the PDF build; counting lines per cell here costs nothing and
errs only at the margin (then a table is split as before, or set tight without need).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .cells import Grid, placed

PT_PER_MM = 72 / 25.4
# Page body (A4 less the GB/T margins, see document.typ), width × height in pt.
PORTRAIT = (156 * PT_PER_MM, 225 * PT_PER_MM)
LANDSCAPE = (225 * PT_PER_MM, 156 * PT_PER_MM)
TITLE = 40  # title and subtitle or unit line above the table (measured: a 自评表's table starts 40 pt down)

# Type and cell insets per setting; document.typ sets what grid_data passes (one source).
# The published Shanghai 2024 PDF sets its tables in rows 16.5–17 pt apart (Chinese glyphs about
# 10.3 pt wide), the text about 3 pt clear of the rules and 3–4 pt from the sides.


class Setting(NamedTuple):
    size: float  # pt
    leading: float  # pt between the lines of a cell
    inset_y: float  # pt above and below a cell's text
    inset_x: float = 3.0  # pt left and right


NORMAL = Setting(10.5, 3.675, 3.0, 3.0)
DENSE = Setting(10.0, 3.0, 2.5, 3.0)  # 自评表: many rows of long text
TIGHT = Setting(10.0, 2.5, 2.0, 2.5)
DENSE_TIGHT = Setting(9.5, 2.375, 2.0, 2.5)


def _ems(text: str) -> float:
    # CJK and full-width characters are one em; Latin letters and digits about half.
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)


def _cells(grid: Grid) -> list[tuple[int, float, float]]:  # noqa: money-float-ok
    """(row, width in pt, text width in ems) of every cell that sets its row's height."""
    unit = (LANDSCAPE if grid.landscape else PORTRAIT)[0] / sum(grid.widths)
    rows = (*grid.meta_rows, *grid.header, *grid.body)
    inset = (DENSE if grid.meta_rows else NORMAL).inset_x
    return [(r, sum(grid.widths[c:c + cell.colspan]) * unit - 2 * inset, _ems(cell.text()))
            for r, c, cell in placed(rows, len(grid.widths))
            if cell.rowspan == 1]  # a label down many rows does not set a row's height


def height(grid: Grid, setting: Setting,
           cells: list[tuple[int, float, float]] | None = None) -> float:  # noqa: money-float-ok
    """Estimated table height in pt: lines per cell, the tallest single-row cell per row."""
    size, leading, inset = setting.size, setting.leading, setting.inset_y
    lines = [1] * (len(grid.meta_rows) + len(grid.header) + len(grid.body))
    for r, room, ems in cells if cells is not None else _cells(grid):
        # ems a line holds: Chinese wraps at whole characters, figures take about half an em
        # ("10.0" fits a 25 pt 分值 cell at 10 pt; counting whole ems gave it two lines)
        per_line = max(1.0, room / size)
        lines[r] = max(lines[r], math.ceil(ems / per_line - 0.05) or 1)
    notes = sum(1 for note in (grid.note, grid.empty_note) if note) * (size + 6)
    return notes + sum(n * size + (n - 1) * leading + 2 * inset + 0.5 for n in lines)


def setting(grid: Grid, above: float = 0) -> Setting:
    """The type and insets a grid is set in: dense for a form, tight when it just overflows;
    smaller where its figures need it (``Grid.size``, colfit.py), the leading in step."""
    dense = bool(grid.meta_rows)
    if needs_tight(grid, above):
        chosen = DENSE_TIGHT if dense else TIGHT
    else:
        chosen = DENSE if dense else NORMAL
    return _sized(chosen, grid.size)


def _sized(chosen: Setting, size: float | None) -> Setting:
    if size is None or size >= chosen.size:
        return chosen
    return chosen._replace(size=size, leading=chosen.leading * size / chosen.size)


def needs_tight(grid: Grid, above: float = 0) -> bool:
    """True when the grid overflows its page as set normally but fits when set tight;
    ``above``: pt taken on the page by headings before the table."""
    room = (LANDSCAPE if grid.landscape else PORTRAIT)[1] - TITLE - above
    dense = bool(grid.meta_rows)
    normal, tight = (DENSE, DENSE_TIGHT) if dense else (NORMAL, TIGHT)
    normal, tight = _sized(normal, grid.size), _sized(tight, grid.size)
    cells = _cells(grid)  # measured once for both settings
    return height(grid, normal, cells) > room >= height(grid, tight, cells)
