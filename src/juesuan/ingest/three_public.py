"""公开07 财政拨款“三公”经费支出决算表: twelve cells, pairs interleaved or grouped.

The order of 预算数/决算数 is read from the header (spec: "detect the order from
the header"); the item order is the one every known edition prints.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model.table_schema import table_schema
from .collect import Collector
from .columns import band, header_rows, renamed_words
from .locate import Block
from .numbers import clean, is_amount, parse_amount, to_wanyuan
from .pages import Cell

_SCHEMA = table_schema("three_public")  # model/table_schema.yaml
ITEMS = _SCHEMA.fields  # printed order: 合计, 出国, 用车小计, 购置, 运行, 接待
# 购置 and 运行 name the two vehicle columns, together their 小计 (the rules in ``_item``); the other
# columns' words, in printed order, are tried after those rules.
_PURCHASE = _SCHEMA.column("vehicle_purchase").keywords[0]
_OPERATION = _SCHEMA.column("vehicle_operation").keywords[0]
ITEM_WORDS = tuple((word, c.field) for c in _SCHEMA.columns for word in c.keywords
                   if c.field not in ("vehicle_purchase", "vehicle_operation")
                   and _PURCHASE not in word and _OPERATION not in word)


def _renamed() -> tuple[tuple[str, str], ...]:
    """(header, field) a profile prints instead of the schema's, that the words above do not name."""
    built_in = {c.field: c.keywords for c in _SCHEMA.columns}
    return tuple((word, field) for field, words in renamed_words(("three_public",), built_in).items()
                 for word in words)


def _item(text: str, renamed: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The column a header names; a profile's ``renamed`` headers only when no built-in word does."""
    if _PURCHASE in text and _OPERATION in text:
        return "vehicle_total"  # 公务用车购置及运行（维护）费
    if _PURCHASE in text and _OPERATION not in text and text.endswith("费"):
        return "vehicle_purchase"
    if _OPERATION in text and _PURCHASE not in text:
        return "vehicle_operation"
    return next((item for word, item in (*ITEM_WORDS, *renamed) if word in text), None)


def _grouped(block: Block, labels: dict[int, str]) -> dict[int, tuple[str, str]]:
    items: dict[int, str] = {}
    renamed = _renamed()
    for row in header_rows(block):
        for index, cell in enumerate(row.cells):
            item = _item(clean(cell.text), renamed)
            if item:
                items[band(cell, index)] = item  # lower header rows name the column more precisely
    starts = sorted(labels)
    if not starts:
        return {}
    ordered = sorted(items)
    slot = {}
    if len(ordered) % len(starts) == 0:  # equal groups in label order: robust to centred labels
        size = len(ordered) // len(starts)
        for index, b in enumerate(ordered):
            slot[b] = (labels[starts[index // size]], items[b])
        return slot
    for b in ordered:
        group = [s for s in starts if s <= b] or starts[:1]
        slot[b] = (labels[group[-1]], items[b])
    return slot


def _vertical_rows(block: Block) -> list:
    rows = []
    renamed = _renamed()
    for row in block.rows:
        texts = [clean(c.text) for c in row.cells if not is_amount(c.text)]
        item = _item("".join(texts), renamed) if texts else None
        if item and any(is_amount(c.text) for c in row.cells) or item and len(texts) == 1 and texts[0] != "项目":
            rows.append((item, row))
    return rows if len({item for item, _ in rows}) >= 3 else []


def _parse_vertical(block: Block, labels: dict[int, str], out: Collector) -> dict:
    table: dict = {"budget": {}, "final": {}}
    for item, row in _vertical_rows(block):
        for index, cell in enumerate(row.cells):
            measure = labels.get(band(cell, index))
            if measure and is_amount(cell.text):
                value = out.amount(f"three_public.{measure}.{item}", row, cell, block.unit)
                if value is not None:
                    table[measure][item] = value
    return table


def parse_three_public(block: Block, out: Collector, resolve=None) -> dict:
    labels: dict[int, str] = {}
    if block.columns is not None:  # the stage that placed the cells said their columns
        slot = {b: tuple(f.split(".", 1)) for b, f in block.columns.fields}
        labels = {b: measure for b, (measure, _) in slot.items()}
        return _read_row(block, labels, slot, out)
    for row in header_rows(block):
        for index, cell in enumerate(row.cells):
            text = clean(cell.text)
            if len(text) <= 4 and text[:1] in ("预", "决") and text not in ("预决算",):
                # "预算数", or "预" when a centred label is split between two columns
                labels[band(cell, index)] = "budget" if text.startswith("预") else "final"
    bands = sorted(labels)
    if len(bands) == 12:  # one 预算数/决算数 label per column: count per measure
        slot: dict[int, tuple[str, str]] = {}
        counters = {"budget": 0, "final": 0}
        for b in bands:
            measure = labels[b]
            if counters[measure] < len(ITEMS):
                slot[b] = (measure, ITEMS[counters[measure]])
            counters[measure] += 1
    elif (line := _label_line(block)) is not None:
        return _parse_by_label_line(block, line, out)
    elif len(bands) == 2 and _vertical_rows(block):  # one row per item: 项目 | 预算数 | 决算数
        return _parse_vertical(block, labels, out)
    else:  # grouped: 预算数 over six columns, then 决算数; items named per column below
        slot = _by_identities(block, labels, _grouped(block, labels))
        if len(slot) != 12:
            out.problem(f"three_public: 表头应有 12 个预算数/决算数列，实得 {len(slot)} / expected 12 "
                        f"budget/final columns, found {len(slot)}", block.title.page, block.title.line)
            if not slot:
                return {}
    return _read_row(block, labels, slot, out)


def _read_row(block: Block, labels: dict[int, str], slot: dict, out: Collector) -> dict:
    """The data row's amounts under their columns (``slot``: band → (measure, item)); a row that
    leaves cells out, or whose sums break under the bands, placed by the identities."""
    table: dict = {"budget": {}, "final": {}}
    for row in block.rows:
        cells = [(band(c, i), c) for i, c in enumerate(row.cells) if is_amount(c.text)]
        if not cells:
            continue
        if len(cells) < len(slot) and all(c.col is None for _, c in cells):
            # a line without positions (a viewer's copy): its amounts in the printed column order
            return _place_by_identities(row, [c for _, c in cells], [slot[b] for b in sorted(slot)], block, out)
        if len(slot) != 12:  # the header was not understood: its bands prove no column
            order = [labels[b] for b in sorted(labels)] if len(set(labels.values())) == 2 else ["budget", "final"]
            grouped = [(m, item) for m in dict.fromkeys(order) for item in ITEMS]
            return _place_by_identities(row, [c for _, c in cells], grouped, block, out)
        placed = [(slot[b], cell) for b, cell in cells if b in slot]
        tentative: dict[str, dict] = {"budget": {}, "final": {}}
        for (measure, item), cell in placed:
            tentative[measure][item] = parse_amount(cell.text) or Decimal(0)
        if len(placed) < len(cells) or not all(_holds(tentative[m]) for m in tentative):
            # blank cells left out of the line put amounts under the wrong headers: the identities decide
            order = [labels[b] for b in sorted(labels)] if len(set(labels.values())) == 2 else ["budget", "final"]
            grouped = [(m, item) for m in dict.fromkeys(order) for item in ITEMS]
            if not _defect_in_grid(row, cells, placed, grouped):
                return _place_by_identities(row, [c for _, c in cells], grouped, block, out)
        for (measure, item), cell in placed:
            value = out.amount(f"three_public.{measure}.{item}", row, cell, block.unit)
            if value is not None:
                table[measure][item] = value
        break  # one data row
    return table


def _defect_in_grid(row, cells: list, placed: list, sequence: list[tuple[str, str]]) -> bool:
    """A grid row (ruled PDF, spreadsheet, Word or tab table: each amount in its own column) whose
    amounts all sit under a known column, and that no order-keeping placement makes add up either:
    the document's own sums are broken (T07-001/002 say so); its columns stand."""
    if row.grid is None or len(placed) < len(cells) or any(c.col is None for _, c in cells):
        return False
    return not _placements([parse_amount(c.text) or Decimal(0) for _, c in cells], sequence)


def _placements(amounts: list[Decimal], sequence: list[tuple[str, str]]) -> list[dict[str, dict]]:
    """Order-keeping placements of the row's amounts over the printed columns ``sequence``
    ((measure, item) each) that satisfy T07-001/002 for both measures."""
    from itertools import combinations

    out = []
    for chosen in combinations(range(len(sequence)), len(amounts)):
        values: dict[str, dict] = {"budget": {}, "final": {}}
        for i, a in zip(chosen, amounts):
            measure, item = sequence[i]
            values[measure][item] = a
        if all(_holds(v) for v in values.values()):
            out.append({m: {item: v.get(item, Decimal(0)) for item in ITEMS} for m, v in values.items()})
    return out


def _place_by_identities(row, cells: list, sequence: list[tuple[str, str]], block: Block, out: Collector) -> dict:
    """Every order-keeping placement of the row's amounts over the printed columns (blank cells
    left out of the line) that keeps the identities; a cell is placed only where all of them
    agree, the rest is unread (never a zero)."""
    amounts = [parse_amount(c.text) or Decimal(0) for c in cells]
    options = _placements(amounts, sequence)
    least = _from_basic(out)  # 公开06's 基本支出 items are part of the 决算数 (read before 公开07)
    options = [o for o in options if all(to_wanyuan(o["final"][item], block.unit) >= x - Decimal("0.005")
                                         for item, x in least.items())] \
        or options
    table: dict = {"budget": {}, "final": {}}
    if not options:
        out.unclear(row, "three_public: 没有满足恒等式的排列，整行未读 / no placement keeps the identities", block.key)
        return table
    for measure in ("budget", "final"):
        for item in ITEMS:
            values = {option[measure][item] for option in options}
            if len(values) != 1:
                out.unclear(row, f"three_public.{measure}.{item}: 空格省略，无法确定所在列 / column not certain",
                            block.key)
                continue
            value = values.pop()
            cell = next((c for c in cells if value and parse_amount(c.text) == value), None)
            if cell is not None:
                placed = out.amount(f"three_public.{measure}.{item}", row, cell, block.unit)
                if placed is not None:
                    table[measure][item] = placed
            elif value == 0:
                table[measure][item] = Decimal("0.00")  # every placement leaves it blank: printed as blank
    return table


# 公开06 (一般公共预算财政拨款基本支出) items inside a 公开07 (财政拨款“三公”) 决算数 column
BASIC_PARTS = {"overseas": "30212", "reception": "30217", "vehicle_operation": "30231", "vehicle_purchase": "31013"}


def _from_basic(out: Collector) -> dict[str, Decimal]:
    """The least each 决算数 item can be: its 公开06 经济分类 item, where that was read (not unread)."""
    least = {}
    for item, code in BASIC_PARTS.items():
        path = f"basic_expenditure.{code}.amount"
        source = out.sources.get(path)
        if out.values.get(path) and source is not None and source.kind == "parsed" and out.values[path] > 0:
            least[item] = out.values[path]
    return least


def _holds(values: dict[str, Decimal]) -> bool:
    """合计 = 出国 + 用车小计 + 接待, 小计 = 购置 + 运行 (T07-001/002), to the cent per term."""
    v = {k: values.get(k, Decimal(0)) for k in ITEMS}
    return (abs(v["total"] - v["overseas"] - v["vehicle_total"] - v["reception"]) <= Decimal("0.015")
            and abs(v["vehicle_total"] - v["vehicle_purchase"] - v["vehicle_operation"]) <= Decimal("0.01"))


def _by_identities(block: Block, labels: dict[int, str], slot: dict) -> dict:
    """Header cells spanning columns (a web page's text) shift the header's bands: when the data
    row fills twelve consecutive cells, the items in their printed order are taken instead if
    only they satisfy the table's identities."""
    row = next((r for r in block.rows[len(header_rows(block)):] if any(is_amount(c.text) for c in r.cells)), None)
    if row is None or len(labels) != 2:
        return slot
    bands = {band(c, i): c for i, c in enumerate(row.cells)}
    first = min(bands)
    if max(bands) - first != 11:
        return slot
    order = [labels[b] for b in sorted(labels)]
    canonical = {first + i: (order[i // 6], ITEMS[i % 6]) for i in range(12)}

    def read(mapping: dict) -> bool:
        got: dict[str, dict] = {"budget": {}, "final": {}}
        for b, cell in bands.items():
            if b in mapping and is_amount(cell.text):
                measure, item = mapping[b]
                got[measure][item] = parse_amount(cell.text)
        return all(_holds(got[m]) for m in got)

    return canonical if canonical != slot and read(canonical) and not read(slot) else slot


def _label_line(block: Block) -> list | None:
    """The one header line printing all twelve 预算数/决算数 labels, in order (space-aligned text).

    Guessed columns may merge two narrow labels; their own positions still tell the columns.
    """
    for row in header_rows(block):
        words = [w for c in row.cells for w in _words(c)]
        labels = [w for w in words if clean(w.text) in ("预算数", "决算数", "预算", "决算")]
        if len(labels) == 12 and len(labels) == len(words):
            return labels
    return None


def _words(cell: Cell) -> list[Cell]:
    """A cell of 预算数/决算数 labels one space apart, each at its own offset (pdftotext -layout prints
    CJK labels narrower than the page sets them, so guessed columns join them)."""
    words = list(re.finditer(r"\S+", cell.text))
    if len(words) < 2 or any(clean(m.group()) not in ("预算数", "决算数", "预算", "决算") for m in words):
        return [cell]
    scale = (cell.x1 - cell.x0) / max(len(cell.text), 1)  # noqa: money-float-ok (x offsets)
    return [Cell(m.group(), cell.x0 + m.start() * scale, cell.x0 + m.end() * scale, cell.y0, cell.y1, cell.col)
            for m in words]


def _parse_by_label_line(block: Block, labels: list, out: Collector) -> dict:
    """Each amount under the label nearest its centre, when the next nearest is over twice as far."""
    counters = {"budget": 0, "final": 0}
    slots = []
    for cell in labels:
        measure = "budget" if clean(cell.text).startswith("预") else "final"
        slots.append((cell, measure, ITEMS[counters[measure]] if counters[measure] < len(ITEMS) else None))
        counters[measure] += 1
    table: dict = {"budget": {}, "final": {}}
    data = [r for r in block.rows[len(header_rows(block)):] if any(is_amount(c.text) for c in r.cells)]
    for row in data[:1]:  # one data row
        for cell in [c for c in row.cells if is_amount(c.text)]:
            centre = (cell.x0 + cell.x1) / 2  # noqa: money-float-ok (x offsets)
            near = sorted(slots, key=lambda s: abs((s[0].x0 + s[0].x1) / 2 - centre))
            d1, d2 = (abs((s[0].x0 + s[0].x1) / 2 - centre) for s in near[:2])
            _, measure, item = near[0]
            if item is None or d2 <= 2 * d1:
                out.unclear(row, f"three_public: 栏目无法确定 / column not certain: {cell.text}", block.key)
                continue
            value = out.amount(f"three_public.{measure}.{item}", row, cell, block.unit)
            if value is not None:
                table[measure][item] = value
    return table
