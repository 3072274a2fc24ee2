"""Read coverage: the amounts printed in each table against the amounts the reader placed.

A table counts the amount cells printed on its rows (a figure with decimals, or grouped by
commas: codes, 栏次 numbers and page marks are not amounts) and the cells the reader placed
on the same lines. What was seen and not placed decides what is unknown:

- a line with amounts left over but with cells placed (or set aside) is a row the reader
  knows: its other cells are unknown (``collect.unread``);
- a line with amounts and nothing placed is a row the reader lost: the sums of its table
  cannot be trusted, the whole table is unknown;
- a table of which less than half the printed amounts were placed is unknown as a whole.

The document's confidence is the share of printed amounts placed: 1.00 only when every one is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from ..model import Source
from .locate import Block

# 2,940.05 / 0.50 / -12.3 / 12,345, also run into text ("合计2106.66", a text dump's whole line)
# — not 2080505, 1, 2023, 第3页, 12.5%
_AMOUNT = re.compile(r"(?<![\d.,])(?:\d[\d,]*\.\d{1,2}|\d{1,3}(?:,\d{3})+)(?![\d.,%％])")
MOSTLY = Decimal("0.5")


@dataclass(frozen=True)
class TableCoverage:
    key: str
    seen: int
    """Non-zero amounts printed on the table's rows."""
    placed: int
    """Of those, how many the reader put into a cell."""
    lost_lines: tuple[tuple[int, int], ...] = ()
    """(page, line) of rows with amounts of which nothing was placed or set aside."""
    partial_lines: tuple[tuple[int, int], ...] = ()
    """(page, line) of rows with some amounts placed and some not."""
    first: tuple[int, int] | None = None
    """(page, line) where the table's printed amounts begin: where an unread table is located."""

    @property
    def share(self) -> Decimal:
        if not self.seen:
            return Decimal(1)
        return (Decimal(min(self.placed, self.seen)) / Decimal(self.seen)).quantize(Decimal("0.01"), ROUND_DOWN)

    @property
    def unknown(self) -> bool:
        """The table is unread as a whole: a row lost, or most amounts not placed."""
        return bool(self.lost_lines) or self.share < MOSTLY

    def text(self) -> str:
        return f"{self.placed}/{self.seen}"


def count_amounts(text: str) -> int:
    """Non-zero printed amounts in a cell's text (one, or a whole line's in a text dump)."""
    t = unicodedata.normalize("NFKC", text)
    return sum(1 for m in _AMOUNT.finditer(t) if any(c in "123456789" for c in m.group()))


Seen = dict[str, dict[tuple[int, int], tuple[int, int | None]]]


def amounts_seen(blocks: list[Block]) -> Seen:
    """Per table key, (page, line) → (amounts printed there, grid id); taken before the table
    reader rearranges the rows (a continuation block is merged into the first)."""
    seen: Seen = {}
    for block in blocks:
        lines = seen.setdefault(block.key, {})
        title = block.title
        lines.setdefault((title.page, title.line), (0, title.grid))  # the table's own grid
        for row in block.rows:
            count = sum(count_amounts(cell.text) for cell in row.cells)
            if count:
                lines[(row.page, row.line)] = (max(lines.get((row.page, row.line), (0,))[0], count), row.grid)
    return seen


def _own(lines: dict[tuple[int, int], tuple[int, int | None]], touched: set) -> dict[tuple[int, int], int]:
    """The lines of the table itself: a block runs on to the next title it knows, so the grids
    after the table's own (a spreadsheet's 自评表 sheets after 公开09) are not its rows when
    nothing of the table was read there."""
    used = [grid for where, (count, grid) in lines.items() if (where in touched or not count) and grid is not None]
    last = max(used, default=None)
    return {where: count for where, (count, grid) in lines.items()
            if count and (grid is None or last is None or grid <= last or where in touched)}


def coverage(seen: Seen, values: dict[str, Decimal],
             sources: dict[str, Source], set_aside: dict[str, Source]) -> dict[str, TableCoverage]:
    """Per table key: printed amounts seen on its rows, and placed there."""
    out = {}
    for key, printed in seen.items():
        prefix = key + "."
        placed: dict[tuple[int, int], int] = {}
        touched: set[tuple[int, int]] = set()
        for path, source in sources.items():
            if path.startswith(prefix) and source.kind == "parsed":
                where = (source.page, source.line)
                touched.add(where)
                if values.get(path):
                    placed[where] = placed.get(where, 0) + 1
        touched |= {(s.page, s.line) for p, s in set_aside.items() if p.startswith(prefix)}
        lines = _own(printed, touched)
        got = sum(min(placed.get(where, 0), count) for where, count in lines.items())
        lost = tuple(sorted(w for w, n in lines.items() if w not in touched))
        partial = tuple(sorted(w for w, n in lines.items() if w in touched and placed.get(w, 0) < n))
        out[key] = TableCoverage(key, sum(lines.values()), got, lost, partial, min(lines, default=None))
    return out


def confidence(tables: dict[str, TableCoverage]) -> Decimal:
    """Share of all printed table amounts that were placed (0 when no table was found)."""
    seen = sum(t.seen for t in tables.values())
    if not tables:
        return Decimal("0.00")
    if not seen:
        return Decimal("1.00")
    placed = sum(min(t.placed, t.seen) for t in tables.values())
    return (Decimal(placed) / Decimal(seen)).quantize(Decimal("0.01"), ROUND_DOWN)
