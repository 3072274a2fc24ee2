"""Coded tables: 公开02/03/05/08/09 (功能分类 类/款/项) and 公开06 (经济分类 blocks)."""

from __future__ import annotations

import re

from .collect import Collector
from .columns import band, header_rows, header_text, is_data_row, map_bands, name_band
from .locate import Block
from .numbers import clean, compact, is_amount, join_code
from .pages import Row

KIND = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
        "government_fund": "fund", "state_capital": "fund"}
TOTAL_NAMES = ("合计", "总计")


def _max_band(block: Block) -> int:
    return max((band(c, i) for r in block.rows for i, c in enumerate(r.cells)), default=-1)


def parse_coded(block: Block, out: Collector, resolve) -> dict:
    """Rows of a 功能分类 table → ``{"total": {...}, "rows": [...]}`` with provenance."""
    if block.columns is not None:  # the stage that placed the cells said their columns
        nb, mapping = block.columns.names[0], dict(block.columns.fields)
    else:
        texts = header_text(header_rows(block))
        nb = name_band(block, texts)
        if nb is None:
            out.problem(f"{block.key}: 找不到科目名称列 / no 科目名称 column", block.title.page, block.title.line)
            return {}
        mapping = map_bands(KIND[block.key], texts, nb + 1, _max_band(block))
    table: dict = {"rows": []}
    seen: set[str] = set()
    orphans: list = []
    parents: dict[int, str] = {}  # the last 类 (3 digits) and 款 (5 digits) read
    above, centred = "", None  # a name centred on its code line: head on the line above, tail below
    last = None  # the row just read, named on its own line: a tab row below may hold its name's rest
    for index, row in enumerate(block.rows):
        if not is_data_row(row):
            text = "".join(compact(c.text) for c in row.cells)
            if not (table["rows"] or "total" in table) or not text or any(w in text for w in _NOT_NAMES):
                continue
            if centred is not None and _tail(centred, text, block.rows[index + 1:], nb, resolve):
                centred["name"] += text
            elif last is not None and _wrapped_tail(last, row, text, block.rows[index + 1:], nb, resolve):
                last["name"] += text
            else:
                above = text
            centred = last = None
            continue
        code_parts, names, amounts = [], [], []
        for index, cell in enumerate(row.cells):
            b, text = band(cell, index), clean(cell.text)
            if b < nb and text.isdigit():
                code_parts.append(text)
            elif b <= nb and not is_amount(text):
                names.append(compact(cell.text))  # names as printed (full-width brackets kept)
            elif b > nb:
                amounts.append((b, cell))
            elif b == nb and is_amount(text):
                names.append(text)
        name = "".join(n for n in names if n not in ("类", "款", "项"))
        if name.startswith("栏次"):
            continue
        inline = _INLINE_CODE.match(name)
        if inline and not code_parts:  # "2010601 行政运行" printed in one cell
            code_parts, name = [inline.group(1)], inline.group(2)
        if not name and not code_parts:
            orphans = amounts  # amounts centred off their row: they belong to the next row
            continue
        taken = {b for b, _ in amounts}
        amounts += [(b, c) for b, c in orphans if b not in taken]
        orphans = []
        if any(name.startswith(t) for t in TOTAL_NAMES) and not code_parts:
            label, record = "total", {"code": "合计", "name": "合计"}
            table["total"] = record
            centred = last = None
        else:
            code = join_code(code_parts) if code_parts else _by_name(name, parents, resolve)
            if code is None:
                out.unclear(row, f"科目编码无法识别 / code not understood: {' '.join(code_parts)} {name}",
                            block.key)
                continue
            parents[len(code)] = code
            if code in seen:  # a repeated row on a continuation page
                continue
            seen.add(code)
            label, record = code, {"code": code, "name": name or above}
            table["rows"].append(record)
            centred = record if not name and above else None
            last = record if name and row.grid is not None else None
        above = ""
        for b, cell in amounts:
            field = mapping.get(b)
            if field is None:
                if clean(cell.text):
                    out.unclear(row, f"金额不在已知列 / amount outside known columns: {cell.text}", block.key)
                continue
            value = out.amount(f"{block.key}.{label}.{field}", row, cell, block.unit)
            if value is not None:
                record[field] = value
    return table


def _tail(record: dict, text: str, following: list, nb: int, resolve) -> bool:
    """A name-only line below a row named from the line above: the rest of that name (centred on
    its code line), or the next row's name above its code? The code list says, when it knows the
    names; else the next line: a code line with no name of its own takes this one."""
    if resolve(record["name"] + text) == record["code"]:
        return True
    if resolve(record["name"]) == record["code"]:
        return False
    nxt = next((r for r in following if any(clean(c.text) for c in r.cells)), None)
    if nxt is None:
        return True
    codes = [c for i, c in enumerate(nxt.cells) if band(c, i) < nb and clean(c.text).isdigit()]
    named = [c for i, c in enumerate(nxt.cells) if band(c, i) <= nb and clean(c.text)
             and not clean(c.text).isdigit() and not is_amount(clean(c.text))]
    return not (codes and not named)


def _wrapped_tail(record: dict, row: Row, text: str, following: list, nb: int, resolve) -> bool:
    """A tab row holding only text in the name column, below a row that printed its own name: the
    rest of that name, wrapped onto a row of its own by the extractor ("…基本养老保险" | "缴费支出")?
    Yes when the code list knows the joined name as the row's code; else when the next row prints a
    name of its own (the line cannot be that row's name printed above it) and the joined name is not
    one the code list gives another code."""
    if any(band(c, i) != nb for i, c in enumerate(row.cells) if clean(c.text)):
        return False
    joined = resolve(record["name"] + text)
    if joined is not None:
        return joined == record["code"]
    if resolve(record["name"]) == record["code"] or resolve(text) is not None:
        return False
    nxt = next((r for r in following if any(clean(c.text) for c in r.cells)), None)
    if nxt is None or not is_data_row(nxt):
        return False
    return any(band(c, i) <= nb and clean(c.text) and not clean(c.text).isdigit() and not is_amount(clean(c.text))
               for i, c in enumerate(nxt.cells))


_NOT_NAMES = ("科目", "合计", "决算数", "单位：", "单位:", "注：", "注:", "栏次", "编制单位")
_INLINE_CODE = re.compile(r"^[\[【(（]?(\d{3}(?:\d{2}){0,2})[\]】)）]?\s*(\D.*)$")


def _by_name(name: str, parents: dict[int, str], resolve) -> str | None:
    """Code of a name printed without one: alone, else as 项 of the last 款 or 款 of the last 类."""
    code = resolve(name)
    if code:
        return code
    owner = getattr(resolve, "__self__", None)
    if owner is None or not hasattr(owner, "child"):
        return None
    return owner.child(name, parents.get(5), 3) or owner.child(name, parents.get(3), 2)


def parse_basic(block: Block, out: Collector, resolve) -> dict:
    """公开06: two (or three) blocks of 经济分类 code | 名称 | 决算数, then the two 合计 footers."""
    if block.columns is not None:  # the stage that placed the cells said their columns
        amount_bands = [b for b, _ in block.columns.fields]
    else:
        texts = header_text(header_rows(block))
        amount_bands = sorted(b for b, t in texts.items() if "决算数" in t or "金额" in t)
    if not amount_bands:
        out.problem("basic_expenditure: 找不到决算数列 / no 决算数 column", block.title.page, block.title.line)
        return {}
    # A header cell spanning two columns (经济分类科目编码 over 类 | 款, as a web page's text
    # gives it) shifts the header's bands: the amounts' own bands, when as many, are the truth.
    printed = sorted({band(c, i) for r in block.rows if is_data_row(r) and "合计" not in r.text
                      for i, c in enumerate(r.cells) if is_amount(c.text) and "." in c.text})
    if len(printed) == len(amount_bands) and printed != amount_bands:
        amount_bands = printed
    table: dict = {"rows": []}
    seen: set[str] = set()
    classes: dict[int, str] = {}  # the current 类 of each column block
    lasts: dict[int, dict] = {}  # per block, the row just read: a tab row below may hold its name's rest
    for index, row in enumerate(block.rows):
        groups: list[list] = [[] for _ in amount_bands]
        for i, cell in enumerate(row.cells):
            b = band(cell, i)
            slot = next((i for i, ab in enumerate(amount_bands) if b <= ab), None)
            if slot is not None:
                groups[slot].append((b, cell))
        if not is_data_row(row) and not any("合计" in clean(c.text) for c in row.cells):
            if row.grid is not None:
                _basic_tails(groups, lasts, block.rows[index + 1:], resolve)
            lasts = {}
            continue
        lasts = {}
        if _footer(row, table, out, block.unit):
            continue
        for slot, members in enumerate(groups):
            record = _basic_group(block, row, members, amount_bands[slot], table, seen, out, resolve, classes, slot)
            if record is not None and record["name"]:
                lasts[slot] = record
    # Code order (301, 30101, …, 302, …): the blocks print 类 side by side, the model lists them in turn.
    table["rows"] = [record for _, record in sorted(table["rows"], key=lambda item: item[1]["code"])]
    return table


def _basic_tails(groups: list[list], lasts: dict[int, dict], following: list, resolve) -> None:
    """公开06 tab rows of names only below a row of the blocks: each block's text the rest of its
    name above ("…基本养老保险缴" | "费"), on the terms of ``_wrapped_tail``."""
    nxt = next((r for r in following if any(clean(c.text) for c in r.cells)), None)
    for slot, members in enumerate(groups):
        text = "".join(compact(c.text) for _, c in members if clean(c.text))
        record = lasts.get(slot)
        if not text or record is None:
            continue
        joined = resolve(record["name"] + text)
        if joined is not None:
            if joined == record["code"]:
                record["name"] += text
        elif resolve(record["name"]) != record["code"] and resolve(text) is None \
                and nxt is not None and is_data_row(nxt):
            record["name"] += text


FOOTERS = (("人员经费", "personnel_total"), ("公用经费", "public_total"))


def _footer(row, table: dict, out: Collector, unit: str) -> bool:
    """人员经费合计 | amount | 公用经费合计 | amount: each amount belongs to the label before it
    (its cells may span the blocks' columns, so bands do not say)."""
    texts = [clean(c.text) for c in row.cells]
    if not any("合计" in t and any(w in t for w, _ in FOOTERS) for t in texts):
        return False
    field, pairs = None, []
    for cell, text in zip(row.cells, texts):
        if not is_amount(text):
            field = next((f for w, f in FOOTERS if w in text and "合计" in text), None)
        elif field is not None:
            pairs.append((field, cell))
            field = None
    for field, cell in pairs:
        value = out.amount(f"basic_expenditure.{field}", row, cell, unit)
        if value is not None:
            table[field] = value
    return bool(pairs)  # a label and its amount in one cell: left to the blocks


def _basic_group(block, row, members, amount_band, table, seen, out, resolve, classes, slot) -> dict | None:
    code_parts, names, amount_cell = [], [], None
    for b, cell in members:
        text = clean(cell.text)
        if b == amount_band:
            amount_cell = cell
        elif text.isdigit() and not names:
            code_parts.append(text)
        else:
            names.append(compact(cell.text))
    name = "".join(names)
    if not name and not code_parts:
        return
    if "人员经费" in name and "合计" in name:
        path = "basic_expenditure.personnel_total"
    elif "公用经费" in name and "合计" in name:
        path = "basic_expenditure.public_total"
    else:
        borrowed = len(code_parts) == 1 and len(code_parts[0]) == 2 and slot in classes
        if borrowed:
            code_parts = [classes[slot], *code_parts]  # the 类 cell sits on another line
        code = join_code(code_parts) if code_parts else resolve(name)
        if borrowed and name and (named := resolve(name)) and len(named) == 5 and named[3:] == code_parts[1] \
                and named != code:
            code = named  # the 类 taken from another line was the wrong block's: the name says which
        if code and len(code) == 3:
            classes[slot] = code
        if code is None or len(code) not in (3, 5):
            out.unclear(row, f"经济分类编码无法识别 / code not understood: {' '.join(code_parts)} {name}",
                        block.key)
            return
        if code in seen:
            return
        seen.add(code)
        record = {"code": code, "name": name}
        table["rows"].append((slot, record))
        if amount_cell is not None and clean(amount_cell.text):
            value = out.amount(f"basic_expenditure.{code}.amount", row, amount_cell, block.unit)
            if value is not None:
                record["amount"] = value
        return record
    if amount_cell is not None and clean(amount_cell.text):
        value = out.amount(path, row, amount_cell, block.unit)
        if value is not None:
            table[path.rsplit(".", 1)[1]] = value
