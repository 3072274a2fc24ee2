"""A worksheet as a matrix of values, with located problems and cell conversion.

Merged ranges are expanded (each cell of a merged header reads the top-left text), and
remembered: a merged range inside a data area hides values, which the table readers
report rather than read. Numbers come back as ``Decimal`` through their shortest repr,
never as float arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..problems import FileProblem


def ref(row: int, col: int) -> str:
    """``(7, 2)`` → ``B7`` (1-based)."""
    return f"{get_column_letter(col)}{row}"


_SPACES = re.compile(r"[\s\u3000]+")


def clean(value: Any) -> str:
    """Cell text without any whitespace (headers wrap and pad with spaces)."""
    return _SPACES.sub("", str(value)) if value is not None else ""


class Matrix:
    """Values by (row, col), 1-based, merged ranges expanded."""

    def __init__(self, ws: Worksheet, file: str) -> None:
        self.name, self.file = ws.title, file
        self.values: dict[tuple[int, int], Any] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.value != "":
                    self.values[(cell.row, cell.column)] = cell.value
        self.merged: dict[tuple[int, int], str] = {}
        """Cells covered by a merged range (not its top-left) → the range, e.g. ``A5:C5``."""
        for merged in ws.merged_cells.ranges:
            top = self.values.get((merged.min_row, merged.min_col))
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        self.merged[(r, c)] = merged.coord
                        if top is not None:
                            self.values[(r, c)] = top
        self.max_row = max((r for r, _ in self.values), default=0)
        self.max_col = max((c for _, c in self.values), default=0)
        self.problems: list[FileProblem] = []

    def get(self, row: int, col: int) -> Any:
        return self.values.get((row, col))

    def text(self, row: int, col: int) -> str:
        return clean(self.values.get((row, col)))

    def row_texts(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(1, self.max_col + 1)]

    def problem(self, row: int | None, col: int | None, field: str, message: str) -> None:
        cell = ref(row, col) if row and col else None
        self.problems.append(FileProblem(self.file, None, field, message, sheet=self.name, cell=cell))

    # ---- conversion --------------------------------------------------------------

    def number(self, row: int, col: int, field: str) -> Decimal | None:
        """The cell as a Decimal; blank → None; text that is not a number → a located problem."""
        value = self.values.get((row, col))
        if value is None:
            return None
        if isinstance(value, bool):
            self.problem(row, col, field, f"应为数字，实为 {value!r} / expected a number")
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))  # the shortest text that reads back as this float
        text = clean(value).replace(",", "").replace("，", "")
        if text in ("", "-", "—", "－"):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            self.problem(row, col, field, f"应为数字，实为文本“{value}” / expected a number, got text")
            return None
        return number if number.is_finite() else None

    def integer(self, row: int, col: int, field: str) -> int | None:
        number = self.number(row, col, field)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.problem(row, col, field, f"应为整数，实为 {number} / expected a whole number")
            return None
        return int(number)

    def date(self, row: int, col: int, field: str) -> dt.date | None:
        value = self.values.get((row, col))
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", clean(value))
        if not match:
            self.problem(row, col, field, f"应为日期 YYYY-MM-DD，实为“{value}” / expected a date")
            return None
        return dt.date(*(int(g) for g in match.groups()))
