"""Read a filled 项目支出绩效自评表 XLSX back into ``ProjectEvaluation`` s, with located problems.

Merged cells are expanded (every cell of a merged range reads the top-left value), blank
二级指标 rows become placeholder indicators, and the form is found by its labels (项目名称,
年初预算数, 一级指标, 总分), so an extra leading column does not break it. Every problem names
the file, the sheet, the cell and the field, in Chinese and English; nothing is raised.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from ..limits import check_zip
from ..model.performance import ProjectEvaluation
from ..problems import FileProblem
from .form import FUNDS_ROWS, GRADE_LABEL, INDICATOR_HEADER, NOTE_LABEL, TOTAL_LABEL

FUND_COLUMNS = {"年初预算数": "initial_budget", "全年预算数": "full_year_budget", "全年执行数": "execution"}
INDICATOR_FIELDS = dict(zip(INDICATOR_HEADER, ("level1", "level2", "name", "target", "actual", "weight", "score",
                                                "deviation_reason")))
NUMERIC = {"weight": "分值", "score": "得分"}


FormProblem = FileProblem
"""A located problem of a filled form: ``file [sheet]!cell: field: 中文 / English``."""


@dataclass(frozen=True)
class FormImport:
    projects: tuple[ProjectEvaluation, ...]
    problems: tuple[FormProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class _Sheet:
    """Cell values with merged ranges expanded, plus a problem collector."""

    def __init__(self, ws: Worksheet, file: str) -> None:
        self.ws, self.file, self.problems = ws, file, []
        self.values: dict[tuple[int, int], Any] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    self.values[(cell.row, cell.column)] = cell.value
        for merged in ws.merged_cells.ranges:
            top = self.values.get((merged.min_row, merged.min_col))
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if top is not None:
                        self.values[(r, c)] = top
        self.max_row = max((r for r, _ in self.values), default=0)
        self.max_col = max((c for _, c in self.values), default=0)

    def get(self, row: int, col: int) -> Any:
        return self.values.get((row, col))

    def text(self, row: int, col: int) -> str | None:
        value = self.get(row, col)
        if value is None:
            return None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            value = repr(value)  # a float: its shortest repr is what the user typed
        return value if value.strip() else None

    def number(self, row: int, col: int, field: str) -> Decimal | None:
        value = self.get(row, col)
        if value is None or isinstance(value, bool):
            return None
        text = repr(value) if not isinstance(value, (str, int, Decimal)) else str(value)
        text = re.sub(r"[\s分%％,，]", "", text)
        if text in ("", "—", "-", "–"):
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            self.problem(row, col, field, f"不是数字 / not a number: {value!r}")
            return None

    def find(self, label: str, *, exact: bool = True) -> tuple[int, int] | None:
        for (r, c), value in sorted(self.values.items()):
            if isinstance(value, str) and (value.strip() == label if exact else label in value):
                return r, c
        return None

    def problem(self, row: int | None, col: int | None, field: str, message: str) -> None:
        cell = None if row is None or col is None else f"{_column(col)}{row}"
        self.problems.append(FormProblem(self.file, field=field, message=message, sheet=self.ws.title, cell=cell))


def _column(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


HEAD_LABELS = {"项目名称", "主管部门", "实施单位"}


def _right_of(sheet: _Sheet, label: str) -> str | None:
    """The value cell right of a label (past the label's own merged range), None if it is blank."""
    at = sheet.find(label)
    if at is None:
        return None
    col = at[1] + 1
    for merged in sheet.ws.merged_cells.ranges:
        if merged.min_row <= at[0] <= merged.max_row and merged.min_col <= at[1] <= merged.max_col:
            col = merged.max_col + 1
    value = sheet.text(at[0], col)
    return None if value in HEAD_LABELS else value


def _funds(sheet: _Sheet, data: dict) -> None:
    header = sheet.find("年初预算数")
    if header is None:
        sheet.problem(None, None, "项目资金", "找不到“年初预算数”表头 / funds header not found")
        return
    columns = {FUND_COLUMNS[v]: c for c in range(1, sheet.max_col + 1)
               if (v := sheet.text(header[0], c)) in FUND_COLUMNS}
    funds: dict[str, dict] = {}
    for r in range(header[0] + 1, header[0] + 6):
        labels = " ".join(sheet.text(r, c) or "" for c in range(1, header[1]))
        for key, label in FUNDS_ROWS:
            if label.replace("其中：", "") in labels and key not in funds:
                line = {field: sheet.number(r, c, f"项目资金.{label}.{field}") for field, c in columns.items()}
                funds[key] = {k: v for k, v in line.items() if v is not None}
                if key == "total":
                    after = [c for c in range(header[1], sheet.max_col + 1) if sheet.text(header[0], c)]
                    heads = {sheet.text(header[0], c): c for c in after}
                    data["execution_weight"] = sheet.number(r, heads.get("分值", 0), "分值") if "分值" in heads else None
                    data["execution_rate"] = sheet.number(r, heads["执行率"], "执行率") if "执行率" in heads else None
                    data["execution_score"] = sheet.number(r, heads["得分"], "得分") if "得分" in heads else None
                break
    data["funds"] = funds


def _goals(sheet: _Sheet, data: dict) -> None:
    expected, actual = sheet.find("预期目标"), sheet.find("实际完成情况")
    if expected:
        data["goal_expected"] = sheet.text(expected[0] + 1, expected[1])
    if actual:
        data["goal_actual"] = sheet.text(actual[0] + 1, actual[1])


def _indicators(sheet: _Sheet, data: dict) -> int:
    header = sheet.find("一级指标")
    if header is None:
        sheet.problem(None, None, "绩效指标", "找不到“一级指标”表头 / indicator header not found")
        return sheet.max_row + 1
    columns = {INDICATOR_FIELDS[v]: c for c in range(1, sheet.max_col + 1)
               if (v := (sheet.text(header[0], c) or "").strip()) in INDICATOR_FIELDS}
    rows, level1, row = [], None, header[0] + 1
    while row <= sheet.max_row and (sheet.text(row, 1) or "").strip() != TOTAL_LABEL:
        values = {f: (sheet.number(row, c, f"{NUMERIC[f]}") if f in NUMERIC else sheet.text(row, c))
                  for f, c in columns.items()}
        if any(v is not None for v in values.values()):
            level1 = values.get("level1") or level1
            values["level1"] = level1
            if values.get("level2") is None:
                sheet.problem(row, columns.get("level2"), "二级指标", "未填二级指标 / level-2 indicator missing")
            rows.append({k: v for k, v in values.items() if v is not None})
        row += 1
    data["indicators"] = rows
    return row


def _tail(sheet: _Sheet, data: dict, total_row: int) -> None:
    if total_row > sheet.max_row:
        sheet.problem(None, None, TOTAL_LABEL, "找不到“总分”行 / total row not found")
        return
    header = sheet.find("一级指标")
    heads = {sheet.text(header[0], c): c for c in range(1, sheet.max_col + 1)} if header else {}
    data["total_weight"] = sheet.number(total_row, heads.get("分值", 6), "总分.分值")
    data["total_score"] = sheet.number(total_row, heads.get("得分", 7), "总分.得分")
    notes = []
    for r in range(total_row + 1, sheet.max_row + 1):
        label = (sheet.text(r, 1) or "").strip()
        if label == NOTE_LABEL and sheet.text(r, 2) is not None:
            notes.append(sheet.text(r, 2))
        elif label == GRADE_LABEL:
            data["grade"] = sheet.text(r, 2)
    data["notes"] = notes


def _year(sheet: _Sheet) -> int | None:
    at = sheet.find("年度）", exact=False) or sheet.find("年度)", exact=False)
    match = re.search(r"(\d{4})", sheet.text(*at) or "") if at else None
    return int(match.group(1)) if match else None


def read_sheet(ws: Worksheet, file: str) -> tuple[ProjectEvaluation | None, list[FormProblem]]:
    sheet = _Sheet(ws, file)
    name = _right_of(sheet, "项目名称")
    if name is None:
        sheet.problem(None, None, "项目名称", "未填项目名称 / project name missing")
        return None, sheet.problems
    data: dict[str, Any] = {"name": name, "year": _year(sheet), "department": _right_of(sheet, "主管部门"),
                            "implementer": _right_of(sheet, "实施单位")}
    _funds(sheet, data)
    _goals(sheet, data)
    _tail(sheet, data, _indicators(sheet, data))
    try:
        project = ProjectEvaluation.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"])
            sheet.problem(None, None, field, f"{error['msg']} / invalid value {error.get('input')!r}")
        return None, sheet.problems
    return project, sheet.problems


def import_form(data: bytes, file: str = "<xlsx>") -> FormImport:
    """Every sheet holding a 自评表 → a project; problems located by file, sheet, cell, field."""
    try:
        check_zip(file, data=data)  # a zip bomb is refused before openpyxl inflates it
        workbook = load_workbook(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one located problem
        return FormImport((), (FormProblem(file, None, "(文件 / file)",
                                           f"不是有效的 XLSX 文件 / not a valid XLSX file: {exc}"),))
    projects, problems = [], []
    for ws in workbook.worksheets:
        try:
            project, found = read_sheet(ws, file)
        except Exception as exc:  # noqa: BLE001 - a malformed sheet is one located problem, the others are read
            project, found = None, [FormProblem(file, field="(表 / sheet)", sheet=ws.title, message=(
                f"无法读取此表 / cannot read the sheet: {type(exc).__name__}: {str(exc)[:200]}"))]
        problems += found
        if project is not None:
            projects.append(project)
    return FormImport(tuple(projects), tuple(problems))
