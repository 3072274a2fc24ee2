"""公开07 财政拨款“三公”经费支出决算表: twelve cells, pairs interleaved or grouped.

The order of 预算数/决算数 is read from the header (spec: "detect the order from
the header"); the item order is the one every known edition prints.
"""

from __future__ import annotations

from .collect import Collector
from .columns import band, header_rows
from .locate import Block
from .numbers import clean, is_amount

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def parse_three_public(block: Block, out: Collector, resolve=None) -> dict:
    labels: dict[int, str] = {}
    for row in header_rows(block):
        for index, cell in enumerate(row.cells):
            text = clean(cell.text)
            if text in ("预算数", "决算数", "预算", "决算"):
                labels[band(cell, index)] = "budget" if text.startswith("预算") else "final"
    bands = sorted(labels)
    if len(bands) != 12:
        out.problem(f"three_public: 表头应有 12 个预算数/决算数，实得 {len(bands)} / expected 12 "
                    f"budget/final columns, found {len(bands)}", block.title.page, block.title.line)
        if not bands:
            return {}
    sequence = [labels[b] for b in bands]
    interleaved = sequence[:2] == ["budget", "final"] or sequence[:2] == ["final", "budget"]
    slot: dict[int, tuple[str, str]] = {}
    counters = {"budget": 0, "final": 0}
    for b in bands:
        measure = labels[b]
        position = counters[measure]
        counters[measure] += 1
        if position < len(ITEMS):
            slot[b] = (measure, ITEMS[position])
    del interleaved  # either order is handled by counting per measure
    table: dict = {"budget": {}, "final": {}}
    for row in block.rows:
        cells = [(band(c, i), c) for i, c in enumerate(row.cells) if is_amount(c.text)]
        if not cells:
            continue
        for b, cell in cells:
            if b not in slot:
                out.unclear(row, f"金额不在已知列 / amount outside known columns: {cell.text}", block.key)
                continue
            measure, item = slot[b]
            value = out.amount(f"three_public.{measure}.{item}", row, cell, block.unit)
            if value is not None:
                table[measure][item] = value
        break  # one data row
    return table
