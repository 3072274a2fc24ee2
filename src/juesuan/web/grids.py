"""The nine tables as editable grids: rows × columns of item paths, from the model itself.

Built from ``iter_table_cells`` (every amount the model holds, with its item path) and the
export's path reading, so the editor shows exactly the cells that checks, renderers and the
open data speak of — no second description of the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..export.rows import TABLE_CODES, row_names, split_path
from ..model import Disclosure, iter_table_cells
from ..model.items import COLUMN_LABELS, TABLE_LABELS


@dataclass
class EditRow:
    code: str
    name: str
    level: str
    cells: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    """column key → (item path, value)."""


@dataclass
class EditGrid:
    key: str
    code: str
    title: str
    columns: list[tuple[str, str]] = field(default_factory=list)
    rows: list[EditRow] = field(default_factory=list)


def edit_grids(disclosure: Disclosure) -> list[EditGrid]:
    names = row_names(disclosure)
    grids: dict[str, EditGrid] = {}
    rows: dict[tuple[str, str, str], EditRow] = {}
    for path, value in iter_table_cells(disclosure):
        key, code, name, level, column = split_path(path, names)
        grid = grids.setdefault(key, EditGrid(key, TABLE_CODES[key], TABLE_LABELS[key].split(" ", 1)[1]))
        if column not in dict(grid.columns):
            grid.columns.append((column, COLUMN_LABELS.get(column, column)))
        row_key = (key, code, name)
        if row_key not in rows:
            rows[row_key] = EditRow(code, name, level)
            grid.rows.append(rows[row_key])
        rows[row_key].cells[column] = (path, value)
    return list(grids.values())
