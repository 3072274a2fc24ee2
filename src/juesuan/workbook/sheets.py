"""What a worksheet holds: which 公开表 (by its title or sheet name), its preamble
(编制单位, 单位：元/万元, 年度), where its header ends and its data begins.

Finance-software exports name and order sheets as they like and print a preamble above
the header; both are read here so that the table readers see only header and data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..model.tables import TABLE_KEYS
from ..reference.profiles import Profile, list_profiles
from .matrix import Matrix

_CODE = re.compile(r"^\d{3}(\d{2}){0,2}(\D.*)?$")
_TOTAL = ("合计", "总计")
_UNIT = re.compile(r"(?:金额)?单位[:：]?(万元|元)")
_DEPARTMENT = re.compile(r"(?:编制单位|单位名称|部门名称)[:：](.+?)(?:20\d\d年|(?:金额)?单位[:：]|$)")
_YEAR = re.compile(r"(20\d\d)\s*年")
_SHEET_CODE = re.compile(r"(?:公开)?0?([1-9])表?")
TEN_THOUSAND = Decimal(10000)
INSTRUCTION = "填写说明"
CENT = Decimal("0.01")


def _titles() -> list[tuple[str, str]]:
    """(title text, table key), longest first: 财政拨款收入支出决算总表 before 收入支出决算总表."""
    titles = {title: key for key, _, title in TABLE_KEYS}
    for pid in list_profiles():
        for spec in Profile.load(pid).tables:
            titles.setdefault(re.sub(r"\s", "", spec.title), spec.key)
    return sorted(titles.items(), key=lambda item: -len(item[0]))


@dataclass
class Preamble:
    key: str | None = None
    title_row: int = 0
    unit: str | None = None
    unit_cell: tuple[int, int] | None = None
    department: str | None = None
    year: int | None = None
    last_row: int = 0
    """The last row of title and preamble: the header starts below it."""
    rounded: list[str] = field(default_factory=list)

    def amount(self, value: Decimal) -> Decimal:
        """A cell amount in 万元: exports in 元 are divided by 10,000 and rounded to 0.01."""
        if self.unit != "元":
            return value
        result = (value / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)
        return result


def identify(matrix: Matrix) -> Preamble:
    """The table a sheet holds (title text first, then the sheet name) and its preamble."""
    found = Preamble()
    titles = _titles()
    for row in range(1, min(matrix.max_row, 8) + 1):
        texts = [t for t in dict.fromkeys(matrix.row_texts(row)) if t]
        line = "".join(texts)
        if line.startswith(INSTRUCTION):  # the fill-in workbook's 填写说明 lines
            found.last_row = row
            continue
        if found.key is None and line and not any(_CODE.match(t) for t in texts):
            for title, key in titles:
                if title in line and len(line) < len(title) + 40:
                    found.key, found.title_row, found.last_row = key, row, row
                    break
        unit = _UNIT.search(line)
        if unit:
            found.unit, found.last_row = unit.group(1), max(found.last_row, row)
            found.unit_cell = (row, next(c for c in range(1, matrix.max_col + 1) if "单位" in matrix.text(row, c)))
        department = _DEPARTMENT.search(line)
        if department and department.group(1).strip():
            found.department, found.last_row = department.group(1).strip("：: "), max(found.last_row, row)
        year = _YEAR.search(line)
        if year and found.year is None and (found.key is not None or department):
            found.year = int(year.group(1))
    if found.key is None:
        match = _SHEET_CODE.fullmatch(re.sub(r"\s", "", matrix.name))
        if match and "公开" in matrix.name or (match and matrix.name.strip().endswith("表")):
            found.key = TABLE_KEYS[int(match.group(1)) - 1][0]
    return found


def is_code(text: str) -> bool:
    return bool(_CODE.match(text))


def first_data_row(matrix: Matrix, after: int, columns: int = 3) -> int | None:
    """The first row below the preamble whose leading cells hold a 合计/总计 or a code (the
    amount heads print 合计 too, but never in the leading code columns)."""
    for row in range(after + 1, matrix.max_row + 1):
        texts = [matrix.text(row, col) for col in range(1, min(columns, matrix.max_col) + 1)]
        first = next((text for text in texts if text), "")
        if first in _TOTAL or is_code(first):
            return row
    return None


def header_paths(matrix: Matrix, top: int, bottom: int) -> dict[int, list[str]]:
    """Column → its header texts top-down (merged heads repeat; repeats and 栏次 numbers dropped)."""
    paths: dict[int, list[str]] = {}
    for col in range(1, matrix.max_col + 1):
        parts: list[str] = []
        for row in range(top, bottom + 1):
            text = matrix.text(row, col)
            if text and (not parts or parts[-1] != text) and not re.fullmatch(r"\d+|栏次|行次", text):
                parts.append(text)
        paths[col] = parts
    return paths


def header_top(matrix: Matrix, preamble: Preamble, data_row: int, depth: int = 4) -> int:
    """The first header row: at most ``depth`` rows above the data, below the preamble."""
    return max(preamble.last_row + 1, data_row - depth)
