"""juesuan import: our own XLSX, export-style variants and filled init workbooks → the example's values."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from wb_variants import export_variant

from juesuan.model import iter_table_cells
from juesuan.workbook.importer import import_workbooks

from wb_data import NAMES

FACTS = ("overview", "three_public_details", "operating_costs", "procurement", "assets", "comparisons", "performance")


def _read(tmp_path, data: bytes, name: str = "in.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return import_workbooks([path])


def _cells_equal(got, want) -> tuple[int, int, list]:
    got_cells, want_cells = dict(iter_table_cells(got)), dict(iter_table_cells(want))
    wrong = [(path, value, got_cells.get(path)) for path, value in want_cells.items() if got_cells.get(path) != value]
    extra = sorted(set(got_cells) - set(want_cells))
    return len(want_cells) - len(wrong), len(want_cells), wrong[:5] + extra[:5]


@pytest.mark.parametrize("name", NAMES)
def test_own_xlsx__every_cell_department_and_year(tmp_path, examples, rendered_xlsx, name):
    result = _read(tmp_path, rendered_xlsx[name])
    example = examples[name]
    right, total, wrong = _cells_equal(result.disclosure, example)
    assert (right, wrong) == (total, [])
    assert (result.disclosure.meta.department, result.disclosure.meta.year) == (example.meta.department,
                                                                                example.meta.year)
    assert result.unreadable == [] and all(s.unread == 0 for s in result.sheets)


@pytest.mark.parametrize("name, join", [(NAMES[0], True), (NAMES[1], False)])
def test_export_variant__every_cell_department_and_year(tmp_path, examples, rendered_xlsx, name, join):
    """Sheets renamed and shuffled, preamble, 单位：元, merged heads, 合计 last, codes joined or split."""
    example = examples[name]
    data = export_variant(rendered_xlsx[name], example.meta.department, example.meta.year, join_codes=join)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] != "公开01表" and any(ws.merged_cells.ranges for ws in book.worksheets)
    result = _read(tmp_path, data)
    right, total, wrong = _cells_equal(result.disclosure, example)
    assert (right, wrong) == (total, [])
    assert (result.disclosure.meta.department, result.disclosure.meta.year) == (example.meta.department,
                                                                                example.meta.year)
    assert all("单位为元" in " ".join(s.notes) for s in result.sheets)


@pytest.mark.parametrize("name", NAMES)
def test_filled_init_workbook__equals_the_example(tmp_path, examples, filled, name):
    result = _read(tmp_path, filled[name])
    example = examples[name]
    right, total, wrong = _cells_equal(result.disclosure, example)
    assert (right, wrong) == (total, [])
    assert result.problems == []
    for part in FACTS:
        assert getattr(result.disclosure, part) == getattr(example, part), part
    assert result.disclosure.meta.profile == example.meta.profile


# ---- bad input ----------------------------------------------------------------------------

def _edit(data: bytes, sheet: str, edit) -> bytes:
    book = load_workbook(io.BytesIO(data))
    edit(book[sheet]) if sheet in book.sheetnames else edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _find(ws, text):
    return next(cell for row in ws.iter_rows() for cell in row if cell.value == text)


def test_text_in_a_number_cell__located_and_unknown_not_zero(tmp_path, rendered_xlsx):
    rows = []

    def edit(ws):
        rows.append(_find(ws, "合计").row)
        ws.cell(rows[0], 5).value = "四万五千"  # 本年收入合计 of 公开02

    result = _read(tmp_path, _edit(rendered_xlsx[NAMES[0]], "公开02表", edit))
    problem = next(p for p in result.problems if p.sheet == "公开02表")
    assert problem.cell == f"E{rows[0]}" and "应为数字" in problem.message
    assert result.disclosure.provenance["income.total.total"].kind == "unread"


def test_merged_cell_in_the_data_area__located(tmp_path, rendered_xlsx):
    rows = []

    def edit(ws):
        rows.append(_find(ws, "合计").row + 1)
        ws.merge_cells(start_row=rows[0], start_column=6, end_row=rows[0], end_column=7)

    result = _read(tmp_path, _edit(rendered_xlsx[NAMES[0]], "公开02表", edit))
    assert any(p.sheet == "公开02表" and p.cell == f"G{rows[0]}" and "合并单元格" in p.message for p in result.problems)
    assert result.disclosure.provenance["income.201.higher_level_subsidy"].kind == "unread"


def test_sheet_missing__table_marked_missing_and_reported(tmp_path, rendered_xlsx):
    result = _read(tmp_path, _edit(rendered_xlsx[NAMES[0]], "", lambda book: book.remove(book["公开05表"])))
    assert result.disclosure.tables.general_budget.missing
    assert any("公开05表" in line for line in result.missing)
    assert not result.disclosure.tables.income.missing


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_old_binary_formats__unreadable_with_a_message(tmp_path, suffix):
    path = tmp_path / f"部门决算{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an OLE2 header, as .xls/.et start
    result = import_workbooks([path])
    assert len(result.unreadable) == 1 and "另存为 .xlsx" in result.unreadable[0].message


def test_xlsx_name_on_a_file_that_is_not_one__unreadable(tmp_path):
    path = tmp_path / "改名.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "不是 .xlsx" in import_workbooks([path]).unreadable[0].message


def test_yuan_typed_in_a_wanyuan_table__reported_not_converted(tmp_path, rendered_xlsx, examples):
    def edit(ws):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    cell.value = round(cell.value * 10000)

    result = _read(tmp_path, _edit(rendered_xlsx[NAMES[0]], "公开03表", edit))
    assert any(p.sheet == "公开03表" and "疑似以元填写" in p.message and p.cell for p in result.problems)
    total = examples[NAMES[0]].tables.expenditure.total.total
    assert result.disclosure.tables.expenditure.total.total == total * 10000  # kept as entered
