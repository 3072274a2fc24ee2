"""``juesuan init``: the fill-in workbook (XLSX, Chinese) for one department and year.

The nine 公开表 are drawn from the same grids the XLSX renderer prints (``render.layout``),
with their amounts left blank and room for the 功能分类/经济分类 rows; the other inputs come
from ``fields.FIELD_SHEETS``; the 自评表 is the scoring module's own form. Labels and heads
are locked (sheet protection without a password), input cells are open, amounts carry a
decimal data validation. Bytes out: only the CLI touches files.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Disclosure, Meta, describe
from ..model.performance import ProjectEvaluation
from ..render.cells import Grid, placed
from ..render.layout import LayoutOptions, grid_for, table_keys
from ..reference.fields import COMPARISON_COLUMNS, COMPARISON_SHEET, FIELD_SHEETS, FieldSheet, kind_of
from .sheets import INSTRUCTION

BLANK_ROWS = 60
"""Open rows under each coded table (the seed department prints 38 in 公开02)."""
COMPARISON_ITEMS = (
    "summary.income.grand_total", "summary.expenditure.grand_total", "fiscal_summary.income.grand_total",
    "fiscal_summary.expenditure.grand_total.total", "general_budget.total.total",
    "three_public.final.total", "three_public.final.overseas", "three_public.final.vehicle_total",
    "three_public.final.vehicle_purchase", "three_public.final.vehicle_operation", "three_public.final.reception",
    "government_fund.total.income", "government_fund.total.expenditure", "operating_costs.amount",
)
"""Rows the 上年数 sheet starts with: the items every profile's 情况说明 compares with the prior year."""
COMPARISON_BLANK_ROWS = 30
FIELD_HEAD = ("项目", "填写内容", "必填", "说明", "字段（YAML，勿改）")
COMPARISON_HEAD = ("项目", "字段或科目编码（勿改已有行）", *(text for _, text in COMPARISON_COLUMNS))

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="F2F2F2")
_INPUT = PatternFill("solid", fgColor="FFF9E6")
_REQUIRED = PatternFill("solid", fgColor="FCE4D6")
_OPEN = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _amount_validation(ws: Worksheet) -> DataValidation:
    check = DataValidation(type="decimal", operator="between", formula1="-1E+12", formula2="1E+12",
                           allow_blank=True, showErrorMessage=True, errorTitle="应为数字",
                           error="请填写数字（万元，两位小数），不要填写文字或单位")
    ws.add_data_validation(check)
    return check


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True  # no password: labels are guarded against slips, not against the owner
    ws.protection.formatColumns = ws.protection.formatRows = False
    ws.protection.insertRows = False


def _instructions(ws: Worksheet, row: int, lines: list[str], width: int) -> int:
    for text in lines:
        ws.cell(row, 1, f"{INSTRUCTION}：{text}").alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 1))
        ws.row_dimensions[row].height = 30
        row += 1
    return row


def _write_rows(ws: Worksheet, grid: Grid, rows, top: int, head: bool, check: DataValidation) -> None:
    for r, c, cell in placed(rows, grid.columns):
        target = ws.cell(top + r, c + 1)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=top + r, start_column=c + 1,
                           end_row=top + r + cell.rowspan - 1, end_column=c + cell.colspan)
        if isinstance(cell.value, Decimal):
            target.value = None  # an amount to enter
            target.protection, target.fill, target.number_format = _OPEN, _INPUT, "#,##0.00"
            check.add(target.coordinate)
        else:
            target.value = cell.value
        target.border = _BORDER
        target.alignment = _CENTER if head else _WRAP
        if head:
            target.fill, target.font = _HEAD, Font(bold=True)


def _blank_rows(ws: Worksheet, top: int, count: int, columns: int, check: DataValidation) -> None:
    for row in range(top, top + count):
        for col in range(1, columns + 1):
            cell = ws.cell(row, col)
            cell.border, cell.protection, cell.fill = _BORDER, _OPEN, _INPUT
        check.add(f"A{row}:{get_column_letter(columns)}{row}")


TABLE_HELP = {
    "coded": "在空行中逐行填写科目编码（类、款、项分栏）、科目名称和金额；合计行填写表中印刷的合计。空白金额按 0 处理。",
    "economic": "在空行中逐行填写经济分类科目编码（类、款）、科目名称和决算数；左栏为工资福利支出（301）和对个人和家庭的补助（303），"
                "右栏为其他类；最后一行填写人员经费合计与公用经费合计。",
    "sides": "只填写金额（万元）；项目名称已按模板列出，请勿修改。没有的项目留空即为 0。",
}
KIND = {"summary": "sides", "fiscal_summary": "sides", "three_public": "sides", "basic_expenditure": "economic"}


def table_sheet(ws: Worksheet, disclosure: Disclosure, key: str, options: LayoutOptions) -> None:
    grid = grid_for(disclosure, key, options)
    check = _amount_validation(ws)
    kind = KIND.get(key, "coded")
    lines = [f"{grid.code} {grid.title}。" + TABLE_HELP[kind] + "若财务软件已导出本表，可直接导入导出文件（juesuan import）。"]
    ws.cell(1, 1, grid.title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.columns)
    row = _instructions(ws, 2, lines, grid.columns)
    ws.cell(row, 1, f"编制单位：{disclosure.meta.department}")
    ws.cell(row, grid.columns, grid.unit or "单位：万元").alignment = Alignment(horizontal="right")
    top = row + 1
    _write_rows(ws, grid, grid.header, top, True, check)
    body_top = top + len(grid.header)
    body = grid.body
    if kind in ("coded", "economic"):
        before = kind == "economic" or options.general_budget_total_last and key == "general_budget"
        if before:
            _blank_rows(ws, body_top, BLANK_ROWS, grid.columns, check)
            _write_rows(ws, grid, body, body_top + BLANK_ROWS, False, check)
        else:
            _write_rows(ws, grid, body, body_top, False, check)
            _blank_rows(ws, body_top + len(body), BLANK_ROWS, grid.columns, check)
    else:
        _write_rows(ws, grid, body, body_top, False, check)
    unit = sum(grid.widths)
    for col, width in enumerate(grid.widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = (165 if grid.landscape else 110) * width / unit
    ws.freeze_panes = ws.cell(body_top, 1)
    _protect(ws)


def field_sheet(ws: Worksheet, sheet: FieldSheet, meta: Meta) -> None:
    ws.cell(1, 1, sheet.title).font = Font(bold=True, size=14)
    ws.merge_cells("A1:E1")
    row = _instructions(ws, 2, ["在“填写内容”列填写；标为“必填”的项目在情况说明中使用，缺少时审核列为“待补充”，"
                                "正式生成被拒绝。金额单位见项目名称；日期写作 YYYY-MM-DD；多项内容每行一项。"], 5)
    for col, text in enumerate(FIELD_HEAD, start=1):
        cell = ws.cell(row, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), _HEAD, _BORDER, _CENTER
    presets = {"meta.department": meta.department, "meta.year": meta.year, "meta.profile": meta.profile}
    check = _amount_validation(ws)
    for field in sheet.fields:
        row += 1
        values = (field.label, presets.get(field.path), "必填" if field.required else "", field.help, field.path)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.border, cell.alignment = _BORDER, _WRAP
        entry = ws.cell(row, 2)
        entry.protection, entry.fill = _OPEN, _REQUIRED if field.required else _INPUT
        if kind_of(field.path) in ("money", "number", "int"):
            check.add(entry.coordinate)
        ws.cell(row, 5).font = Font(color="808080", size=9)
    for col, width in zip("ABCDE", (34, 48, 6, 36, 40)):
        ws.column_dimensions[col].width = width
    _protect(ws)


def comparison_sheet(ws: Worksheet, items: tuple[str, ...]) -> None:
    width = len(COMPARISON_HEAD)
    ws.cell(1, 1, "上年数和主要原因").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    row = _instructions(ws, 2, [
        "情况说明把本年数与上年数、年初预算数比较，并说明增减的主要原因。每行一个项目：已列出的行请勿改“字段”；"
        "其他项目（如一般公共预算财政拨款支出的各个项）在空行“字段”列填写 7 位科目编码或字段路径。",
        "增减率在 10% 以内的可不写原因；上年数未知时留空（不要填 0：上年数未知与上年为 0 不同）。"], width)
    for col, text in enumerate(COMPARISON_HEAD, start=1):
        cell = ws.cell(row, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), _HEAD, _BORDER, _CENTER
    check = _amount_validation(ws)
    for item in (*items, *([None] * COMPARISON_BLANK_ROWS)):
        row += 1
        ws.cell(row, 1, describe(item) if item else None)
        ws.cell(row, 2, item)
        for col in range(1, width + 1):
            cell = ws.cell(row, col)
            cell.border, cell.alignment = _BORDER, _WRAP
            if col > 2 or item is None:
                cell.protection, cell.fill = _OPEN, _INPUT
        for col, (name, _) in enumerate(COMPARISON_COLUMNS, start=3):
            if name in ("prior_year", "initial_budget", "full_year_budget"):
                check.add(ws.cell(row, col).coordinate)
    for col, width_ in zip("ABCDEFGH", (40, 34, 14, 40, 14, 14, 40, 30)):
        ws.column_dimensions[col].width = width_
    _protect(ws)


def guide_sheet(ws: Worksheet, meta: Meta, names: list[str]) -> None:
    lines = [
        f"{meta.department} {meta.year}年度部门决算公开 填报工作簿（模板 {meta.profile}）",
        "",
        "1. 公开01表至公开09表：按财务软件中的决算数填写金额（万元，两位小数）；也可直接导入财务软件导出的九张表。",
        "2. 单位概况、三公经费情况、机关运行经费、政府采购、国有资产、绩效情况：在“填写内容”列填写，“必填”项不能空。",
        "3. 上年数和主要原因：填写上年决算数、预算数和增减变化的主要原因。",
        "4. 项目支出绩效自评表：每个项目一张表，复制“自评表”工作表填写。",
        "5. 填好后运行：juesuan import 本工作簿.xlsx -o 部门.yaml；juesuan check 部门.yaml；juesuan build 部门.yaml。",
        "灰色为表头和项目名称（已保护，无密码）；浅黄色为填写区；橙色为必填项。",
        "",
        "工作表：" + "、".join(names),
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row, 1, text).alignment = Alignment(wrap_text=False)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120


def init_workbook(department: str, year: int, profile: str) -> bytes:
    """The fill-in workbook for a department, a year and a template profile."""
    from ..scoring.form import write_sheet
    from ..scoring.policies import policy_for_profile
    from ..scoring.project import score_project

    meta = Meta(department=department, year=year, profile=profile)
    disclosure = Disclosure(meta=meta)
    options = LayoutOptions.for_disclosure(disclosure)
    book = Workbook()
    guide = book.active
    guide.title = "填写说明"
    for key in table_keys():
        table_sheet(book.create_sheet(grid_for(disclosure, key, options).code), disclosure, key, options)
    for sheet in FIELD_SHEETS:
        field_sheet(book.create_sheet(sheet.name), sheet, meta)
    comparison_sheet(book.create_sheet(COMPARISON_SHEET), COMPARISON_ITEMS)
    blank = ProjectEvaluation(name="", department=department, year=year)
    write_sheet(book.create_sheet("自评表"), score_project(blank, policy_for_profile(profile)))
    guide_sheet(guide, meta, book.sheetnames[1:])
    book.properties.title = f"{department}{year}年度部门决算公开 填报工作簿"
    book.properties.creator = "juesuan init"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
