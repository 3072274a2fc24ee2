"""Prose lines of a document, with figures put back where a text dump moved them.

pdfplumber's ``extract_text()`` of a PDF whose digits are set in another font prints each line's
figures on a line of their own below it, leaving a space where each stood:

    上海市普陀区财政局 年度收入支出总计 万元。与 年度相比，收入
    2024 2995.39 2023

When the figures' line has exactly as many figures as the line above has such gaps, they are put
back in order; otherwise both lines stay as printed (a figure is never guessed into a place).
"""

from __future__ import annotations

import re
from typing import Iterator

from .pages import Document, Row

_FIGURE = r"[-+]?\d[\d,]*(?:\.\d+)?[%％]?"
_FIGURES_LINE = re.compile(rf"^\s*(?:{_FIGURE}\s+)*{_FIGURE}\s*$")
_GAP = re.compile(r"(?<=[^\s\d]) (?=[^\s\d])")  # one space between two characters that are not digits
_PROSE = re.compile(r"[，。；：、]")


def _filled(text: str, figures: list[str]) -> str | None:
    gaps = list(_GAP.finditer(text))
    if len(gaps) + 1 == len(figures) and text.startswith(("、", ".", "．")):
        rest = _filled(text, figures[1:])  # "、一般公共服务支出…": the first figure is its item number
        return None if rest is None else figures[0] + rest
    if len(gaps) != len(figures):
        return None
    out, last = [], 0
    for gap, figure in zip(gaps, figures):
        out += [text[last:gap.start()], figure]
        last = gap.end()
    return "".join(out) + text[last:]


def prose_rows(doc: Document) -> Iterator[tuple[Row, str]]:
    """(row, text) for every row; a figures-only row folded into the prose row above is skipped."""
    rows = list(doc.rows())
    skip = -1
    for index, row in enumerate(rows):
        if index == skip:
            continue
        text = row.text
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below is not None and row.grid is None and below.grid is None and below.page == row.page \
                and _PROSE.search(text) and _FIGURES_LINE.match(below.text):
            figures = below.text.split()
            # a lone integer below a line is more likely a page number than a moved figure
            if len(figures) > 1 or re.search(r"[.%％]", figures[0]) or text.startswith(("、", ".", "．")):
                filled = _filled(text, figures)
                if filled is not None:
                    skip = index + 1
                    yield row, filled
                    continue
        yield row, text
