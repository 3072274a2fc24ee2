"""Grids of the two-sided tables: 公开01 收入支出决算总表 and 公开04 财政拨款收入支出决算总表.

Income lines on the left, one expense row per 功能分类 类 on the right (zero rows kept),
blank rows to align the sides, then the tail lines (本年合计, 结转和结余, 总计).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Disclosure
from ..model.tables import ClassLine, FiscalClassLine
from .cells import Cell, Grid, Row, blank, head, label, money_cell, numbered
from .grids_coded import titled

SUMMARY_INCOME_LINES = (
    ("general_budget", "一、一般公共预算财政拨款收入"),
    ("government_fund", "二、政府性基金预算财政拨款收入"),
    ("state_capital", "三、国有资本经营预算财政拨款收入"),
    ("higher_level_subsidy", "四、上级补助收入"),
    ("business", "五、事业收入"),
    ("operating", "六、经营收入"),
    ("affiliated_remittance", "七、附属单位上缴收入"),
    ("other", "八、其他收入"),
)
FISCAL_INCOME_LINES = (
    ("general_budget", "一、一般公共预算财政拨款"),
    ("government_fund", "二、政府性基金预算财政拨款"),
    ("state_capital", "三、国有资本经营预算财政拨款"),
)
SOURCE_COLUMNS = ("total", "general_budget", "government_fund", "state_capital")


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
    tail = (
        ("本年收入合计", income.total, "本年支出合计", expense.total, True),
        ("使用非财政拨款结余", income.use_of_non_fiscal_surplus, "结余分配",
         expense.surplus_distribution, False),
        ("年初结转和结余", income.opening_balance, "年末结转和结余", expense.closing_balance, False),
        ("总计", income.grand_total, "总计", expense.grand_total, True),
    )
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
        Row((*_pair("本年收入合计", income.total, bz, bold=True),
             label("本年支出合计", bold=True), *_sources(expense.total, bz, bold=True)), kind="total"),
        Row((*_pair("年初财政拨款结转和结余", opening.total, bz),
             label("年末财政拨款结转和结余"), *_sources(expense.closing_balance, bz))),
    ]
    for name, text in FISCAL_INCOME_LINES:
        body.append(Row((*_pair(text, getattr(opening, name), bz), *empty_right)))
    body.append(Row((*_pair("总计", income.grand_total, bz, bold=True, center=True),
                     label("总计", align="center", bold=True),
                     *_sources(expense.grand_total, bz, bold=True)), kind="total"))
    header = (
        Row((head("收入", colspan=2), head("支出", colspan=5)), kind="head"),
        Row((head("项目"), head("决算数"), head("项目"), head("合计"), head("一般公共预算财政拨款"),
             head("政府性基金预算财政拨款"), head("国有资本经营预算财政拨款")), kind="head"),
    )
    return titled(disclosure, key, table, options, widths=(28, 13, 30, 13, 13, 13, 13),
                  header=header, body=tuple(body), landscape=True)
