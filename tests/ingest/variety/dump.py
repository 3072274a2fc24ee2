"""A ``pdftotext -layout``-style dump of our grids: cells at fixed positions, blank cells as spaces.

pdftotext places each character at the column its x position gives, counting a CJK
character (twice as wide as a digit on the page) as one character of output. So the
columns hold in characters, while a reader measuring display width sees every cell after
a Chinese name shifted right by the name's length: the drift real dumps show from line
to line. Amounts are right-aligned in their column, labels left-aligned.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

from juesuan.model import Disclosure

from .layouts import Printed, Style, _text, cover_lines, table_title

GAP = 3  # spaces between columns on the page


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _line(texts: list[str], starts: list[int], widths: list[int], amounts: list[bool]) -> str:
    out = ""
    for text, start, width, amount in zip(texts, starts, widths, amounts):
        if not text:
            continue
        target = start + width - _width(text) if amount else start
        out += " " * max(target - len(out), 1 if out else 0) + text
    return out.rstrip()


def table_lines(t: Printed, style: Style) -> list[str]:
    rows = t.header + t.body
    texts = [[_text(v, style) for v in row] + [""] * (t.columns - len(row)) for row in rows]
    widths = [max(_width(r[c]) for r in texts) for c in range(t.columns)]
    starts = [sum(widths[:c]) + GAP * c for c in range(t.columns)]
    lines = []
    for row, line in zip(rows, texts):
        amounts = [isinstance(v, Decimal) for v in row] + [False] * (t.columns - len(row))
        lines.append(_line(line, starts, widths, amounts))
    return lines


def write_layout_dump(path: Path, d: Disclosure, tables: list[Printed], style: Style) -> Path:
    lines = list(cover_lines(d))
    for t in tables:
        lines += ["", table_title(t)] + t.lead + ([t.unit] if t.unit else [])
        if t.empty_note and not t.body:
            lines.append(t.empty_note)
            continue
        lines += table_lines(t, style)
        if t.empty_note:
            lines.append(t.empty_note)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
