"""Grid building blocks: ``Cell``, ``Row``, ``Grid`` and ``placed()``.

A ``Grid`` is a title, a unit line, header rows and body rows of ``Cell`` s with
HTML-style spans (a cell covered by a span is simply absent from its row), column
widths, a 注 line and an empty-table note. Amounts stay ``Decimal``: a grid only
arranges printed values; it never adds, subtracts or divides. ``placed()`` gives the
absolute (row, column) of every cell for renderers that address cells by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Literal

from ..model import format_amount
from .typo import tidy

Align = Literal["left", "center", "right"]
Format = Literal["text", "money", "number", "percent"]
RowKind = Literal["head", "body", "total", "footer"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell. ``value`` is text, an amount (Decimal) or None (blank)."""

    value: str | Decimal | None = None
    colspan: int = 1
    rowspan: int = 1
    fmt: Format = "text"
    align: Align = "left"
    bold: bool = False
    blank_zero: bool = False
    """Print a zero amount as an empty cell (the official tables leave zero cells blank)."""

    @property
    def is_amount(self) -> bool:
        return isinstance(self.value, Decimal)

    def text(self) -> str:
        """The cell as printed: amounts with 2 decimals and thousands separators."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, Decimal):
            if self.fmt == "money":
                if self.blank_zero and value == 0:
                    return ""
                if extra_places(value):  # a printed figure kept as it came ("33.003"): never rounded away
                    return f"{value:,}"
                return format_amount(value, thousands=True)
            if self.fmt == "percent":
                return f"{value}%"
            return str(value)
        return tidy(value)


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    kind: RowKind = "body"


@dataclass(frozen=True)
class Grid:
    """One table as printed: title, unit line, header and body rows, notes."""

    key: str
    code: str
    title: str
    widths: tuple[int, ...]
    header: tuple[Row, ...]
    body: tuple[Row, ...]
    subtitle: str | None = None
    unit: str | None = "单位：万元"
    note: str | None = None
    empty_note: str | None = None
    landscape: bool = False
    meta_rows: tuple[Row, ...] = field(default_factory=tuple)
    """Leading rows that belong to the form but not to the repeated header (自评表)."""
    size: float | None = None
    """Type size (pt) of a table whose figures fit its page only when set smaller than the
    renderers' own (colfit.py); None: their own."""

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.meta_rows + self.header + self.body

    def amounts(self) -> Iterator[Decimal]:
        """Every amount cell value in print order (tests and read-back checks)."""
        for row in self.rows:
            for cell in row.cells:
                if isinstance(cell.value, Decimal):
                    yield cell.value


def head(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, align="center", bold=True)


def label(text: str | None, colspan: int = 1, *, align: Align = "left", bold: bool = False) -> Cell:
    return Cell(text, colspan=colspan, align=align, bold=bold)


def extra_places(value: Decimal) -> int:
    """Decimals an amount holds beyond the two tables print (0 for every computed figure); a source
    figure kept as printed, defect and all, is shown with them so that output and data agree."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent - 2) if isinstance(exponent, int) else 0


def money_cell(value: Decimal | None, *, blank_zero: bool = True, bold: bool = False) -> Cell:
    return Cell(value, fmt="money", align="right", blank_zero=blank_zero, bold=bold)


def blank(colspan: int = 1) -> Cell:
    return Cell(None, colspan=colspan)


def placed(rows: tuple[Row, ...], columns: int) -> Iterator[tuple[int, int, Cell]]:
    """(row index, column index, cell) for every cell, resolving row and column spans."""
    occupied: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in occupied:
                c += 1
            if c >= columns:
                raise ValueError(f"row {r} overflows {columns} columns")
            yield r, c, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            c += cell.colspan


CN_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (row numbering of the 类 lists)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head_text = "十" if tens == 1 else CN_DIGITS[tens] + "十"
    return head_text + (CN_DIGITS[ones] if ones else "")


def numbered(n: int, name: str) -> str:
    """Prefix ``一、`` unless the printed name already carries its numbering."""
    return name if "、" in name[:5] else f"{chinese_ordinal(n)}、{name}"
