"""Column bands for tables printed without ruling lines (layout text, plain PDFs, OCR).

Data cells (amounts, codes, names) are right- or left-aligned within their column,
so the x-extents of one column overlap from row to row while columns stay apart:
merging overlapping extents gives the columns. Header labels then add the columns
that are blank in every data row, unless they span several columns.
"""

from __future__ import annotations

from dataclasses import replace

from .columns import is_data_row
from .numbers import is_amount, parse_amount
from .locate import Block
from .pages import Row


def needs_columns(block: Block) -> bool:
    cells = [c for r in block.rows for c in r.cells]
    return bool(cells) and sum(c.col is None for c in cells) > len(cells) // 2


def _merge(spans: list[tuple[float, float]]) -> list[list[float]]:  # noqa: money-float-ok
    merged: list[list[float]] = []  # noqa: money-float-ok
    for x0, x1 in sorted(spans):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged


def assign_columns(block: Block) -> list[Row]:
    """The block's rows with column bands guessed from x positions (a new list; the block as it was)."""
    data = [r for r in block.rows if is_data_row(r)]
    if not data:
        return list(block.rows)
    clusters = _merge([(c.x0, c.x1) for r in data for c in r.cells])
    for row in block.rows:
        if row in data:
            continue
        for cell in row.cells:
            hits = [k for k in clusters if cell.x0 < k[1] and cell.x1 > k[0]]
            if not hits:
                clusters.append([cell.x0, cell.x1])
                clusters.sort()
    rows = [_with_columns(row, clusters) for row in block.rows]
    return _join_wrapped_names(_join_split_rows(rows))


def _amount_only(row) -> bool:
    return all(is_amount(c.text) for c in row.cells)


def _join_split_rows(rows):
    """Amounts printed a little above or below their row (centred in a tall cell) rejoin it.

    An amounts-only row merges with the nearer neighbour whose columns it does not
    collide with, when that neighbour is within about one line.
    """
    out = list(rows)
    index = 0
    while index < len(out):
        row = out[index]
        if row.cells and _amount_only(row):
            first = next((i for i, r in enumerate(out) if _coded(r)), None)
            # a table printing no codes (公开01/04): its first line with a label and amounts may take
            # an amount printed above it (a tall first row), from the header side only
            lead = next((i for i, r in enumerate(out) if _labelled(r)), None) if first is None else None
            first = len(out) if first is None else first
            cols = {c.col for c in row.cells}
            y = row.cells[0].y0
            height = max(c.y1 - c.y0 for c in row.cells)
            options, adds_up = [], []
            for other in (index - 1, index + 1):
                if 0 <= other < len(out) and out[other].page == row.page and out[other].cells:
                    neighbour = out[other]
                    distance = abs(neighbour.cells[0].y0 - y)
                    if distance > height * 1.6 or _amount_only(neighbour):
                        continue
                    if other < first and not _total_label(neighbour) and not (other == lead == index + 1):
                        continue  # a header line ("类 款 项") takes no amounts: a tall 合计's stay for it
                    if not cols & {c.col for c in neighbour.cells}:
                        options.append((distance, other))
                    if _coded(neighbour) and not _adds_up(neighbour.cells) and _adds_up(neighbour.cells + row.cells):
                        adds_up.append(other)
            if len(adds_up) == 1:
                # the identities say which row (-layout prints a tall row's parts on the line above
                # its code line and 合计; guessed columns may put a part in its 合计's column)
                options = [(0, adds_up[0])]
            if options:
                _, other = min(options)
                neighbour = out[other]
                merged = tuple(sorted(neighbour.cells + row.cells, key=lambda c: c.col))
                out[other] = replace(neighbour, cells=merged)
                del out[index]
                continue
        index += 1
    return out


def _adds_up(cells) -> bool:
    """The row's first amount (its 合计, leftmost) is the sum of the others (one or more)."""
    amounts = [parse_amount(c.text) for c in sorted(cells, key=lambda c: c.x0)
               if is_amount(c.text) and "." in c.text]  # not the codes: "201" reads as an amount too
    if len(amounts) < 2 or None in amounts:
        return False
    return amounts[0] == sum(amounts[1:])


def _labelled(row) -> bool:
    """A line with a label and an amount (a two-decimal figure)."""
    return any("." in c.text and is_amount(c.text) for c in row.cells) and not _amount_only(row) \
        and any(not is_amount(c.text) for c in row.cells)


def _total_label(row) -> bool:
    return any(word in c.text for c in row.cells for word in ("合计", "总计"))


def _coded(row) -> bool:
    """A row that prints a 类/款/项 code (its amounts are 合计 and parts; not a 公开01/04 line)."""
    return any(c.text.strip().isdigit() and len(c.text.strip()) in (2, 3, 5, 7) for c in row.cells)


def _with_columns(row, clusters):
    cells = []
    for cell in row.cells:
        centre = (cell.x0 + cell.x1) / 2
        overlap = [(min(cell.x1, k[1]) - max(cell.x0, k[0]), i) for i, k in enumerate(clusters)]
        best = max(overlap)
        if best[0] <= 0:
            best = min((abs(centre - (k[0] + k[1]) / 2), i) for i, k in enumerate(clusters))
        cells.append(replace(cell, col=best[1]))
    return replace(row, cells=tuple(cells), grid=row.grid if row.grid is not None else -1)


_NOT_NAMES = ("项目", "科目名称", "类", "款", "项", "栏次", "合计", "总计")


def _code(cell) -> bool:
    """A cell of classification code digits ("201", "212 03 99")."""
    return cell.text.replace(" ", "").isdigit()


def _name_only(row, name_cols) -> bool:
    return len(row.cells) == 1 and row.cells[0].col in name_cols and not is_amount(row.cells[0].text) \
        and not _code(row.cells[0])


def _named(row, name_cols) -> bool:
    return any(c.col in name_cols and not is_amount(c.text) and not _code(c) for c in row.cells)


def _join_wrapped_names(rows):
    """A name printed on two lines of a tall cell, centred on its row, leaves a line of name
    only above and below the line of codes and amounts ("政府办公厅（室）及相关" | 201 03 … |
    "机构事务"). Each such line joins the nearer of the data rows next to it, when within
    about one line, in the column of the names: above before, below after its own text.
    Only rows that print a code take such lines (公开01/04 rows are known by their names)."""
    data = [i for i, row in enumerate(rows) if is_data_row(row)]
    if not data:
        return rows
    name_cols = {c.col for i in data for c in rows[i].cells if not is_amount(c.text) and not _code(c)}
    pieces: dict[int, list[tuple[bool, object, int]]] = {}  # data row → (above?, fragment, its index)
    drop = set()
    for index in range(data[0], data[-1] + 1):
        row = rows[index]
        if index in data or len(row.cells) != 1 or row.cells[0].col not in name_cols:
            continue
        cell = row.cells[0]
        if is_amount(cell.text) or cell.text.strip() in _NOT_NAMES or cell.text.startswith(("注", "单位")):
            continue
        if _name_only(rows[index - 1], name_cols) or index + 1 < len(rows) and _name_only(rows[index + 1], name_cols):
            continue  # one of several name lines in a row: which row each ends or heads, flat.records decides
        height = cell.y1 - cell.y0
        # only rows with a printed code: there the code, not the name, says which row it is
        options = [(abs(rows[j].cells[0].y0 - cell.y0), j) for j in (index - 1, index + 1)
                   if j in data and rows[j].page == row.page and rows[j].cells
                   and any(_code(c) for c in rows[j].cells)
                   and abs(rows[j].cells[0].y0 - cell.y0) <= height * 1.6]
        if len(options) == 2 and options[0][0] == options[1][0]:
            # as near to both (text lines): a row printing no name of its own takes it (centred);
            # else the names decide later, with the code list (flat.records)
            options = [o for o in options if not _named(rows[o[1]], name_cols)]
            if len(options) != 1:
                continue
        if options:
            _, home = min(options)
            pieces.setdefault(home, []).append((home > index, cell, index))
            drop.add(index)
    out = list(rows)
    for home, parts in pieces.items():
        row = out[home]
        named = [c for c in row.cells if c.col in name_cols and not is_amount(c.text) and not _code(c)]
        above = "".join(c.text for up, c, _ in parts if up)
        below = "".join(c.text for up, c, _ in parts if not up)
        if named:
            target = named[0]
            joined = replace(target, text=above + target.text + below)
            cells = tuple(joined if c is target else c for c in row.cells)
        elif above and below:  # a row without a name of its own: only the centred two-line case
            first = parts[0][1]
            cells = tuple(sorted(row.cells + (replace(first, text=above + below, col=min(name_cols)),),
                                 key=lambda c: c.col))
        else:
            drop -= {index for _, _, index in parts}  # a lone line: left as it was
            continue
        out[home] = replace(row, cells=cells)
    return [row for index, row in enumerate(out) if index not in drop]
