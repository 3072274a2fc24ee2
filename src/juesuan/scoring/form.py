"""The 项目支出绩效自评表 as an XLSX form (MOF 附件1 layout), one sheet per project.

``export_form(projects, policy) -> bytes``: merged cells as in the official form, pre-filled
with the printed values; columns J–L (outside the form) carry the engine's suggested score,
the allowed range and the explanation, and the 偏差原因 cell is highlighted where a reason is
required. ``form_import.import_form`` reads a filled form back. Bytes in, bytes out: only the
CLI touches files.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from ..model.performance import FundsLine, ProjectEvaluation
from .policies import Policy, load_policy
from .project import ProjectScore, score_project

TITLE = "项目支出绩效自评表"
FUNDS_HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUNDS_ROWS = (("total", "年度资金总额"), ("current_appropriation", "其中：当年财政拨款"),
              ("carryover", "上年结转资金"), ("other", "其他资金"))
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
HELPER_HEADER = ("建议得分（系统计算）", "允许范围", "计算说明")
NOTE_LABEL, GRADE_LABEL, TOTAL_LABEL = "备注", "等级", "总分"
PERCENT_FORMAT = '0.00"%"'

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_REASON_FILL = PatternFill("solid", fgColor="FFF2CC")
_HELPER_FILL = PatternFill("solid", fgColor="E2EFDA")


def _text(ws: Worksheet, ref: str, value: str | None) -> None:
    """Write text as text: a target like "=1 人" must not become a formula."""
    if value is None:
        return
    cell = ws[ref]
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"


def _number(ws: Worksheet, ref: str, value: Decimal | None, fmt: str | None = None) -> None:
    if value is None:
        return
    ws[ref].value = value
    if fmt:
        ws[ref].number_format = fmt


def _merge(ws: Worksheet, ref: str, value: str | None = None) -> None:
    ws.merge_cells(ref)
    _text(ws, ref.split(":")[0], value)


def _funds(ws: Worksheet, row: int, key: str, label: str, line: FundsLine) -> None:
    _text(ws, f"B{row}", label)
    for column, value in zip("CDE", (line.initial_budget, line.full_year_budget, line.execution)):
        _number(ws, f"{column}{row}", value)


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "项目"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:26]}_{n}", n + 1
    used.add(title)
    return title


def _group_merges(ws: Worksheet, column: str, start: int, keys: list[tuple], labels: list[str]) -> None:
    """Merge runs of equal labels (一级指标 / 二级指标) as the official form prints them."""
    run = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[run]:
            if i - run > 1:
                ws.merge_cells(f"{column}{start + run}:{column}{start + i - 1}")
            _text(ws, f"{column}{start + run}", labels[run])
            run = i


def write_sheet(ws: Worksheet, score: ProjectScore, fill: bool = False) -> None:
    """One 自评表; with ``fill`` the empty 执行率/得分/总分 cells get the engine's values."""
    p = score.project
    _merge(ws, "A1:H1", TITLE)
    _merge(ws, "A2:H2", f"（{p.year}年度）" if p.year is not None else "（年度）")
    _text(ws, "A3", "项目名称"), _merge(ws, "B3:H3", p.name)
    _text(ws, "A4", "主管部门"), _merge(ws, "B4:D4", p.department)
    _text(ws, "E4", "实施单位"), _merge(ws, "F4:H4", p.implementer)
    _merge(ws, "A5:A9", "项目资金（万元）")
    for column, label in zip("CDEFGH", FUNDS_HEADER):
        _text(ws, f"{column}5", label)
    for offset, (key, label) in enumerate(FUNDS_ROWS):
        _funds(ws, 6 + offset, key, label, getattr(p.funds, key))
        if offset:
            for column in "FGH":
                _text(ws, f"{column}{6 + offset}", "—")
    rate = p.execution_rate if p.execution_rate is not None or not fill else score.execution_rate
    _number(ws, "F6", p.execution_weight), _number(ws, "G6", rate, PERCENT_FORMAT)
    _number(ws, "H6", p.execution_score if p.execution_score is not None or not fill else score.execution_score)
    _number(ws, "J6", score.execution_score), _text(ws, "L6", score.execution_explanation)
    _merge(ws, "A10:A11", "年度总体目标"), _merge(ws, "B10:E10", "预期目标"), _merge(ws, "F10:H10", "实际完成情况")
    _merge(ws, "B11:E11", p.goal_expected), _merge(ws, "F11:H11", p.goal_actual)
    for column, label in zip("ABCDEFGH", INDICATOR_HEADER):
        _text(ws, f"{column}12", label)
    for column, label in zip("JKL", HELPER_HEADER):
        _text(ws, f"{column}12", label)
        ws[f"{column}12"].fill = _HELPER_FILL
    first = 13
    for i, s in enumerate(score.indicators):
        r, ind = first + i, s.indicator
        _text(ws, f"C{r}", ind.name), _text(ws, f"D{r}", ind.target), _text(ws, f"E{r}", ind.actual)
        value = ind.score if ind.score is not None or not fill else s.suggested
        _number(ws, f"F{r}", ind.weight), _number(ws, f"G{r}", value), _text(ws, f"H{r}", ind.deviation_reason)
        if s.status != "placeholder":
            _number(ws, f"J{r}", s.suggested if s.suggested is not None else s.recomputed)
            if s.low is not None:
                _text(ws, f"K{r}", f"[{s.low}, {s.high}{']' if s.high_inclusive else ')'}")
            _text(ws, f"L{r}", s.explanation)
        if any(issue.code == "reason-required" for issue in s.issues) or (
                ind.weight is not None and ind.score is not None and ind.score < ind.weight):
            ws[f"H{r}"].fill = _REASON_FILL
    rows = [s.indicator for s in score.indicators]
    _group_merges(ws, "A", first, [(r.level1,) for r in rows], [r.level1 for r in rows])
    _group_merges(ws, "B", first, [(r.level1, r.level2) for r in rows], [r.level2 for r in rows])
    total = first + len(rows)
    _text(ws, f"A{total}", TOTAL_LABEL), ws.merge_cells(f"B{total}:E{total}")
    filled_total = p.total_score if p.total_score is not None or not fill else score.recomputed_total
    _number(ws, f"F{total}", p.total_weight), _number(ws, f"G{total}", filled_total)
    _number(ws, f"J{total}", score.recomputed_total)
    for r in range(1, total + 1):
        for column in "ABCDEFGH":
            ws[f"{column}{r}"].border = _BORDER
            ws[f"{column}{r}"].alignment = _CENTER if r <= 12 or column in "ABFG" else _WRAP
    ws["A1"].font = Font(bold=True, size=14)
    extra = total + 2
    if p.grade is not None:
        _text(ws, f"A{extra}", GRADE_LABEL), _text(ws, f"B{extra}", p.grade)
        extra += 1
    for note in p.notes:
        _text(ws, f"A{extra}", NOTE_LABEL), _merge(ws, f"B{extra}:H{extra}", note)
        extra += 1
    for column, width in zip("ABCDEFGHIJKL", (12, 14, 30, 16, 16, 8, 8, 40, 2, 12, 14, 50)):
        ws.column_dimensions[column].width = width


def export_form(projects: Sequence[ProjectEvaluation], policy: Policy | str = "urumqi-2022",
                fill: bool = False) -> bytes:
    """An XLSX workbook, one pre-filled 自评表 per project (``fill``: computed scores in empty cells)."""
    policy = load_policy(policy) if isinstance(policy, str) else policy
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for project in projects:
        write_sheet(workbook.create_sheet(_sheet_title(project.name, used)), score_project(project, policy), fill)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
