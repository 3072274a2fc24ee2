"""Rows and cells from positioned glyphs and ruling lines (PDF text layer or OCR).

Ruling lines split a page into grids; every glyph inside a grid goes to the cell
band (row band × column band) that holds its centre, so wrapped 科目名称 and
vertically centred amounts land in the same row. Text outside grids becomes
lines, split into words at wide gaps.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .pages import Cell, Row

# Coordinates are PDF points (or pixels for OCR), top-down.  # noqa: money-float-ok
THIN = 3.0  # noqa: money-float-ok
SNAP = 2.5  # noqa: money-float-ok


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float  # noqa: money-float-ok
    y0: float  # noqa: money-float-ok
    x1: float  # noqa: money-float-ok
    y1: float  # noqa: money-float-ok

    @property
    def cx(self) -> float:  # noqa: money-float-ok
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:  # noqa: money-float-ok
        return (self.y0 + self.y1) / 2


Rule = tuple[float, float, float, float]  # noqa: money-float-ok (x0, y0, x1, y1)


def split_rules(boxes: list[Rule], thin: float = THIN) -> tuple[list[Rule], list[Rule]]:  # noqa: money-float-ok
    """Horizontal and vertical rules from thin boxes; a larger box gives its four edges."""
    horizontal, vertical = [], []
    for x0, y0, x1, y1 in boxes:
        w, h = x1 - x0, y1 - y0
        if h <= thin and w > 2 * thin:
            horizontal.append((x0, y0, x1, y1))
        elif w <= thin and h > 2 * thin:
            vertical.append((x0, y0, x1, y1))
    return horizontal, vertical


def _cluster(values: list[float], tolerance: float) -> list[float]:  # noqa: money-float-ok
    out: list[float] = []  # noqa: money-float-ok
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def _regions(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Group rules into tables stacked down the page (merged y-extents)."""
    spans = sorted([(r[1] - SNAP, r[3] + SNAP, "h", r) for r in horizontal]
                   + [(r[1] - SNAP, r[3] + SNAP, "v", r) for r in vertical])
    groups: list[tuple[float, list]] = []  # noqa: money-float-ok
    for top, bottom, kind, rule in spans:
        if groups and top <= groups[-1][0]:
            end, members = groups[-1]
            members.append((kind, rule))
            groups[-1] = (max(end, bottom), members)
        else:
            groups.append((bottom, [(kind, rule)]))
    out = []
    for _, members in groups:
        hs = [r for k, r in members if k == "h"]
        vs = [r for k, r in members if k == "v"]
        if len(hs) >= 2 and len(vs) >= 2:
            out.append((hs, vs))
    return out


def _text_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs into lines: a glyph joins a line when its centre lies within the line's height.

    Punctuation boxes sit low on the baseline; testing the centre against the whole
    line (not glyph against glyph) keeps "2,940.05" and "收入、" on one line.
    """
    lines: list[list[Glyph]] = []
    spans: list[list[float]] = []  # noqa: money-float-ok
    for glyph in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        for index in (-1, -2):
            if len(lines) >= -index:
                top, bottom = spans[index]
                if top - 0.5 <= glyph.cy <= bottom + 0.5:
                    lines[index].append(glyph)
                    spans[index] = [min(top, glyph.y0), max(bottom, glyph.y1)] if glyph.y1 - glyph.y0 >= (bottom - top) * 0.6 else spans[index]
                    break
        else:
            lines.append([glyph])
            spans.append([glyph.y0, glyph.y1])
    lines = _attach_marks(lines, spans)
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


# Marks whose boxes sit high or low on the line (quotes, commas, stops): on a line of their own
# they belong to a neighbouring text line. Brackets and "%" are full height: a line "（%）" is a
# wrapped line of a cell ("设施设备损坏维修率" | "（%）"), not marks of the line above.
_LOOSE_MARKS = set("“”‘’\"'`´,.，。、·：:；;")


def _attach_marks(lines: list[list[Glyph]], spans: list[list[float]]) -> list[list[Glyph]]:  # noqa: money-float-ok
    """Lines of lone quote marks, commas and stops join the nearest text line."""
    text_indices = [i for i, line in enumerate(lines)
                    if any(g.text.isalnum() or g.text not in _LOOSE_MARKS for g in line)]
    if len(text_indices) == len(lines) or not text_indices:
        return lines
    out = {i: list(lines[i]) for i in text_indices}
    for i, line in enumerate(lines):
        if i in out:
            continue
        cy = sum(g.cy for g in line) / len(line)
        nearest = min(text_indices, key=lambda j: abs((spans[j][0] + spans[j][1]) / 2 - cy))
        top, bottom = spans[nearest]
        if top - (bottom - top) <= cy <= bottom + (bottom - top):
            out[nearest].extend(line)
        else:
            out[i] = list(line)
    return [out[i] for i in sorted(out)]


# Between an amount and CJK text a narrower gap than between words already parts two cells:
# in a borderless table an amount right-aligned in its column stands a few points from the
# next column's name ("15,144.75  一、一般公共服务支出"). Only two-decimal amounts are cut off:
# "2022 年度" and "53.16%" stay whole.
AMOUNT_CJK_GAP = 0.35
_AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})+\.\d{2}|-?\d+\.\d{2}")


def _cjk(ch: str) -> bool:
    return ord(ch[0]) > 0x2E7F


def _words(line: list[Glyph], gap_factor: float) -> list[Cell]:  # noqa: money-float-ok
    """Split a line at gaps wider than ``gap_factor`` × the line height, and an amount from
    CJK text beside it at a gap wider than ``AMOUNT_CJK_GAP`` × the height.

    The line height, not the glyph's: "一" and "、" have flat boxes.
    """
    height = max(max(g.y1 for g in line) - min(g.y0 for g in line), 1.0)  # noqa: money-float-ok
    words, current = [], [line[0]]
    for glyph in line[1:]:
        if glyph.x0 - current[-1].x1 > height * gap_factor:
            words.append(current)
            current = [glyph]
        else:
            current.append(glyph)
    words.append(current)
    return [_cell(part) for word in words for part in _cut_amounts(word, height * AMOUNT_CJK_GAP)]


def _cut_amounts(word: list[Glyph], gap: float) -> list[list[Glyph]]:  # noqa: money-float-ok
    if len(word) < 5 or any(len(g.text) != 1 for g in word):
        return [word]
    text = "".join(g.text for g in word)
    cuts = set()
    for match in _AMOUNT.finditer(text):
        start, end = match.span()
        if start > 0 and _cjk(text[start - 1]) and word[start].x0 - word[start - 1].x1 > gap:
            cuts.add(start)
        if end < len(text) and _cjk(text[end]) and word[end].x0 - word[end - 1].x1 > gap:
            cuts.add(end)
    bounds = [0, *sorted(cuts), len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]


def _cell(glyphs: list[Glyph], col: int | None = None) -> Cell:
    return Cell("".join(g.text for g in glyphs), min(g.x0 for g in glyphs), max(g.x1 for g in glyphs),
                min(g.y0 for g in glyphs), max(g.y1 for g in glyphs), col)


_AMOUNT_RUN = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")


def _fix_overflow(bands: dict[tuple[int, int], list[Glyph]], xs: list[float]) -> None:  # noqa: money-float-ok
    """Amounts too wide for their cell overflow into the next one ("10,199.5910,199.59").

    A run of touching digit glyphs that crosses a column boundary is cut into amounts
    of two decimals, and each amount goes to the column holding its last glyph (amounts
    are right-aligned, so they overflow to the left).
    """
    rows: dict[int, list[Glyph]] = {}
    for (r, _), members in bands.items():
        rows.setdefault(r, []).extend(members)
    for r, members in rows.items():
        for line in _text_lines(members):
            run: list[Glyph] = []
            # the line's height, not the glyph's: a comma's box is short, its gap to the next digit is not
            height = max((g.y1 - g.y0 for g in line), default=1.0)  # noqa: money-float-ok
            for glyph in line + [None]:
                touching = glyph is not None and glyph.text in "0123456789.," and (
                    not run or glyph.x0 - run[-1].x1 < 0.3 * max(height, 1.0))  # noqa: money-float-ok
                if touching:
                    run.append(glyph)
                    continue
                _split_run(run, r, bands, xs)
                run = [glyph] if glyph is not None and glyph.text in "0123456789.," else []


def _split_run(run: list[Glyph], r: int, bands, xs) -> None:
    if len(run) < 8:
        return
    cols = {bisect_right(xs, g.cx) - 1 for g in run}
    if len(cols) < 2:
        return
    text = "".join(g.text for g in run)
    pieces = _AMOUNT_RUN.findall(text)
    if len(pieces) < 2 or "".join(pieces) != text:
        return
    taken = {id(g) for g in run}
    for key in list(bands):
        bands[key] = [g for g in bands[key] if id(g) not in taken]
        if not bands[key]:
            del bands[key]
    start = 0
    for piece in pieces:
        glyphs = run[start:start + len(piece)]
        start += len(piece)
        col = bisect_right(xs, glyphs[-1].cx) - 1
        bands.setdefault((r, col), []).extend(glyphs)


def _merged_starts(xs: list[float], ys: list[float], vs: list[Rule]) -> list[list[int]]:  # noqa: money-float-ok
    """Per row band, the first column of the cell each column belongs to. A column boundary
    that no vertical rule crosses within the band lies inside a merged cell (项目名称 over
    eight columns, a 年度总体目标 over four): its text is one cell, not pieces cut at the
    other rows' column lines."""
    covered: list[list[tuple[float, float]]] = [[] for _ in xs]  # noqa: money-float-ok
    for x0, y0, x1, y1 in vs:
        k = bisect_right(xs, (x0 + x1) / 2 + SNAP) - 1
        if k >= 0 and abs((x0 + x1) / 2 - xs[k]) <= SNAP:
            covered[k].append((y0 - SNAP, y1 + SNAP))
    starts = []
    for r in range(len(ys) - 1):
        middle = (ys[r] + ys[r + 1]) / 2
        row = [0]
        for k in range(1, len(xs) - 1):
            ruled = any(top <= middle <= bottom for top, bottom in covered[k])
            row.append(k if ruled else row[-1])
        row.append(row[-1])  # the right edge (a glyph on it belongs to the last column)
        starts.append(row)
    return starts


def build_rows(glyphs: list[Glyph], boxes: list[Rule], page: int, grid_base: int = 0,
               gap_factor: float = 1.0) -> list[Row]:  # noqa: money-float-ok
    """Rows of one page in reading order; grid rows carry column bands."""
    horizontal, vertical = split_rules(boxes)
    placed: list[tuple[float, Row | None, list[Glyph] | None]] = []  # noqa: money-float-ok
    free = list(glyphs)
    for index, (hs, vs) in enumerate(_regions(horizontal, vertical)):
        xs = _cluster([(r[0] + r[2]) / 2 for r in vs], SNAP)
        ys = _cluster([(r[1] + r[3]) / 2 for r in hs], SNAP)
        if len(xs) < 2 or len(ys) < 2:
            continue
        inside, outside = [], []
        for g in free:
            (inside if xs[0] <= g.cx <= xs[-1] and ys[0] <= g.cy <= ys[-1] else outside).append(g)
        free = outside
        starts = _merged_starts(xs, ys, vs)
        bands: dict[tuple[int, int], list[Glyph]] = {}
        for g in inside:
            r = min(bisect_right(ys, g.cy) - 1, len(ys) - 2)
            c = min(bisect_right(xs, g.cx) - 1, len(xs) - 2)
            bands.setdefault((r, starts[r][c]), []).append(g)
        _fix_overflow(bands, xs)
        by_row: dict[int, list[Cell]] = {}
        for (r, c), members in bands.items():
            ordered = [g for line in _text_lines(members) for g in line]
            by_row.setdefault(r, []).append(_cell(ordered, c))
        for r, cells in by_row.items():
            cells.sort(key=lambda cell: cell.col)
            placed.append((ys[r], Row(tuple(cells), page, 0, grid_base + index + 1), None))
    for line in _text_lines(free):
        placed.append((line[0].cy, None, line))
    placed.sort(key=lambda item: item[0])
    rows = []
    for number, (_, row, line) in enumerate(placed, start=1):
        if row is not None:
            rows.append(Row(row.cells, page, number, row.grid))
        else:
            rows.append(Row(tuple(_words(line, gap_factor)), page, number))
    return rows
