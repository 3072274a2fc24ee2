"""Will a dense grid (a 自评表) fit its landscape page? An estimate, made before typst runs.

Rows never split, so a 自评表 a few rows taller than its page leaves a page with one or two
rows and the 总分. Such a table is set tight (smaller type and insets, see document.typ).
Measuring in typst (``measure``) would be exact but lays every table out twice, which nearly
doubles the PDF build; counting lines per cell here costs nothing and errs only at the margin.
"""

from __future__ import annotations

import math

from .cells import Grid, placed

PT_PER_MM = 72 / 25.4
WIDTH = 225 * PT_PER_MM  # landscape body: 297 mm less the 37 + 35 mm margins
# Landscape body height (210 − 28 − 26 mm) less title and subtitle (~32 pt, from the examples).
ROOM = 156 * PT_PER_MM - 32

# (size, leading, y inset) per setting, as in document.typ's grid-table.
NORMAL = (10.0, 3.0, 2.0)
TIGHT = (9.5, 2.375, 1.5)
X_INSET = 2.5


def _ems(text: str) -> float:
    # CJK and full-width characters are one em; Latin letters and digits about half.
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)


def height(grid: Grid, setting: tuple[float, float, float]) -> float:
    """Estimated table height in pt: lines per cell, the tallest single-row cell per row."""
    size, leading, inset = setting
    total = sum(grid.widths)
    unit = WIDTH / total
    rows = (*grid.meta_rows, *grid.header, *grid.body)
    lines = [1] * len(rows)
    for r, c, cell in placed(rows, len(grid.widths)):
        if cell.rowspan > 1:
            continue  # a label down many rows does not set a row's height
        room = sum(grid.widths[c:c + cell.colspan]) * unit - 2 * X_INSET
        per_line = max(1, int(room // size))
        lines[r] = max(lines[r], math.ceil(_ems(cell.text()) / per_line) or 1)
    return sum(n * size + (n - 1) * leading + 2 * inset + 0.5 for n in lines)


def needs_tight(grid: Grid) -> bool:
    """True when the grid overflows its page as set normally but fits when set tight."""
    return height(grid, NORMAL) > ROOM >= height(grid, TIGHT)
