"""``lookup`` indexes the rows of a (frozen) table once per table object: the index must
answer exactly as a scan of the rows would, and must not outlive or confuse tables."""

from __future__ import annotations

import gc
from pathlib import Path

from juesuan.fileformat import load
from juesuan.model import iter_table_cells, lookup
from juesuan.model import items

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "urumqi-iit-2022.yaml"


def test_lookup__every_table_cell_resolves_to_its_value():
    d = load(EXAMPLE)
    for path, value in iter_table_cells(d):
        assert lookup(d, path) == value, path


def test_lookup__absent_row_is_none_and_the_index_follows_a_changed_copy():
    d = load(EXAMPLE)
    assert lookup(d, "expenditure.9999999.total") is None
    row = d.tables.expenditure.rows[0]
    changed = d.model_copy(update={"tables": d.tables.model_copy(update={
        "expenditure": d.tables.expenditure.model_copy(update={
            "rows": (row.model_copy(update={"total": row.total + 1}), *d.tables.expenditure.rows[1:])})})})
    assert lookup(changed, f"expenditure.{row.code}.total") == row.total + 1
    assert lookup(d, f"expenditure.{row.code}.total") == row.total


def test_row_index__dropped_with_its_table():
    d = load(EXAMPLE)
    lookup(d, "expenditure.total.total")
    lookup(d, f"expenditure.{d.tables.expenditure.rows[0].code}.total")
    key = id(d.tables.expenditure)
    assert key in items._ROW_INDEX
    del d
    gc.collect()
    assert key not in items._ROW_INDEX or items._ROW_INDEX[key][0]() is not None
