"""Two-sided 总表: 公开01 收入支出决算总表 and 公开04 财政拨款收入支出决算总表.

Each row holds an income line (left) and an expense line (right); the split is
the band of the second 项目 header. Labels wrapped inside a cell were joined by
the grid; numbering such as "一、" is dropped before matching.
"""

from __future__ import annotations

import re

from ..model.table_schema import table_schema
from .collect import Collector
from .columns import band, header_rows, header_text, renamed_words
from .locate import Block
from .numbers import BLANK_MARKS, clean, compact, is_amount
from .pages import Row

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.．]|^\d+[、.．]")

# (word, field) in matching order, from the table schema's fixed lines (model/table_schema.yaml, `reads`):
# 公开01's words serve 公开04 too (年初 names 年初财政拨款结转和结余). On the income side 总计 is tried
# right after 本年收入合计, then the other tail lines, then the numbered 一~八.
_SUMMARY, _FISCAL = table_schema("summary"), table_schema("fiscal_summary")


def _words(lines) -> tuple[tuple[str, str], ...]:
    return tuple((word, line.field) for line in lines for word in line.reading)


_INCOME_TAIL = sorted(_SUMMARY.lines["income_tail"], key=lambda line: line.field not in ("total", "grand_total"))
INCOME_LINES = _words((*_INCOME_TAIL, *_SUMMARY.lines["income"]))
EXPENSE_TAIL = _words(_SUMMARY.lines["expenditure_tail"])
FISCAL_COLUMNS = _words(_FISCAL.matching())  # 公开04's source columns, 合计 last
SOURCES = _FISCAL.sums[0].parts  # general_budget, government_fund, state_capital


def _fiscal_words() -> tuple[tuple[str, str], ...]:
    """FISCAL_COLUMNS, then the source headers a profile renames (tried last: built-in words first)."""
    built_in: dict[str, tuple[str, ...]] = {}
    for word, field in FISCAL_COLUMNS:
        built_in[field] = (*built_in.get(field, ()), word)
    extra = renamed_words(("fiscal_summary",), built_in)
    return FISCAL_COLUMNS + tuple((word, field) for field, words in extra.items() for word in words)


def _blank(text: str) -> bool:
    """A printed zero mark ("-", "—") in its own cell is not part of a label."""
    return clean(text) in BLANK_MARKS


def strip_numbering(text: str) -> str:
    """Drop "一、"; keep the name as printed (full-width brackets) but without spaces."""
    return _NUMBERING.sub("", compact(text))


def _split(block: Block) -> tuple[int, int, dict[int, str]] | None:
    if block.columns is not None:  # the stage that placed the cells said their columns
        return block.columns.names[0], block.columns.names[1], {}
    texts = header_text(header_rows(block))
    label_bands = sorted(b for b, t in texts.items() if "项目" in t)
    if len(label_bands) < 2:
        amount_bands = sorted(b for b, t in texts.items() if "决算数" in t or "金额" in t or "合计" in t)
        if len(amount_bands) < 2:
            return None
        return 0, amount_bands[0] + 1, texts
    return label_bands[0], label_bands[1], texts


def parse_two_sided(block: Block, out: Collector, resolve) -> dict:
    split = _split(block)
    if split is None:
        stacked = _stacked(block, out, resolve)
        if stacked is None:
            out.problem(f"{block.key}: 找不到左右两栏 / cannot find the two sides", block.title.page, block.title.line)
            return {}
        return stacked
    left_label, right_label, texts = split
    line_numbers = {b for b, t in texts.items() if "行次" in t}  # MOF edition: 项目 | 行次 | 金额
    fiscal = block.key == "fiscal_summary"
    right_map: dict[int, str] = {}
    right_bands = sorted(b for b in texts if b > right_label and "行次" not in texts[b])
    words = _fiscal_words() if fiscal else (("", "amount"),)
    for b in right_bands:
        for keyword, field in words:
            if keyword in texts[b]:
                right_map[b] = field
                break
    if fiscal and len(right_map) < 4 and len(right_bands) == 4:
        right_map = dict(zip(right_bands, ("total", *SOURCES)))
    if block.columns is not None:
        right_map = {b: f for b, f in block.columns.fields if b > right_label}
    income: dict = {}
    expense: dict = {"classes": []}
    in_opening = False
    for row in block.rows:
        if clean(row.text).startswith("栏次"):
            continue
        left = [(band(c, i), c) for i, c in enumerate(row.cells)
                if band(c, i) < right_label and band(c, i) not in line_numbers]
        right = [(band(c, i), c) for i, c in enumerate(row.cells)
                 if band(c, i) >= right_label and band(c, i) not in line_numbers]
        label = strip_numbering("".join(c.text for b, c in left if not is_amount(c.text) and not _blank(c.text)))
        amounts = [c for b, c in left if is_amount(c.text) or b > left_label]
        if label and not label.startswith("项目") and label not in ("收入", "收入支出"):
            field = next((f for k, f in INCOME_LINES if k in label), None)
            if field is None:
                if amounts:
                    out.unclear(row, f"收入栏目无法识别 / income line not understood: {label}", block.key)
            else:
                if fiscal and field == "opening_balance":
                    in_opening = True
                    field = "opening_balance.total"
                elif fiscal and in_opening and field in SOURCES:
                    field = f"opening_balance.{field}"
                elif field in ("total", "grand_total"):
                    in_opening = False
                for cell in amounts[:1]:
                    if clean(cell.text):
                        value = out.amount(f"{block.key}.income.{field}", row, cell, block.unit)
                        if value is not None:
                            _put(income, field, value)
        _expense_line(block, row, right, right_label, right_map, fiscal, expense, out, resolve)
    _unresolved(block, expense.pop("_pending", None), out)
    return {"income": income, "expenditure": expense}


def _stacked(block: Block, out: Collector, resolve) -> dict | None:
    """One 项目 | 金额 pair: the 收入 rows, then (after a "支出" row or the income 总计) the 支出 rows."""
    texts = header_text(header_rows(block))
    labels = [b for b, t in texts.items() if "项目" in t]
    if len(labels) != 1 or block.key != "summary":
        return None
    label_band = labels[0]
    income: dict = {}
    expense: dict = {"classes": []}
    side = "income"
    for row in block.rows:
        cells = [(band(c, i), c) for i, c in enumerate(row.cells)]
        label = strip_numbering("".join(c.text for b, c in cells if b <= label_band and not _blank(c.text)
                                        and not is_amount(c.text)))
        if label in ("收入", "支出"):
            side = "income" if label == "收入" else "expense"
            continue
        if not label or label.startswith("项目"):
            continue
        if side == "income":
            field = next((f for k, f in INCOME_LINES if k in label), None)
            amounts = [c for b, c in cells if b > label_band and is_amount(c.text)]
            if field and amounts:
                value = out.amount(f"summary.income.{field}", row, amounts[0], block.unit)
                if value is not None:
                    income[field] = value
            elif field is None and (amounts or resolve(label)):
                side = "expense"  # a 类 name: the 支出 rows have begun
            if field == "grand_total":
                side = "expense"
            if side == "income" or field:
                continue
        _expense_line(block, row, cells, label_band, {b: "amount" for b, _ in cells if b > label_band},
                      False, expense, out, resolve)
    _unresolved(block, expense.pop("_pending", None), out)
    return {"income": income, "expenditure": expense}


def _put(target: dict, dotted: str, value) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _expense_line(block, row: Row, right, right_label, right_map, fiscal, expense, out, resolve) -> None:
    raw = clean("".join(c.text for b, c in right
                        if (b == right_label or not is_amount(c.text)) and not _blank(c.text)))
    label = strip_numbering(raw)
    tail_of_name = label == "支出" and "_pending" in expense  # "八、社会保障和就业" / "支出"
    if not label or label in ("项目", "支出", "项目决算数") and not tail_of_name or label.startswith("项目"):
        return
    cells = [(right_map.get(b, "amount" if not fiscal else None), c) for b, c in right
             if b != right_label and is_amount(c.text)]
    tail = next((f for k, f in EXPENSE_TAIL if k in label), None)
    if tail:
        if expense.get("_pending", {}).get("cells"):  # a held 类 with amounts ends at the tail lines
            _unresolved(block, expense.pop("_pending"), out)
        for field, cell in cells:
            if field is None:
                continue
            path = f"{block.key}.expenditure.{tail}" + (f".{field}" if fiscal else "")
            value = out.amount(path, row, cell, block.unit)
            if value is not None:
                if fiscal:
                    expense.setdefault(tail, {})[field] = value
                else:
                    expense[tail] = value
        return
    code = resolve(label)
    pending = expense.pop("_pending", None)
    joined = False
    if code is None and pending and not _NUMBERING.match(raw) and not (cells and pending["cells"]):
        label = pending["name"] + label  # a 类 name wrapped onto the next line
        code, joined = resolve(label), True
        if pending["cells"]:  # its amounts printed with the name's start
            cells, row = pending["cells"], pending["row"]
    elif pending:
        _unresolved(block, pending, out)
    if code is None and (_NUMBERING.match(raw) or joined):
        # the start of a wrapped name, its amounts (if any) with it: its tail may follow
        expense["_pending"] = {"name": label, "cells": cells, "row": row}
        return
    if code is None:
        if cells:
            out.unclear(row, f"支出功能分类类名无法解析为编码 / 类 name not resolved: {label}", block.key)
        else:
            expense.setdefault("_unresolved", []).append(label)
        return
    line = {"code": code, "name": label}
    for field, cell in cells:
        if field is None:
            continue
        value = out.amount(f"{block.key}.expenditure.{code}" + (f".{field}" if fiscal else ""), row, cell,
                           block.unit)
        if value is not None:
            line[field] = value
    expense["classes"].append(line)


def _unresolved(block, pending: dict | None, out) -> None:
    """A 类 name held for its wrapped tail that did not come: its amounts are reported."""
    if pending and pending["cells"]:
        out.unclear(pending["row"], f"支出功能分类类名无法解析为编码 / 类 name not resolved: {pending['name']}",
                    block.key)
