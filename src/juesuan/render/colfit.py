"""Column widths that hold every printed figure: an amount never runs over its cell's rule.

The grids (grids_*.py) give each column a share of the page as the printed tables have it:
amount columns about 14 of 150 on a landscape page, a 64 pt cell that holds 999,999.99 but
not the 1,000,000.00 万元 and more a finance bureau's transfer payments reach (a figure
wider than its cell runs into its neighbour, and a reader of the page cuts it at the rule).
So each grid is measured before it is drawn: the widest figure of each column at the type
size the table is set in (pdf_fit.py), with the insets. Where a column is too narrow it is
widened to that width, the width taken from the columns without figures (CJK names wrap,
a column left blank holds only its header; codes are narrow already), then from the spare
width of other figure columns; where the page cannot
give that much, the table alone is set smaller (``Grid.size``) until it fits. A grid that
fits is returned as it is: our examples print as before.

Every renderer draws these widths (PDF, DOCX and XLSX share the page width; HTML tables grow
with their cells anyway), so a figure that fits the PDF's cell fits the others'.
"""

from __future__ import annotations

from dataclasses import replace

from .cells import Cell, Grid, placed
from .pdf_fit import DENSE, LANDSCAPE, NORMAL, PORTRAIT

# Advance widths in ems of the widest table font we embed (Noto Serif CJK SC; 宋体 digits are
# 0.5 em): bold (totals) are the wider. A character not listed counts as a full em.
_REGULAR = {**dict.fromkeys("023456789", 0.562), "1": 0.471, ",": 0.327, ".": 0.327, "-": 0.4,
            "%": 0.84, " ": 0.25}
_BOLD = {**dict.fromkeys("023456789", 0.596), "1": 0.5, ",": 0.335, ".": 0.335, "-": 0.42,
         "%": 0.88, " ": 0.25}
SLACK = 1.0  # pt left clear of the insets in a widened column: side bearings, rounding
STEP = 0.5  # pt the type is made smaller by, each try
SMALLEST = 7.5  # pt: below this a table is unreadable on paper; set there, whatever overflows
TEXT_FLOOR = 6  # ems a line of a column of names keeps (a 科目名称 of six characters a line)
HEAD_FLOOR = 4  # ems any other column keeps for its header (四字 a line)
UNIT = 1000  # the fitted widths are shares of this many parts


def figure_ems(text: str, bold: bool = False) -> float:  # noqa: money-float-ok (ems)
    """The printed width of a figure ("10,424,543.84") in ems."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(ch, 1.0) for ch in text)


def _is_figure(cell: Cell) -> bool:
    return cell.is_amount and bool(cell.text())


def _columns(grid: Grid) -> tuple[list[list[tuple[int, float]]], set[int]]:  # noqa: money-float-ok
    """Per column, the figures that must fit: (columns spanned, ems); and the columns whose
    body holds text that wraps (Chinese names)."""
    figures: list[list[tuple[int, float]]] = [[] for _ in grid.widths]
    wrapping: set[int] = set()
    heads = len(grid.meta_rows) + len(grid.header)
    for r, c, cell in placed(grid.rows, grid.columns):
        if _is_figure(cell):
            figures[c].append((cell.colspan, figure_ems(cell.text(), cell.bold)))
        elif r >= heads and cell.colspan == 1 and any(ord(ch) > 0x2E7F for ch in cell.text()):
            wrapping.add(c)
    return figures, wrapping


def _needs(figures, size: float, side: float) -> list[float]:  # noqa: money-float-ok (points)
    """Width in pt each column needs for its figures, ``side`` pt clear of each rule (a figure
    over n columns asks 1/n of each)."""
    return [max((ems * size + 2 * side) / span for span, ems in column) if column else 0.0
            for column in figures]


def _share(have: list[float], needs: list[float], floors: list[float],  # noqa: money-float-ok
           first: set[int]) -> list[float] | None:
    """Widths (pt, same total as ``have``) giving every column its need, taken from the columns
    ``first`` (in proportion to what each can spare), then from the spare width of the others,
    none below its floor; None when the page cannot give that much."""
    grown = [max(h, n) for h, n in zip(have, needs)]
    missing = sum(grown) - sum(have)
    for donors in (first, set(range(len(have))) - first):
        spare = {c: grown[c] - max(floors[c], needs[c]) for c in donors if grown[c] > max(floors[c], needs[c])}
        room = sum(spare.values())
        if room <= 0:
            continue
        take = min(missing, room)
        for c, s in spare.items():
            grown[c] -= take * s / room
        missing -= take
        if missing <= 1e-6:
            return grown
    return None if missing > 1e-6 else grown


def fitted(grid: Grid) -> Grid:
    """The grid with widths (and, where the page cannot give more, a type size) that hold
    every figure in its cell; the grid itself when it already does."""
    figures, wrapping = _columns(grid)
    if not any(figures):
        return grid
    base = DENSE if grid.meta_rows else NORMAL
    page = (LANDSCAPE if grid.landscape else PORTRAIT)[0]
    total = sum(grid.widths)
    have = [page * w / total for w in grid.widths]
    # Donors: the columns without figures (names, or a figure column left blank); a code column
    # is narrower than its floor already and gives nothing.
    plain = {c for c, column in enumerate(figures) if not column}
    size = full = base.size
    while True:
        # A figure fits with half the inset clear of each rule (our 自评表 sets "100.0" so in its
        # 分值 column); a column made wider gets the whole inset and a point to spare.
        if all(n <= h + 1e-6 for n, h in zip(_needs(figures, size, base.inset_x / 2), have)):
            return grid if size == full else replace(grid, size=size)
        needs = _needs(figures, size, base.inset_x + SLACK / 2)
        floors = [min(h, (TEXT_FLOOR if c in wrapping else HEAD_FLOOR) * size + 2 * base.inset_x)
                  for c, h in enumerate(have)]
        widths = _share(have, needs, floors, plain)
        if widths is not None or size - STEP < SMALLEST:
            break
        size -= STEP
    widths = widths or [max(h, n) for h, n in zip(have, needs)]  # the smallest type, widest figures
    scale = UNIT / sum(widths)
    # rounded up where a figure needs it: never narrower than measured
    shares = [max(1, round(w * scale)) if n == 0 else -int(-(w * scale) // 1) for w, n in zip(widths, needs)]
    widest = max(range(len(shares)), key=lambda c: (needs[c] == 0, shares[c]))
    shares[widest] -= sum(shares) - UNIT  # the rounding, off the widest column without figures
    return replace(grid, widths=tuple(shares), size=size if size < full else None)
