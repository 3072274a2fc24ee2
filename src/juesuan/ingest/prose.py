"""Prose lines of a document, with figures put back where a text dump moved them.

pdfplumber's ``extract_text()`` of a PDF whose digits are set in another font prints each line's
figures on a line of their own below it, leaving a space where each stood:

    上海市普陀区财政局 年度收入支出总计 万元。与 年度相比，收入
    2024 2995.39 2023

When the figures' line has exactly as many figures as the line above has such gaps, they are put
back in order; otherwise both lines stay as printed (a figure is never guessed into a place).
The quote marks of that font ride along (“优” → ``优 的`` | ``“ ” 4``) and fill their gaps too.
A slot at the line's start shows no gap: it is counted only where the line cannot begin otherwise
— with an item number's "、", a unit ("万元；…", "个）。": the line above ended without its figure)
or inside a quotation (the figures' line begins with “).

``pdftotext -layout`` of the same PDF prints such a line one line early: a paragraph's two lines
stand alone between blank lines, the continuation (beginning with a figure or “) above the line it
continues (ending mid-clause). Such a pair is read in its printed order (``in_order``).
"""

from __future__ import annotations

import re
from typing import Iterator

from .pages import Document, Row

_FIGURE = r"[-+]?\d[\d,]*(?:\.\d+)?[%％]?"
_TOKEN = rf"(?:{_FIGURE}|[“”])"
_FIGURES_LINE = re.compile(rf"^\s*(?:{_TOKEN}\s+)*{_TOKEN}\s*$")
_GAP = re.compile(r"(?<=[^\s\d]) (?=[^\s\d])")  # one space between two characters that are not digits
_PROSE = re.compile(r"[，。；：、]")
_UNIT = r"(?:万元|亿元|元|%|％|个|人次|人|辆|批次|台（套）|台\(套\)|平方米|次|分)"
_UNIT_START = re.compile(rf"^{_UNIT}")
_UNIT_GAP = re.compile(rf"^ {_UNIT}")  # a gap right before a unit: a figure's slot
_CLOSING = re.compile(r"^[，。；：、,;:）)]")  # never begins a line (行首禁则): what stood before it moved


def _leading(text: str, first: str, before: str) -> bool:
    """Whether the line has a slot at its start for the first token (``before``: the line above, as
    read): an item number before "、", a figure before a unit or a closing mark the line above left
    without one, a year before "年", or the opening quote of a quotation the line begins inside."""
    if text.startswith(("、", ".", "．")):
        return first[0].isdigit()
    ended = before.rstrip()[-1:]
    if _UNIT_START.match(text) or _CLOSING.match(text):
        return first[0].isdigit() and not ended.isdigit()
    if text.startswith("年"):
        return bool(re.fullmatch(r"(?:19|20)\d\d", first)) and not ended.isdigit()
    return first == "“" and ended != "“"


def _filled(text: str, figures: list[str], before: str = "") -> str | None:
    gaps = list(_GAP.finditer(text))
    if len(gaps) + 1 == len(figures) and _leading(text, figures[0], before):
        rest = _filled(text, figures[1:], figures[0])
        return None if rest is None else figures[0] + rest
    if len(gaps) != len(figures):
        return None
    out, last = [], 0
    for gap, figure in zip(gaps, figures):
        out += [text[last:gap.start()], figure]
        last = gap.end()
    return "".join(out) + text[last:]


def _certain_slot(text: str, figure: str, before: str) -> bool:
    """A lone integer below a line is more likely a page number than a moved figure, unless the line
    has exactly one place it can go: its start (``_leading``) or one gap right before a unit."""
    if not figure.isdigit() or _leading(text, figure, before):  # 0.00, 5%, a quote mark: no page number
        return True
    gaps = list(_GAP.finditer(text))
    return len(gaps) == 1 and bool(_UNIT_GAP.match(text[gaps[0].start():]))


_CONTINUES = re.compile(rf"^(?:“|{_FIGURE}\s*{_UNIT})")  # begins with a figure and its unit, or a quote
_OPEN_END = re.compile(r"[\u4e00-\u9fff]$")  # ends mid-clause


def _alone(rows: list[Row], first: int, last: int) -> bool:
    """Rows first..last are consecutive lines with a blank line (or a page's edge) on either side."""
    block = rows[first:last + 1]
    if any(r.grid is not None or r.page != block[0].page for r in block) \
            or any(b.line != a.line + 1 for a, b in zip(block, block[1:])):
        return False
    above = rows[first - 1] if first > 0 else None
    below = rows[last + 1] if last + 1 < len(rows) else None
    return (above is None or above.page != block[0].page or above.line < block[0].line - 1) and \
        (below is None or below.page != block[0].page or below.line > block[-1].line + 1)


def in_order(doc: Document) -> list[Row]:
    """The document's rows, a text dump's early continuations put after the line they continue."""
    rows = list(doc.rows())
    if doc.kind != "text":
        return rows
    for index in range(len(rows) - 1):
        early, line = rows[index], rows[index + 1]
        if _CONTINUES.match(early.text) and _OPEN_END.search(line.text) \
                and _PROSE.search(early.text + line.text) and _alone(rows, index, index + 1):
            rows[index], rows[index + 1] = line, early
    return rows


def prose_rows(doc: Document) -> Iterator[tuple[Row, str]]:
    """(row, text) for every row; a figures-only row folded into the prose row above is skipped, and
    so is one that cannot be (a count that fits no slots): joined to the text, its figures would
    stand in the next clause ("面向小微企 2024 246.47 业预留…") — they stay unread instead."""
    rows = in_order(doc)
    skip, before = -1, ""
    for index, row in enumerate(rows):
        if index == skip:
            continue
        text = row.text
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below is not None and row.grid is None and below.grid is None and below.page == row.page \
                and _PROSE.search(text) and _FIGURES_LINE.match(below.text):
            figures = below.text.split()
            certain = len(figures) > 1 or _certain_slot(text, figures[0], before)
            filled = _filled(text, figures, before) if certain else None
            if filled is not None or certain and _GAP.search(text):
                skip, before = index + 1, filled or text
                yield row, before
                continue
        before = text
        yield row, text
