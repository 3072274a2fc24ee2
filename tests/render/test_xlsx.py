from collections import Counter
from decimal import Decimal

import openpyxl
from readback import amount_values, xlsx_values


def test_render_xlsx__every_amount_is_a_number_equal_to_the_model(built, grids):
    values = Counter(Decimal(str(v)).quantize(Decimal("0.01")) for v in xlsx_values(built("xlsx"))
                     if isinstance(v, (int, float)))
    expected = Counter(v.quantize(Decimal("0.01")) for v in amount_values(grids) if v is not None)
    missing = {v: n for v, n in expected.items() if values[v] < n}
    assert not missing


def test_render_xlsx__one_sheet_per_table_with_number_format(built, grids):
    book = openpyxl.load_workbook(str(built("xlsx")))
    assert len(book.sheetnames) == len(grids)
    assert book.sheetnames[0] == "公开01表"
    sheet = book["公开01表"]
    amounts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert amounts and all(c.number_format.startswith("#,##0.00") for c in amounts)
    assert sheet["A1"].value == next(g for g in grids if g.key == "summary").title


def test_render_xlsx__frozen_repeated_headers_and_a4_print_setup(built, grids):
    book = openpyxl.load_workbook(str(built("xlsx")))
    sheet = book["公开02表"]
    header_rows = len(next(g for g in grids if g.key == "income").header)
    first = 4  # title, 编制单位 and 年度, unit line, then the header
    assert sheet.freeze_panes == f"A{first + header_rows}"
    assert sheet.print_title_rows == f"${first}:${first + header_rows - 1}"
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "landscape"
    setup = sheet.page_setup  # fit to one page wide (fitToWidth 1 is the default), any height
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A4:D4" in merged  # 项目 over the code and name columns


def test_render_xlsx__wrapped_merged_text_gets_a_row_height(built, disclosure):
    if not disclosure.performance.projects:
        return
    book = openpyxl.load_workbook(str(built("xlsx")))
    sheet = book["自评表1"]
    goal_row = next(r for r in range(1, sheet.max_row + 1) if (sheet.cell(r, 1).value or "").replace("\n", "") == "年度总体目标") + 1
    text = sheet.cell(goal_row, 2).value or ""
    if len(text) > 40:  # wraps in four merged columns
        assert sheet.row_dimensions[goal_row].height and sheet.row_dimensions[goal_row].height > 15
