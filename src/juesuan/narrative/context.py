"""Lists the templates iterate over: 类 and 项 rows, 经济分类 款 names, vehicles, receptions.

Selection only (which rows, in which order, under which names); every number is printed
through ``FigureView`` from ``juesuan.figures``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Disclosure
from ..model.disclosure import VEHICLE_CATEGORIES
from ..model.tables import CodedTable
from ..reference import CodeBook

PERSONNEL_CLASSES = ("301", "303")
"""经济分类 类 that make up 人员经费 (工资福利支出, 对个人和家庭的补助); the rest is 公用经费."""


@dataclass(frozen=True)
class FunctionItem:
    """One 类/款/项 row to describe: its code, printed path name and item path."""

    code: str
    name: str
    """"一般公共服务支出（类）…（款）…（项）" for 项, the plain name for 类."""
    item: str
    current_zero: bool = False


def _name(table: CodedTable, code: str, year: int) -> str:
    row = table.find(code)
    if row is not None and row.name:
        return row.name
    known = CodeBook.for_year(year).get(code)  # an empty book when no edition exists
    return known.name if known else code


def path_name(table: CodedTable, code: str, year: int) -> str:
    """"类名（类）款名（款）项名（项）" from the table's rows, else the code edition."""
    parts = [(code[:3], "类"), (code[:5], "款"), (code, "项")][: {3: 1, 5: 2, 7: 3}[len(code)]]
    return "".join(f"{_name(table, part, year)}（{level}）" for part, level in parts)


def classes(d: Disclosure, table_key: str = "general_budget", column: str = "total") -> list[FunctionItem]:
    """The 类 rows with a non-zero amount, in table order (§五(二) 结构)."""
    table = getattr(d.tables, table_key)
    return [
        FunctionItem(row.code, row.name or _name(table, row.code, d.meta.year),
                     f"{table_key}.{row.code}.{column}")
        for row in table.rows_at(1) if getattr(row, column) != 0
    ]


def items(d: Disclosure, table_key: str = "general_budget", column: str = "total") -> list[FunctionItem]:
    """The 项 to describe one by one (§五(三)): non-zero rows in table order, then the 项
    that fell to zero this year (a zero row, or only a ``comparisons`` entry with 上年数)."""
    table = getattr(d.tables, table_key)
    year = d.meta.year
    current = [row for row in table.rows_at(3) if getattr(row, column) != 0]
    listed = {row.code for row in current}
    gone: list[str] = []
    prefix, suffix = f"{table_key}.", f".{column}"
    for key, comparison in d.comparisons.items():
        code = key[len(prefix):-len(suffix)] if key.startswith(prefix) and key.endswith(suffix) else ""
        if len(code) == 7 and code.isdigit() and code not in listed and comparison.prior_year:
            gone.append(code)
    result = [FunctionItem(row.code, path_name(table, row.code, year), f"{prefix}{row.code}{suffix}")
              for row in current]
    result += [FunctionItem(code, path_name(table, code, year), f"{prefix}{code}{suffix}", True)
               for code in gone]
    return result


def economic_names(d: Disclosure, personnel: bool) -> list[str]:
    """Names of the 经济分类 款 with non-zero 基本支出, for 人员经费 or 公用经费 (§六)."""
    rows = d.tables.basic_expenditure.rows
    return [
        row.name for row in rows
        if len(row.code) == 5 and row.amount != 0
        and (row.code[:3] in PERSONNEL_CLASSES) == personnel
    ]


def vehicle_categories(d: Disclosure) -> list[tuple[str, str]]:
    """(label, item path) of the eight 车辆 categories (§十(三) / §十一(三))."""
    return [(label, f"assets.vehicles_by_category.{key}") for key, label in VEHICLE_CATEGORIES]


def table_is_empty(d: Disclosure, table_key: str) -> bool:
    """A 公开08/09 table with no amount at all (or marked ``empty``) gets the empty statement."""
    table = getattr(d.tables, table_key)
    if table.empty:
        return True
    amounts = [value for row in (table.total, *table.rows) for _, value in row.amounts()]
    return all(value == 0 for value in amounts)


def three_public_is_empty(d: Disclosure) -> bool:
    tp = d.tables.three_public
    return tp.empty or (tp.final.total == 0 and tp.budget.total == 0)


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (list numbering of 名词解释 and headings)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
