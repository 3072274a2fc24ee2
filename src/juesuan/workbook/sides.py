"""Read the two-sided tables 公开01 and 公开04 by their line labels.

A side is a block of columns that starts at a 项目 head: its label column, then its amount
columns (行次/栏次 columns skipped). Lines are named by words of their label, not their
position, so numbering (一、), extra 行次 columns and blank alignment rows do not matter.
An expense line is a 功能分类 类: its code comes from a code printed in the label, else from
the profile's class list, else from the code list of the year; a name none of them knows is
reported and left out.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..model.table_schema import table_schema
from ..reference.names import resolve_name
from ..reference.profiles import Profile
from .coded import unread
from .matrix import Matrix, ref
from .sheets import Preamble

# (word, field) per line, from the table schema's fixed lines (model/table_schema.yaml): the tail lines
# (本年收入合计 …) before the numbered 一~八, the source columns of 公开04 with 合计 last.
_SUMMARY, _FISCAL = table_schema("summary"), table_schema("fiscal_summary")


def _words(lines) -> tuple[tuple[str, str], ...]:
    return tuple((word, line.field) for line in lines for word in line.keywords)


SUMMARY_INCOME = _words((*_SUMMARY.lines["income_tail"], *_SUMMARY.lines["income"]))
SUMMARY_EXPENSE_TAIL = _words(_SUMMARY.lines["expenditure_tail"])
SOURCES = _words(_FISCAL.matching())
FISCAL_EXPENSE_TAIL = _words(_FISCAL.lines["expenditure_tail"])
_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_CODE_PREFIX = re.compile(r"^(\d{3})\s*(.*)$")


def _label(text: str) -> str:
    return _NUMBERING.sub("", text)


def _match(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((field for word, field in table if word in text), None)


def _blocks(m: Matrix, header_rows: range) -> list[tuple[int, list[int]]]:
    """(label column, amount columns) per side, from the row that prints 项目."""
    for row in header_rows:
        starts = [c for c in range(1, m.max_col + 1) if m.text(row, c) == "项目"
                  and (c, row) and m.text(row, c - 1) != "项目"]
        if starts:
            bounds = list(zip(starts, starts[1:] + [m.max_col + 1]))
            return [(a, [c for c in range(a + 1, b) if m.text(row, c) not in ("行次", "栏次")]) for a, b in bounds]
    return []


def _class_code(label: str, profile: Profile | None, year: int) -> str | None:
    match = _CODE_PREFIX.match(label)
    if match:
        return match.group(1)
    name = _label(label)
    for row in profile.class_rows if profile else ():
        if row.name == name:
            return row.code
    return resolve_name(name, level=1, year=year)


def _amount(m: Matrix, row: int, col: int, pre: Preamble, field: str, stats: dict) -> Decimal | None:
    if (row, col) in m.merged and m.text(row, col) == m.text(row, col - 1):
        return None  # the tail of a merged label, not an amount
    number = m.number(row, col, field)
    if number is None and m.get(row, col) is not None:
        unread(m, stats, field, row, col)
        return None
    stats["cells"] += 1
    stats["filled"] += number is not None
    stats["where"][field] = ref(row, col)
    return pre.amount(number) if number is not None else Decimal("0.00")


def _header_rows(m: Matrix, pre: Preamble) -> range:
    return range(pre.last_row + 1, min(pre.last_row + 5, m.max_row) + 1)


def read_summary(m: Matrix, pre: Preamble, profile: Profile | None, year: int, stats: dict) -> dict[str, Any] | None:
    """公开01: income lines on the left, 类 lines and the tail on the right."""
    blocks = _blocks(m, _header_rows(m, pre))
    if len(blocks) < 2:
        m.problem(None, None, "(表头 / header)", "找不到收入、支出两侧的“项目”表头 / no 项目 heads for the two sides")
        return None
    (left, left_values), (right, right_values) = blocks[:2]
    income: dict[str, Any] = {}
    expense: dict[str, Any] = {"classes": []}
    start = next(r for r in _header_rows(m, pre) if m.text(r, left) == "项目") + 1
    for row in range(start, m.max_row + 1):
        text = m.text(row, left)
        if text.startswith(("注", "说明")):
            break
        field = _match(_label(text), SUMMARY_INCOME) if text else None
        if field and left_values:
            value = _amount(m, row, left_values[0], pre, f"income.{field}", stats)
            if value is not None:
                income[field] = value
        text = m.text(row, right)
        if not text or not right_values:
            continue
        tail = _match(text, SUMMARY_EXPENSE_TAIL)
        code = None if tail else _class_code(text, profile, year)
        if tail is None and code is None:
            m.problem(row, right, "支出 / expenditure", f"无法识别的支出功能分类（类）：{text} / unknown class")
            continue
        value = _amount(m, row, right_values[0], pre, f"expenditure.{tail or code}", stats)
        if tail:
            if value is not None:
                expense[tail] = value
            continue
        expense["classes"].append({"code": code, "name": _CODE_PREFIX.sub(r"\2", _label(text)) or _label(text),
                                   "amount": value if value is not None else Decimal("0.00")})
    return {"income": income, "expenditure": expense}


def _sources(m: Matrix, row: int, columns: list[int], heads: dict[int, str], pre: Preamble, stats: dict,
             prefix: str) -> dict:
    values = {}
    for col in columns:
        field = heads.get(col)
        if field:
            value = _amount(m, row, col, pre, f"{prefix}.{field}", stats)
            if value is not None:
                values[field] = value
    return values


def read_fiscal_summary(m: Matrix, pre: Preamble, profile: Profile | None, year: int,
                        stats: dict) -> dict[str, Any] | None:
    """公开04: the left side's 一/二/三 lines are 本年收入 until 年初…结转和结余, then its split."""
    header_rows = _header_rows(m, pre)
    blocks = _blocks(m, header_rows)
    if len(blocks) < 2:
        m.problem(None, None, "(表头 / header)", "找不到收入、支出两侧的“项目”表头 / no 项目 heads for the two sides")
        return None
    (left, left_values), (right, right_values) = blocks[:2]
    head_row = next(r for r in header_rows if m.text(r, left) == "项目")
    heads = {c: _match(m.text(head_row, c), SOURCES) for c in right_values}
    heads = {c: f for c, f in heads.items() if f}
    income: dict[str, Any] = {"opening_balance": {}}
    expense: dict[str, Any] = {"classes": []}
    opening = False
    for row in range(head_row + 1, m.max_row + 1):
        text = _label(m.text(row, left))
        if text.startswith(("注", "说明")):
            break
        if text and left_values:
            if "年初" in text:
                opening, where = True, ("opening_balance", "total")
            elif "本年收入合计" in text:
                where = (None, "total")
            elif "总计" in text:
                where = (None, "grand_total")
            elif field := _match(text, SOURCES[:3]):
                where = ("opening_balance" if opening else None, field)
            else:
                where = None
                m.problem(row, left, "收入 / income", f"无法识别的收入行：{text} / unknown income line")
            if where:
                path = "income." + ".".join(p for p in where if p)
                value = _amount(m, row, left_values[0], pre, path, stats)
                if value is not None:
                    (income[where[0]] if where[0] else income)[where[1]] = value
        text = m.text(row, right)
        if not text:
            continue
        tail = _match(text, FISCAL_EXPENSE_TAIL)
        code = None if tail else _class_code(text, profile, year)
        if tail is None and code is None:
            m.problem(row, right, "支出 / expenditure", f"无法识别的支出功能分类（类）：{text} / unknown class")
            continue
        values = _sources(m, row, right_values, heads, pre, stats, f"expenditure.{tail or code}")
        if tail:
            expense[tail] = values
            continue
        expense["classes"].append({"code": code, "name": _CODE_PREFIX.sub(r"\2", _label(text)) or _label(text),
                                   **values})
    return {"income": income, "expenditure": expense}
