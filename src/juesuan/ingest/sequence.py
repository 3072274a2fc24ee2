"""Two-sided 总表 from space-aligned text whose columns drift: placed by reading order.

``pdftotext -layout`` squeezes blank cells, so in 公开01/04 the x-extents of labels and
amounts overlap from line to line and merging them (``virtual``) leaves one column. The
order of a line still holds: 项目 | 决算数 | 项目 | 决算数…. A label after an amount, a
second label, or a first label starting right of the left labels' gutter opens the right
side. Amounts go to the columns after their side's label in order; on the right of 公开04
(合计 and three sources) only a full set of four or a lone 合计 is placed: two or three
amounts could sit under any of the sources, so the others are reported, never guessed.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median

from .collect import Collector
from .columns import header_rows
from .locate import Block, ColumnMap
from .numbers import clean, is_amount
from .pages import Cell, Row


def drifting(block: Block) -> bool:
    """True when the guessed columns put both sides' labels in one column."""
    cols = {c.col for r in block.rows for c in r.cells}
    return len(cols) < 4


def _is_value(text: str) -> bool:
    return is_amount(clean(text))


_FISCAL_WORDS = ("合计", "一般公共预算", "政府性基金", "国有资本")  # 公开04's right side as its header prints it


def _fits(block: Block, fiscal: bool) -> bool:
    """The header says 项目 twice (and, in 公开04, names the four right columns) and no 行次."""
    rows = header_rows(block)
    text = "".join(clean(c.text) for r in rows for c in r.cells)
    # 行次 numbers would read as amounts in order: such a layout is left to the columns
    return bool(rows) and text.count("项目") >= 2 and "行次" not in text and \
        (not fiscal or all(k[:4] in text for k in _FISCAL_WORDS))


def order_columns(key: str) -> ColumnMap:
    """The columns ``place_by_order`` puts cells in: 项目 0, its 决算数 1, 项目 2, then 决算数 (公开01)
    or 合计 and the three sources (公开04) from 3, for ``twosided`` instead of header words."""
    from .twosided import SOURCES

    right = ("total", *SOURCES) if key == "fiscal_summary" else ("amount",)
    return ColumnMap((0, 2), ((1, "amount"), *((3 + i, f) for i, f in enumerate(right))), "阅读顺序 reading order")


def place_by_order(block: Block, out: Collector) -> list[Row] | None:
    """The body rows with columns by reading order (a new list; the columns ``order_columns`` says);
    None when the header does not say 项目 twice."""
    fiscal = block.key == "fiscal_summary"
    width = 4 if fiscal else 1  # amount columns of the right side
    if not _fits(block, fiscal):
        return None
    body = block.rows[len(header_rows(block)):]
    # labels that follow something on their line belong to the right side: where it starts
    seconds = [c.x0 for r in body for c in r.cells[1:] if not _is_value(c.text)]
    gutter = median(seconds) / 2 if seconds else None  # noqa: money-float-ok (x offsets)
    rows, sides = [], []
    for row in body:
        side, seen_label, seen_value, cells, pending = 0, False, False, [], []
        for cell in row.cells:
            value = _is_value(cell.text)
            if not value:
                if seen_value or seen_label or (gutter is not None and not cells and cell.x0 >= gutter):
                    side = 1
                seen_label, seen_value = True, False
                cells.append(replace(cell, col=2 * side))
                continue
            seen_value = True
            pending.append((side, cell))
            cells.append(replace(cell, col=None))
        sides.append((row, cells, pending))
    decided = _right_side(sides) if fiscal else [None] * len(sides)
    for (row, cells, pending), decision in zip(sides, decided):
        right = [c for s, c in pending if s == 1]
        left = [c for s, c in pending if s == 0]
        placed = {id(c): 1 + k for k, c in enumerate(left[:1])}
        if len(right) == width or len(right) == 1:
            placed.update({id(c): 3 + k for k, c in enumerate(right)})
        elif right and decision is not None and not decision.unknown:  # the column totals place it
            columns = [i for i, v in enumerate(decision.vector) if v is not None]
            placed.update({id(c): 3 + k for c, k in zip(right, columns)})
        elif right:
            placed[id(right[0])] = 3
            for c in right[1:]:
                out.unclear(row, f"{block.key}: 来源列无法确定 / column not certain: {c.text}", block.key)
        for c in left[1:]:
            out.unclear(row, f"{block.key}: 金额无法对应 / amount not placed: {c.text}", block.key)
        kept = []
        for original, cell in zip(row.cells, cells):
            if cell.col is None:
                if id(original) not in placed:
                    continue
                cell = replace(cell, col=placed[id(original)])
            kept.append(cell)
        rows.append(replace(row, cells=tuple(kept)))
    return rows


def _right_side(sides) -> list:
    """公开04's 支出 lines placed together by the column totals (``fiscal_lines``); the sources
    the income side prints nothing for are blank (T04-009)."""
    from .collapsed import SOURCES
    from .fiscal_lines import place_lines
    from .numbers import parse_amount

    lines, funded = [], set()
    for _, cells, pending in sides:
        left = "".join(clean(c.text) for c in cells if c.col == 0)
        if any(s == 0 for s, _ in pending):
            funded |= {field for word, field in SOURCES if word in left}
        lines.append(("".join(clean(c.text) for c in cells if c.col == 2),
                      [parse_amount(c.text) for s, c in pending if s == 1]))
    return place_lines(lines, {field for _, field in SOURCES} - funded)


ORDERED_CODED = ("income", "expenditure", "general_budget")  # 合计 is the first amount column


def coded_drifting(block: Block) -> bool:
    """True when some line's amount fell in the same guessed column as its 科目名称."""
    for row in block.rows:
        names = {c.col for c in row.cells if not _is_value(c.text) and not clean(c.text).isdigit()}
        if any(_is_value(c.text) and c.col in names for c in row.cells):
            return True
    return False


def place_coded_by_order(block: Block, out: Collector, order: tuple[str, ...],
                         tentative: set[tuple[int, str]] | None = None) -> list[Row] | None:
    """The body rows with 类/款/项 codes, 科目名称, then amounts, by reading order (a new list; None
    when the header does not name 科目名称 or 项目, or numbers its lines), in the columns
    ``coded_order_columns`` says (the header rows are not among them).

    The first amount of a line is its 合计 (the first column, never blank on a line with any
    amount); the rest are placed when the line prints every column, or by their offset from
    the line's 合计 (``_by_offset``), recorded in ``tentative`` as (line, field) for
    ``trust.keep_proven_parts`` to prove. Amounts on a line of their own (centred off their
    row) are reported, as are the parts that cannot be placed.
    """
    rows = header_rows(block)
    text = "".join(clean(c.text) for r in rows for c in r.cells)
    if not rows or not ("科目名称" in text or "项目" in text) or "行次" in text or "栏次" in text:
        return None
    split = []
    for row in block.rows[len(rows):]:
        codes, labels, amounts = [], [], []
        for cell in row.cells:
            t = clean(cell.text)
            if t.isdigit() and not labels and not amounts:
                codes.append(cell)  # "201 06 01" before the name are codes, not amounts
            elif _is_value(t):
                amounts.append(cell)
            else:
                labels.append(cell)
        # amounts joined from a line above or below (``virtual``) cannot be ordered with this one
        home = (codes or labels or [None])[0]
        stray = [c for c in amounts if home is None or abs(c.y0 - home.y0) > (c.y1 - c.y0) / 2]
        for cell in stray:
            out.unclear(row, f"{block.key}: 金额无法对应 / amount not placed: {cell.text}", block.key)
        amounts = [c for c in amounts if all(c is not s for s in stray)]
        if home is not None:
            split.append((row, codes, labels, amounts))
    offsets = _offsets([a for *_, a in split if len(a) == len(order)])
    placed_rows = []
    for row, codes, labels, amounts in split:
        cells = [replace(c, col=min(i, 2)) for i, c in enumerate(codes)]
        cells += [replace(c, col=3) for c in labels]
        columns = list(range(len(amounts))) if len(amounts) == len(order) else _by_offset(amounts, offsets)
        if columns is None:
            columns = [0][:len(amounts)]
            for cell in amounts[1:]:
                out.unclear(row, f"{block.key}: 栏目无法确定 / column not certain: {cell.text}", block.key)
        elif len(amounts) != len(order) and tentative is not None:
            tentative.update((row.line, order[i]) for i in columns[1:])
        cells += [replace(c, col=4 + i) for c, i in zip(amounts, columns)]
        placed_rows.append(replace(row, cells=tuple(cells)))
    return placed_rows


def coded_order_columns(order: tuple[str, ...]) -> ColumnMap:
    """The columns ``place_coded_by_order`` puts cells in: codes 0–2, 科目名称 3, the amounts from 4
    in the printed order ``order``, for the block's parser to take instead of header words."""
    return ColumnMap((3,), tuple((4 + i, field) for i, field in enumerate(order)), "阅读顺序 reading order")


TOLERANCE = 1  # characters: right edges of right-aligned amounts agree to within one


def _offsets(complete: list[list[Cell]]) -> list[tuple]:
    """(lowest, highest) right-edge offset of each column from the 合计 of complete lines.

    The 合计's own position drifts with the width of the name before it (CJK), but what
    follows it on a line is ASCII amounts and spaces, so offsets from it hold line to line.
    """
    if len(complete) < 2:
        return []
    return [(min(a[i].x1 - a[0].x1 for a in complete), max(a[i].x1 - a[0].x1 for a in complete))
            for i in range(len(complete[0]))]


def _by_offset(amounts: list[Cell], offsets: list[tuple]) -> list[int] | None:
    """Columns of a partial line's amounts: each must fall in exactly one column's band."""
    if len(amounts) < 2:
        return list(range(len(amounts)))
    if not offsets:
        return None
    columns = [0]
    for cell in amounts[1:]:
        d = cell.x1 - amounts[0].x1
        hits = [i for i, (lo, hi) in enumerate(offsets) if i and lo - TOLERANCE <= d <= hi + TOLERANCE]
        if len(hits) != 1 or hits[0] <= columns[-1]:
            return None
        columns.append(hits[0])
    return columns
