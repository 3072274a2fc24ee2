"""Grids of the two-sided tables: 公开01 收入支出决算总表 and 公开04 财政拨款收入支出决算总表.

Income lines on the left, one expense row per 功能分类 类 on the right (zero rows kept),
blank rows to align the sides, then the tail lines (本年合计, 结转和结余, 总计).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Disclosure
from ..model.table_schema import table_schema
from ..model.tables import ClassLine, FiscalClassLine
from .cells import Cell, Grid, Row, blank, head, label, money_cell, numbered
from .grids_coded import titled

# The fixed lines and the source columns as printed: the table schema (model/table_schema.yaml).
_SUMMARY = table_schema("summary")
_FISCAL = table_schema("fiscal_summary")
SUMMARY_INCOME_LINES = tuple((line.field, line.header) for line in _SUMMARY.lines["income"])
FISCAL_INCOME_LINES = tuple((line.field, line.header) for line in _FISCAL.lines["income"])
SOURCE_COLUMNS = _FISCAL.fields


def expense_lines(classes: tuple, line_type: type, options) -> list:
    """The 类 lines of an expense side: the profile's fixed rows (zero rows kept, printed
    lines matched by code, then name), then any printed line the profile does not list."""
    if not options.class_rows:
        return list(classes)
    by_code = {line.code: line for line in classes}
    by_name = {line.name: line for line in classes}
    lines, used = [], set()
    for code, name in options.class_rows:
        line = by_code.get(code) or by_name.get(name) or line_type(code=code, name=name)
        used.add(line.code)
        lines.append(line if line.name else line.model_copy(update={"name": name}))
    return lines + [line for line in classes if line.code not in used]


def _pair(text: str | None, value: Decimal | None, blank_zero: bool, *, bold=False,
          center=False) -> list[Cell]:
    if text is None:
        return [blank(), blank()]
    align = "center" if center else "left"
    return [label(text, align=align, bold=bold), money_cell(value, blank_zero=blank_zero, bold=bold)]


def summary_grid(disclosure: Disclosure, key: str, options) -> Grid:
    table = disclosure.tables.summary
    income, expense = table.income, table.expenditure
    bz = options.blank_zeros
    texts = options.income_rows if len(options.income_rows) == len(SUMMARY_INCOME_LINES) else \
        [text for _, text in SUMMARY_INCOME_LINES]
    left = [_pair(text, getattr(income, name), bz)
            for (name, _), text in zip(SUMMARY_INCOME_LINES, texts)]
    right = [_pair(numbered(i, line.name), line.amount, bz)
             for i, line in enumerate(expense_lines(expense.classes, ClassLine, options), start=1)]
    body = []
    for index in range(max(len(left), len(right))):
        cells = (left[index] if index < len(left) else _pair(None, None, bz))
        cells = cells + (right[index] if index < len(right) else _pair(None, None, bz))
        body.append(Row(tuple(cells)))
    # 本年合计 | 结余 | 结转和结余 | 总计, side by side; the 合计 and 总计 lines bold
    tail = tuple((left.header, getattr(income, left.field), right.header, getattr(expense, right.field),
                  left.field in ("total", "grand_total"))
                 for left, right in zip(_SUMMARY.lines["income_tail"], _SUMMARY.lines["expenditure_tail"]))
    for left_text, left_value, right_text, right_value, strong in tail:
        body.append(Row((*_pair(left_text, left_value, bz, bold=strong, center=strong),
                         *_pair(right_text, right_value, bz, bold=strong, center=strong)),
                        kind="total" if strong else "body"))
    header = (
        Row((head("收入", colspan=2), head("支出", colspan=2)), kind="head"),
        Row((head("项目"), head("决算数"), head("项目"), head("决算数")), kind="head"),
    )
    # 决算数 wide enough for a bold "2,995.39" in a substitute font (24 wrapped it in LibreOffice)
    return titled(disclosure, key, table, options, widths=(68, 28, 68, 28), header=header,
                  body=tuple(body))


def _sources(values, blank_zero: bool, bold: bool = False) -> list[Cell]:
    return [money_cell(getattr(values, c), blank_zero=blank_zero, bold=bold) for c in SOURCE_COLUMNS]


def _fiscal_tail(side: str, field: str) -> str:
    return _FISCAL.line(f"{side}_tail", field)


def fiscal_summary_grid(disclosure: Disclosure, key: str, options) -> Grid:
    table = disclosure.tables.fiscal_summary
    income, expense = table.income, table.expenditure
    bz = options.blank_zeros
    empty_right = [blank() for _ in range(5)]
    left = [_pair(text, getattr(income, name), bz) for name, text in FISCAL_INCOME_LINES]
    right = [[label(numbered(i, line.name)), *_sources(line, bz)]
             for i, line in enumerate(expense_lines(expense.classes, FiscalClassLine, options), start=1)]
    body = []
    for index in range(max(len(left), len(right))):
        cells = left[index] if index < len(left) else _pair(None, None, bz)
        cells = cells + (right[index] if index < len(right) else empty_right)
        body.append(Row(tuple(cells)))
    opening = income.opening_balance
    body += [
        Row((*_pair(_fiscal_tail("income", "total"), income.total, bz, bold=True),
             label(_fiscal_tail("expenditure", "total"), bold=True), *_sources(expense.total, bz, bold=True)),
            kind="total"),
        Row((*_pair(_fiscal_tail("income", "opening_balance"), opening.total, bz),
             label(_fiscal_tail("expenditure", "closing_balance")), *_sources(expense.closing_balance, bz))),
    ]
    for name, text in FISCAL_INCOME_LINES:
        body.append(Row((*_pair(text, getattr(opening, name), bz), *empty_right)))
    body.append(Row((*_pair(_fiscal_tail("income", "grand_total"), income.grand_total, bz, bold=True,
                            center=True),
                     label(_fiscal_tail("expenditure", "grand_total"), align="center", bold=True),
                     *_sources(expense.grand_total, bz, bold=True)), kind="total"))
    header = (
        Row((head("收入", colspan=2), head("支出", colspan=1 + len(_FISCAL.columns))), kind="head"),
        Row((head("项目"), head("决算数"), head("项目"), *[head(c.header) for c in _FISCAL.columns]), kind="head"),
    )
    return titled(disclosure, key, table, options, widths=(28, 13, 30, 13, 13, 13, 13),
                  header=header, body=tuple(body), landscape=True)
