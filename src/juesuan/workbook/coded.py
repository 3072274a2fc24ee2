"""Read the coded tables (公开02/03/05/08/09, 06) and 公开07 from a worksheet by their headers.

Columns are found by header text, not position: codes split into 类|款|项 or joined in one
cell (or printed before the name), amounts matched to model fields by the column's header
path (``本年支出/小计`` → ``expenditure``), 合计 first or last. A blank amount is a zero, as
in a published table; text in an amount cell, a merged cell in the data area or a row that
is neither 合计 nor a code is reported with its cell and left out, never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..model.table_schema import schema, table_schema
from .matrix import Matrix, ref
from .sheets import Preamble, first_data_row, header_paths, header_top, is_code

# The column families and the schema table each reads (公开08/09 share one).
_KIND_TABLE = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
               "fund": "government_fund"}
# (field, header regex) in the order the readers try them: the most specific first, 合计 last
# (model/table_schema.yaml ``pattern`` and ``match_order``, shared with the document reader).
FIELD_PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((c.field, c.pattern or c.header) for c in table_schema(key).matching())
    for kind, key in _KIND_TABLE.items()
}


def _default_note(key: str | None) -> str | None:
    """The template's 注 line of a table (a note equal to it is not the department's own)."""
    return next((t.note for t in schema().tables if t.key == key), None)


_NOTE = re.compile(r"^(注|说明)[:：]?")
_SPLIT = re.compile(r"^(\d{3,7})(\D.*)?$")


class Columns:
    """Where the code, name and amount columns of one table (or one block of 公开06) are."""

    def __init__(self, paths: dict[int, list[str]], patterns: tuple[tuple[str, str], ...], cols: list[int]):
        self.split: list[int] = []
        self.code: int | None = None
        self.name: int | None = None
        self.amounts: dict[int, str] = {}
        for col in cols:
            path = paths.get(col, [])
            leaf = path[-1] if path else ""
            joined = "/".join(path)
            if leaf in ("类", "款", "项"):
                self.split.append(col)
            elif "编码" in leaf or "代码" in leaf:
                self.code = col
            elif "名称" in leaf or leaf == "项目" or (leaf == "" and self.name is None and not self.amounts):
                self.name = self.name or col
            else:
                for field, pattern in patterns:
                    if re.search(pattern, joined) and field not in self.amounts.values():
                        self.amounts[col] = field
                        break
        if not self.split and self.code is None and self.name is not None:
            self.code = self.name  # "2010301 行政运行" in one cell

    @property
    def first(self) -> int:
        return min([*self.split, *([self.code] if self.code else []), *([self.name] if self.name else [])] or [1])


def _two(value: str) -> str:
    return value.zfill(2) if value.isdigit() and len(value) < 2 else value


def row_code(m: Matrix, row: int, columns: Columns, carry: dict[str, str]) -> tuple[str | None, str]:
    """(code or 合计 or None, name) of a data row; a split 款/项 row without its 类 takes the last 类."""
    name = m.text(row, columns.name) if columns.name else ""
    if columns.split:
        parts = [_two(m.text(row, c)) for c in columns.split]
        texts = [t for t in (m.text(row, c) for c in columns.split) if t]
        if any(t in ("合计", "总计") for t in texts + [name]):
            return "合计", name
        if not parts[0] and any(parts[1:]):
            parts[0] = carry.get("class", "")
            if len(parts) > 2 and not parts[1] and parts[2]:
                parts[1] = carry.get("item", "")
        code = "".join(parts)
        if code and code.isdigit():
            carry["class"], carry["item"] = parts[0], parts[1] if len(parts) > 1 else ""
            return code, name
        return None, name
    text = m.text(row, columns.code) if columns.code else ""
    if text in ("合计", "总计") or name in ("合计", "总计"):
        return "合计", name
    match = _SPLIT.match(text)
    if match:
        return match.group(1), (name if columns.name != columns.code else (match.group(2) or "").strip())
    return None, name


def unread(m: Matrix, stats: dict, path: str, row: int, col: int) -> None:
    """A cell seen but not read: its item path is unknown (provenance ``unread``), never a zero."""
    stats["unread"] += 1
    stats["unread_at"].append((path, f"{m.name}!{ref(row, col)}"))


def _amounts(m: Matrix, row: int, columns: Columns, pre: Preamble, stats: dict, label: str) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    for col, field in columns.amounts.items():
        path = f"{label}.{field}"
        if (row, col) in m.merged:
            m.problem(row, col, path, f"数据区有合并单元格 {m.merged[(row, col)]}，此格未读 / merged cell in the data "
                                      "area, not read")
            unread(m, stats, path, row, col)
            continue
        number = m.number(row, col, path)
        if number is None and m.get(row, col) is not None:
            unread(m, stats, path, row, col)
            continue
        values[field] = pre.amount(number) if number is not None else Decimal("0.00")
        stats["cells"] += 1
        stats["filled"] += number is not None
        stats["where"][path] = ref(row, col)
    return values


def _notes(m: Matrix, row: int, table: dict[str, Any], default_note: str | None) -> None:
    text = "".join(dict.fromkeys(t for t in m.row_texts(row) if t))
    if any(word in text for word in ("无数据", "本表为空", "为空表", "无此项")):
        table["empty"], table["empty_note"] = True, text
    elif text and text != re.sub(r"\s", "", default_note or ""):
        table["note"] = text


def _sentence(m: Matrix, row: int, texts: list[str]) -> bool:
    """A line of text across the table (a note under it), not a data row."""
    distinct = set(texts)
    return len(distinct) == 1 and len(texts[0]) > 12 and not is_code(texts[0]) and not any(
        isinstance(m.get(row, c), (int, float)) for c in range(1, m.max_col + 1))


def read_coded(m: Matrix, pre: Preamble, kind: str, stats: dict) -> dict[str, Any] | None:
    """A 功能分类 table as model data: ``{"total": {...}, "rows": [...]}``."""
    data_row = first_data_row(m, pre.last_row)
    if data_row is None:
        m.problem(None, None, "(表头 / header)", "找不到 合计 行或科目编码 / no 合计 row and no code found")
        return None
    paths = header_paths(m, header_top(m, pre, data_row), data_row - 1)
    columns = Columns(paths, FIELD_PATTERNS[kind], list(range(1, m.max_col + 1)))
    missing = [f for f in table_schema(_KIND_TABLE[kind]).fields if f not in columns.amounts.values()]
    if missing:
        m.problem(data_row - 1, None, "(表头 / header)", f"未找到这些栏：{', '.join(missing)} / columns not found")
    table: dict[str, Any] = {"rows": []}
    carry: dict[str, str] = {}
    for row in range(data_row, m.max_row + 1):
        texts = [t for t in m.row_texts(row) if t]
        if not texts:
            continue
        if _NOTE.match(texts[0]) and not is_code(texts[0]) or _sentence(m, row, texts):
            _notes(m, row, table, _default_note(pre.key))
            continue
        code, name = row_code(m, row, columns, carry)
        label = "total" if code == "合计" else code
        values = _amounts(m, row, columns, pre, stats, label) if code else {}
        if code == "合计":
            table["total"] = {"code": "合计", "name": "合计", **values}
        elif code:
            if not any(m.get(row, c) is not None for c in columns.amounts) and not name:
                continue  # a blank line of the fill-in form
            table["rows"].append({"code": code, "name": name, **values})
        elif any(m.get(row, c) is not None for c in columns.amounts) and not _sentence(m, row, texts):
            m.problem(row, columns.first, "(行 / row)", f"既非合计也无科目编码，此行未读：{'｜'.join(texts)[:40]} / "
                                                         "row without a code, not read")
            stats["unread"] += 1  # no item path to mark: the row itself is unknown
    _empty(table, ("total",))
    return table


def _empty(table: dict[str, Any], parts: tuple[str, ...]) -> None:
    """A table that prints no row and only zeros is an empty table (空表), note or not."""
    amounts = [v for part in parts for k, v in table.get(part, {}).items() if isinstance(v, Decimal)]
    if not table.get("rows") and amounts and not any(amounts):
        table["empty"] = True


ECONOMIC_PATTERNS = tuple((c.field, c.pattern or c.header) for c in table_schema("basic_expenditure").columns)


def read_economic(m: Matrix, pre: Preamble, stats: dict) -> dict[str, Any] | None:
    """公开06: one or two blocks of 经济分类 rows, then 人员经费合计 / 公用经费合计."""
    data_row = first_data_row(m, pre.last_row, columns=m.max_col)
    if data_row is None:
        m.problem(None, None, "(表头 / header)", "找不到经济分类科目编码 / no economic code found")
        return None
    paths = header_paths(m, header_top(m, pre, data_row, depth=3), data_row - 1)
    def starts_with(words: tuple[str, ...]) -> list[int]:
        return [c for c in range(1, m.max_col + 1) if paths[c][:1] and paths[c][0] != (paths.get(c - 1) or [None])[0]
                and any(w in paths[c][0] for w in words)]

    starts = starts_with(("编码", "代码")) or starts_with(("科目名称", "项目"))
    bounds = list(zip(starts, starts[1:] + [m.max_col + 1]))
    blocks = [Columns(paths, ECONOMIC_PATTERNS, list(range(a, b))) for a, b in bounds]
    table: dict[str, Any] = {"rows": []}
    rows_by_block: list[list[dict]] = [[] for _ in blocks]
    for row in range(data_row, m.max_row + 1):
        texts = [t for t in m.row_texts(row) if t]
        if texts and _NOTE.match(texts[0]):
            _notes(m, row, table, _default_note("basic_expenditure"))
            continue
        for col in range(1, m.max_col + 1):
            text = m.text(row, col)
            for label, field in (("人员经费", "personnel_total"), ("公用经费", "public_total")):
                if text.startswith(label) and "合计" in text:
                    value_col = next((c for c in range(col + 1, m.max_col + 1) if m.get(row, c) is not None
                                      and m.text(row, c) != text), None)
                    number = m.number(row, value_col, field) if value_col else None
                    table[field] = pre.amount(number) if number is not None else Decimal("0.00")
                    stats["cells"] += 1
                    stats["filled"] += number is not None
                    if value_col:
                        stats["where"][field] = ref(row, value_col)
        for index, columns in enumerate(blocks):
            code, name = row_code(m, row, columns, {})
            if code and code != "合计":
                values = _amounts(m, row, columns, pre, stats, code)
                rows_by_block[index].append({"code": code, "name": name, **values})
    table["rows"] = [row for block in rows_by_block for row in block]
    return table


# (head word, field), most specific first: 购置及 (the 小计 of 公务用车) before 购置 (the schema's keywords)
THREE_PUBLIC_ITEMS = tuple((word, c.field) for c in table_schema("three_public").matching() for word in c.keywords)


def read_three_public(m: Matrix, pre: Preamble, stats: dict) -> dict[str, Any] | None:
    """公开07: twelve cells, each column named by its 预算数/决算数 and item heads (any order)."""
    data_row = next((r for r in range(pre.last_row + 1, m.max_row + 1)
                     if any(isinstance(m.get(r, c), (int, float)) for c in range(1, m.max_col + 1))), None)
    if data_row is None:
        m.problem(None, None, "(数据 / data)", "找不到数字行 / no row of amounts found")
        return None
    paths = header_paths(m, header_top(m, pre, data_row), data_row - 1)
    table: dict[str, Any] = {"budget": {}, "final": {}}
    for col, path in paths.items():
        side = "budget" if any("预算" in p for p in path) else "final" if any("决算" in p for p in path) else None
        heads = [p for p in path if p not in ("预算数", "决算数")]
        item = next((f for word, f in THREE_PUBLIC_ITEMS if heads and word in heads[-1]), None)
        if side is None or item is None:
            continue
        number = m.number(data_row, col, f"{side}.{item}")
        if number is None and m.get(data_row, col) is not None:
            unread(m, stats, f"{side}.{item}", data_row, col)
            continue
        table[side][item] = pre.amount(number) if number is not None else Decimal("0.00")
        stats["cells"] += 1
        stats["filled"] += number is not None
        stats["where"][f"{side}.{item}"] = ref(data_row, col)
    for row in range(data_row + 1, m.max_row + 1):
        texts = [t for t in m.row_texts(row) if t]
        if texts and _NOTE.match(texts[0]):
            _notes(m, row, table, _default_note("three_public"))
    return table
