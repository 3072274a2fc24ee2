"""The 自评表's indicator rows from lines without tab cells.

A row's *anchor* is the line with its 分值 and 得分 (two plain numbers side by side); a 二级指标
label alone on a line is a printed row with no 三级指标. With x positions (``pdftotext -layout``:
x in characters) each text piece goes to the column whose start it is nearest (columns measured on
the anchor lines that print all of 三级指标 / 年度指标值 / 实际完成值), and a wrapped cell's lines lie
centred on its row's anchor: as many above as below. So the pieces between two anchors split, per
column, into the lower half of the first row and the upper half of the next — a count that must come
out whole and non-negative, or the form is in doubt. A page with no such full line takes its columns
from where its own pieces start (``_clustered``); two columns printed one space apart are cut where
the lines beside show the second column starting (``_split_cells``), or where the row's other columns
are printed nowhere but on its anchor line (``_spread``). Without positions (pdfplumber, ``-raw``, a
viewer's copy) a wrapped line could continue either row and any column: only forms whose every row
is printed on one line are read.
"""

from __future__ import annotations

import re
from statistics import median

from .pages import Row
from .performance_text import LABELS, LEVEL1_OF, LEVEL2, SCORE, TEXT_FIELDS as TEXT_ORDER

Token = tuple[str, int]  # text, x in characters
UNIT = re.compile(r"^(?:%|[（(]%[）)]|[\u4e00-\u9fff]{1,2})$")  # "=100 %": a unit printed apart
COLUMNS = ("name", "target", "actual", "weight", "score", "deviation_reason")
MAX_BREAKS = 10  # spaces tried as column breaks on one page (2**10 readings at most)


class Doubt(Exception):
    """The rows cannot be placed with certainty; the message says where."""


def _tokens(row: Row, source: list[str] | None = None) -> list[Token]:
    """The row's words with x in characters. The text loader keeps x only for lines it cut at runs of
    spaces, so a lone indented piece ("          暖费") is measured again on its printed line."""
    if source is not None and 0 < row.line <= len(source):
        for part in source[row.line - 1].split("\f"):
            if re.sub(r"\s+", "", part) == row.compact:
                return [(m.group(), m.start()) for m in re.finditer(r"\S+", part)]
    out = []
    for cell in row.cells:
        x = int(cell.x0)
        for match in re.finditer(r"\S+", cell.text):
            out.append((match.group(), x + match.start()))
    return out


def _cells(tokens: list[Token]) -> list[Token]:
    """Tokens one space apart are one cell (x of its first token)."""
    cells: list[Token] = []
    end = None
    for text, x in tokens:
        if cells and end is not None and x - end <= 1:
            cells[-1] = (cells[-1][0] + " " + text, cells[-1][1])
        else:
            cells.append((text, x))
        end = x + len(text)
    return cells


def _anchor(tokens: list[Token]) -> int | None:
    """Index of the 分值 token: the last two adjacent plain numbers, only text after them."""
    for i in range(len(tokens) - 2, -1, -1):
        if SCORE.match(tokens[i][0]) and SCORE.match(tokens[i + 1][0]):
            if any(SCORE.match(t) for t, _ in tokens[i + 2:i + 3]):
                continue
            return i
    return None


def _level2(tokens: list[Token], level2_x: float | None) -> tuple[str | None, list[Token]]:
    """The 二级指标 label of a line and the line without its labels (一级指标, the left label).
    "满意度指标" names both levels: the right one of two is the 二级指标; a lone one is the 二级指标
    when it stands nearer the 二级指标 column than 8 characters to its left (the 一级指标 column)."""
    level2, rest = None, []
    both = [i for i, (t, _) in enumerate(tokens) if t in LEVEL2 and t in LABELS]
    for i, (text, x) in enumerate(tokens):
        if text in LEVEL2 and text not in LABELS:
            level2 = text
        elif i in both and (i == both[-1] and len(both) > 1 or len(both) == 1 and
                            (level2_x is None or abs(x - level2_x) < abs(x - (level2_x - 8)))):
            level2 = text
        elif text in LABELS and (level2_x is None or x < level2_x + 4):
            continue
        else:
            rest.append((text, x))
    return level2, rest


def read_rows(region: list[Row], source: list[str] | None = None) -> list[dict]:
    """Indicator dicts (``ProjectEvaluation.indicators``) in print order; ``Doubt`` when not certain.
    ``source``: the text file's lines, where the x of indented lines is measured."""
    lines = [(row.page, _tokens(row, source)) for row in region]
    if any(len(row.cells) > 1 for row in region):
        return _by_columns(lines)
    return _one_line_rows(lines)


def _one_line_rows(lines: list[tuple[int, list[Token]]]) -> list[dict]:
    rows = []
    for _, tokens in lines:
        level2, rest = _level2(tokens, None)
        i = _anchor(rest)
        if i is None:
            if level2 and not rest:
                rows.append({"level1": LEVEL1_OF[level2], "level2": level2})
                continue
            raise Doubt("折行的指标行（无栏位信息，无法确定所属栏与行）：" + "".join(t for t, _ in tokens)[:40])
        words: list[str] = []
        for text, _ in rest[:i]:
            if words and UNIT.match(text) and re.search(r"\d$", words[-1]):
                words[-1] += " " + text
            else:
                words.append(text)
        if level2 is None or len(words) != 3:
            raise Doubt("指标行的三级指标/指标值/完成值无法分开：" + " ".join(t for t, _ in tokens)[:40])
        dev = " ".join(t for t, _ in rest[i + 2:])
        rows.append({"level1": LEVEL1_OF[level2], "level2": level2, "name": words[0], "target": words[1],
                     "actual": words[2], "weight": rest[i][0], "score": rest[i + 1][0],
                     **({"deviation_reason": dev} if dev else {})})
    return rows


def _columns(parsed: list[dict]) -> dict[str, float]:
    """Column starts from the anchor lines that print name, target and actual as three cells."""
    starts: dict[str, list[int]] = {c: [] for c in COLUMNS}
    level2_x = []
    for line in parsed:
        if line["anchor"] is None:
            continue
        level2_x += [x for t, x in line["tokens"] if t in LEVEL2 and t not in LABELS]
        cells = _cells(line["rest"][:line["anchor"]])
        if len(cells) == 3:
            for column, (_, x) in zip(COLUMNS, cells):
                starts[column].append(x)
        starts["weight"].append(line["rest"][line["anchor"]][1])
        starts["score"].append(line["rest"][line["anchor"] + 1][1])
        after = line["rest"][line["anchor"] + 2:]
        if after:
            starts["deviation_reason"].append(after[0][1])
    if not all(starts[c] for c in COLUMNS[:5]):
        raise Doubt("指标栏位无法确定（没有一行同时印出三级指标、指标值与完成值）")
    out = {c: median(v) for c, v in starts.items() if v}
    out.setdefault("deviation_reason", out["score"] + 6)
    out["level2"] = median(level2_x) if level2_x else out["name"] - 8
    return out


def _by_columns(lines: list[tuple[int, list[Token]]]) -> list[dict]:
    parsed = []
    for page, tokens in lines:
        level2, rest = _level2(tokens, None)
        parsed.append({"page": page, "tokens": tokens, "level2": level2, "rest": rest, "anchor": _anchor(rest)})
    pages: dict[int, list[dict]] = {}
    for line in parsed:
        pages.setdefault(line["page"], []).append(line)
    overall = _columns(parsed)
    rows: list[dict] = []
    for page_lines in pages.values():
        try:
            columns = _columns(page_lines)
        except Doubt:
            columns = _clustered(page_lines, overall) or overall
        rows += _page_rows(page_lines, columns)
    return rows


def _clustered(lines: list[dict], overall: dict[str, float]) -> dict[str, float] | None:
    """Columns of a page with no line printing all three text columns (a 续表 page of wrapped rows),
    where the other pages' columns do not fit: every text piece left of 分值 starts in one of exactly
    three bands (name, target, actual; a band's starts within 2 characters of each other). None when
    the pieces do not fall in three bands."""
    anchors = [line for line in lines if line["anchor"] is not None]
    if not anchors:
        return None
    weights = [line["rest"][line["anchor"]][1] for line in anchors]
    starts = sorted(x for line in lines for _, x in
                    _cells(line["rest"][:line["anchor"]] if line["anchor"] is not None else line["rest"])
                    if x < min(weights) - 1)
    bands: list[list[int]] = []
    for x in starts:
        if bands and x - bands[-1][-1] <= 2:
            bands[-1].append(x)
        else:
            bands.append([x])
    if len(bands) != 3:
        return None
    out = {column: median(band) for column, band in zip(COLUMNS, bands)}
    out["weight"], out["score"] = median(weights), median(line["rest"][line["anchor"] + 1][1] for line in anchors)
    after = [line["rest"][line["anchor"] + 2][1] for line in anchors if line["rest"][line["anchor"] + 2:]]
    out["deviation_reason"] = median(after) if after else out["score"] + 6
    level2_x = [x for line in anchors for t, x in line["tokens"] if t in LEVEL2 and t not in LABELS]
    out["level2"] = median(level2_x) if level2_x else overall["level2"]
    return out


def _column_of(x: int, columns: dict[str, float]) -> str:
    if x < (columns["level2"] + columns["name"]) / 2:
        raise Doubt(f"指标行左侧有无法归栏的文字（x={x}）")
    return _nearest(x, columns)


def _nearest(x: float, columns: dict[str, float]) -> str:
    return min(COLUMNS, key=lambda c: abs(columns.get(c, 1e9) - x))


def _split_cells(tokens: list[Token], columns: dict[str, float], beside: list[Token]) -> list[Token]:
    """Cells of a line (``_cells``), also cut at a single space where the next word starts (±1) where a
    piece of another column starts up to two lines above or below (the anchor line between may hold
    none): two columns printed one space apart ("民幸福指数, 完全达到预", "期效果" two lines under).
    An in-cell space ("度, 为…") has no such piece beside it."""
    cells: list[Token] = []
    end = None
    for text, x in tokens:
        if cells and end is not None and x - end <= 1 and not any(
                abs(bx - x) <= 1 and _nearest(bx, columns) == _nearest(x, columns) != _nearest(cells[-1][1], columns)
                for _, bx in beside):
            cells[-1] = (cells[-1][0] + " " + text, cells[-1][1])
        else:
            cells.append((text, x))
        end = x + len(text)
    return cells


def _text_of(line: dict) -> list[Token]:
    """A line's text pieces: all of it, or an anchor line's without its 分值/得分."""
    rest, anchor = line["rest"], line["anchor"]
    return rest if anchor is None else rest[:anchor] + rest[anchor + 2:]


def _spread(cells: list[tuple[str, Token]], missing: list[str]) -> list[tuple[str, Token]]:
    """An anchor line's cells when its row has columns printed nowhere else (``missing``, no piece
    between the rows around it), so they must be on this line: the cell just before them, printed
    with exactly one single space per missing column, is cut there ("除改造，新建一座供热 =277.50MW
    277.5MW" with nothing of 指标值/完成值 above or below). Any other count stays in doubt."""
    order = ("name", "target", "actual")
    for i, (column, (text, x)) in enumerate(cells):
        follow = order[order.index(column) + 1:] if column in order else ()
        nxt = cells[i + 1][0] if i + 1 < len(cells) else None
        gap = list(follow[:follow.index(nxt)] if nxt in follow else follow)
        words = text.split(" ")
        if gap and gap == missing and len(words) == len(gap) + 1:
            pieces = [(column, (words[0], x))] + [(c, (w, x)) for c, w in zip(gap, words[1:])]
            return cells[:i] + pieces + cells[i + 1:]
    return cells


def _line_cells(lines: list[dict], index: int, tokens: list[Token], columns: dict[str, float]) -> list[Token]:
    beside = [t for j in (index - 2, index - 1, index + 1, index + 2) if 0 <= j < len(lines)
              for t in _cells(_text_of(lines[j]))]
    return _split_cells(tokens, columns, beside)


def _page_rows(lines: list[dict], columns: dict[str, float]) -> list[dict]:
    """One page's rows (``_rows``). When they do not come out whole, the single spaces inside the
    cells of its wrapped lines are tried as column breaks (the words after one go to the next column):
    a reading is taken only when exactly one choice of breaks places every row (甘泉堡: "实现低碳排量
    低耗电低耗 <=40毫克每 0毫克每立方" above a row whose anchor line holds no text)."""
    for line in lines:
        line["level2"], line["rest"] = _level2(line["tokens"], columns["level2"])
        line["anchor"] = _anchor(line["rest"])
        line["event"] = line["anchor"] is not None or bool(line["level2"] and not line["rest"])
    try:
        return _rows(lines, columns, {})
    except Doubt as doubt:
        first = doubt
    options = [(i, n, w) for i, line in enumerate(lines) if not line["event"]
               for n, (text, x) in enumerate(_line_cells(lines, i, line["rest"], columns))
               if _nearest(x, columns) in TEXT_ORDER[:-1] for w in range(1, len(text.split(" ")))]
    if not options or len(options) > MAX_BREAKS:
        raise first
    found = []
    for choice in range(1, 2 ** len(options)):
        cuts: dict[int, set[tuple[int, int]]] = {}
        for bit, (i, n, w) in enumerate(options):
            if choice >> bit & 1:
                cuts.setdefault(i, set()).add((n, w))
        try:
            found.append(_rows(lines, columns, cuts))
        except Doubt:
            continue
        if len(found) > 1:
            raise Doubt("折行文字中的空格可作两种以上的栏界，无法确定：" + "".join(t for t, _ in lines[options[0][0]]["tokens"])[:30])
    if not found:
        raise first
    return found[0]


def _cut(cells: list[tuple[str, str]], cuts: set[tuple[int, int]]) -> list[tuple[str, str]]:
    """(column, text) of a wrapped line with the chosen spaces made column breaks."""
    out: list[tuple[str, str]] = []
    for n, (column, text) in enumerate(cells):
        words = text.split(" ")
        part = [words[0]]
        for w, word in enumerate(words[1:], 1):
            if (n, w) in cuts:
                if column not in TEXT_ORDER[:-1]:
                    raise Doubt("栏界之后没有栏")
                out.append((column, " ".join(part)))
                column, part = TEXT_ORDER[TEXT_ORDER.index(column) + 1], [word]
            else:
                part.append(word)
        out.append((column, " ".join(part)))
    order = [TEXT_ORDER.index(c) if c in TEXT_ORDER else -1 for c, _ in out]
    if cuts and (-1 in order or order != sorted(set(order))):
        raise Doubt("栏界不合次序")
    return out


def _rows(lines: list[dict], columns: dict[str, float], cuts: dict[int, set[tuple[int, int]]]) -> list[dict]:
    """Anchors and printed empty 二级指标 rows, with their pieces placed (see module); ``cuts``: the
    single spaces of wrapped lines taken as column breaks, by line."""
    rows: list[dict] = []
    events: list[tuple[int, dict | None]] = []  # (line index, row or None for a placeholder)
    pieces: list[tuple[int, str, str]] = []  # (line index, column, text)

    def cells_of(index: int, tokens: list[Token]) -> list[Token]:
        return _line_cells(lines, index, tokens, columns)

    for index, line in enumerate(lines):
        level2, rest, anchor = line["level2"], line["rest"], line["anchor"]
        if anchor is None:
            if level2 and not rest:
                rows.append({"level1": LEVEL1_OF[level2], "level2": level2})
                events.append((index, None))
                continue
            if level2:
                raise Doubt("二级指标行上有无法归栏的文字：" + " ".join(t for t, _ in line["tokens"])[:40])
            cells = [(_column_of(x, columns), text) for text, x in cells_of(index, rest)]
            for column, text in _cut(cells, cuts.get(index, set())):
                pieces.append((index, column, text))
            continue
        if level2 is None:
            raise Doubt("指标行未印二级指标：" + " ".join(t for t, _ in line["tokens"])[:40])
        row = {"level1": LEVEL1_OF[level2], "level2": level2, "weight": rest[anchor][0],
               "score": rest[anchor + 1][0], "_pieces": {}}
        cells = [(_column_of(x, columns), (text, x)) for text, x in cells_of(index, rest[:anchor])]
        before = max((j for j in range(index) if lines[j]["event"]), default=-1)
        after = min((j for j in range(index + 1, len(lines)) if lines[j]["event"]), default=len(lines))
        elsewhere = {_nearest(x, columns) for j in range(before + 1, after) if j != index
                     for _, x in _cells(_text_of(lines[j]))}
        printed = {c for c, _ in cells}
        missing = [c for c in ("name", "target", "actual") if c not in printed | elsewhere]
        if missing:
            cells = _spread(cells, missing)
        for column, (text, _) in cells:
            if column not in ("name", "target", "actual"):
                raise Doubt("指标行的文字落在分值/得分栏：" + text[:30])
            pieces.append((index, column, text))
        after_score = rest[anchor + 2:]
        if after_score:
            pieces.append((index, "deviation_reason", " ".join(t for t, _ in after_score)))
        rows.append(row)
        events.append((index, row))
    for column in ("name", "target", "actual", "deviation_reason"):
        _place(column, [p for p in pieces if p[1] == column], events, len(lines))
    if any(c in ("weight", "score") for _, c, _ in pieces):
        raise Doubt("分值/得分栏有折行文字")
    out = []
    for row in rows:
        placed = row.pop("_pieces", None)
        if placed is None:
            out.append(row)
            continue
        for column, texts in placed.items():
            if texts:
                row[column] = "".join(texts)
        if not all(row.get(c) for c in ("name", "target", "actual")):
            raise Doubt(f"指标行缺三级指标、指标值或完成值：{row.get('name') or row['level2']}")
        out.append(row)
    return out


def _place(column: str, pieces: list[tuple[int, str, str]], events: list[tuple[int, dict | None]], end: int) -> None:
    """Give each piece of one column to its row: on the anchor line, or in the half above or below."""
    bounds = [(-1, None)] + events + [(end, None)]
    pending, previous = 0, None  # lines the previous row still has below its anchor
    for (start, row), (stop, next_row) in zip(bounds, bounds[1:]):
        if row is not None:
            on = [p for p in pieces if p[0] == start]
            if on:
                row["_pieces"].setdefault(column, []).extend(text for _, _, text in on)
        between = [p for p in pieces if start < p[0] < stop]
        below, above = between[:pending], between[pending:]
        if len(between) < pending or (next_row is None and above):
            raise Doubt(f"折行文字的行数上下不对称（{column}）：" + "/".join(t for _, _, t in between)[:40])
        if previous is not None and below:
            previous["_pieces"].setdefault(column, []).extend(text for _, _, text in below)
        if next_row is not None:
            # the anchor line's own piece comes between its upper and lower halves
            next_row["_pieces"].setdefault(column, []).extend(text for _, _, text in above)
            pending, previous = len(above), next_row
        else:
            pending, previous = 0, None
