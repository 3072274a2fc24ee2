"""Regression tests for each reader failure of issue 12: a located problem, never a traceback or a hang.

The inputs are mutations of our own outputs (tests/fuzz/corpus) built by ``hostile``; bombs are kept
small here by lowering the limits through ``JUESUAN_LIMIT_*`` (the campaign, bench/fuzz.py, uses the
reported sizes: a 200 MB shared string, a 1 GB content stream, gridSpan=100000, 200,000 text items).
"""

import time

import pytest

from juesuan.ingest import read

from . import hostile


def read_bytes(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    started = time.process_time()
    disclosure, report = read(path, ocr=False)
    assert time.process_time() - started < 20
    return disclosure, report, path


def only_problem(report, path) -> str:
    [problem] = report.problems
    assert problem.file == str(path)
    return problem.message


def test_docx__vertical_merge_in_first_row_is_read_in_order_and_reported(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "v.docx", hostile.docx_first_row_vertical_merge())
    assert disclosure is not None and report.tables_found
    assert any("table 1, row 1" in p.message and "merged cells" in p.message for p in report.problems)


@pytest.mark.parametrize("span, expected", [("x", "gridSpan is not a number"), ("100000", "100008 columns > 512")])
def test_docx__bad_or_huge_grid_span_is_refused_before_expansion(tmp_path, span, expected):
    disclosure, report, path = read_bytes(tmp_path, "s.docx", hostile.docx_grid_span(span))
    message = only_problem(report, path)
    assert disclosure is None and "table 1, row 1" in message and expected in message


def test_docx__main_part_not_a_document_is_located(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "n.docx", hostile.docx_main_part_not_a_document())
    assert disclosure is None and "cannot read Word (DOCX)" in only_problem(report, path)


def test_docx__part_over_the_unpacked_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_UNPACKED_BYTES", str(1 << 20))
    disclosure, report, path = read_bytes(tmp_path, "b.docx", hostile.docx_part_bomb(2 << 20))
    message = only_problem(report, path)
    assert disclosure is None and "word/media/bomb.xml" in message and "JUESUAN_LIMIT_UNPACKED_BYTES" in message


def test_docx__part_over_the_ratio_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_RATIO_FLOOR_BYTES", str(1 << 20))
    disclosure, report, path = read_bytes(tmp_path, "r.docx", hostile.docx_part_bomb(3 << 20))
    assert disclosure is None and "compression ratio" in only_problem(report, path)


def test_xlsx__malformed_sheet_xml_names_sheet_and_row(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "m.xlsx", hostile.xlsx_malformed_sheet())
    message = only_problem(report, path)
    assert disclosure is None and "[公开01表]" in message and "cannot read Excel (XLSX)" in message


def test_xlsx__bad_numeric_cell_names_sheet_and_row(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "n.xlsx", hostile.xlsx_bad_numeric_cell())
    message = only_problem(report, path)
    assert disclosure is None and "[公开01表]" in message and "12,3x" in message


@pytest.mark.parametrize("number", [b"1e15", b"1000000000000000", b"0", b"-3", b"1048577"])
def test_xlsx__row_number_beyond_excel_is_refused_before_openpyxl_pads_to_it(tmp_path, number):
    disclosure, report, path = read_bytes(tmp_path, "r.xlsx", hostile.xlsx_row_number(number))
    assert disclosure is None and "row number" in only_problem(report, path) and "[" in only_problem(report, path)


def test_xlsx__row_numbers_within_excel_are_read(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "r.xlsx", hostile.xlsx_row_number(b"1048576"))
    assert disclosure is not None


def test_xlsx__swapped_parts_never_raise(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "s.xlsx", hostile.xlsx_swapped_parts())
    assert disclosure is None and report.problems


def test_xlsx__huge_shared_string_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_UNPACKED_BYTES", str(1 << 20))
    disclosure, report, path = read_bytes(tmp_path, "s.xlsx", hostile.xlsx_shared_string(2 << 20))
    message = only_problem(report, path)
    assert disclosure is None and "xl/sharedStrings.xml" in message


def test_xlsx__long_cell_text_is_cut_and_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_STRING_CHARS", "1000")
    disclosure, report, path = read_bytes(tmp_path, "t.xlsx", hostile.xlsx_shared_string(5000))
    assert any("cut (JUESUAN_LIMIT_STRING_CHARS)" in p.message for p in report.problems)


def test_pdf__page_of_200000_text_items_is_reported_not_read():
    # written from scratch, 6 KB; pdfium alone counts the items (about a second)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        disclosure, report, path = read_bytes(Path(folder), "i.pdf", hostile.pdf_text_items(200_000))
        assert any("第 1 页无法读取" in p.message and "200000 text items" in p.message for p in report.problems)


def test_pdf__content_stream_over_the_limit_is_refused_before_pdfium(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_STREAM_BYTES", str(4 << 20))
    disclosure, report, path = read_bytes(tmp_path, "b.pdf", hostile.pdf_stream_bomb(8 << 20))
    message = only_problem(report, path)
    assert disclosure is None and "JUESUAN_LIMIT_STREAM_BYTES" in message


def test_pdf__stream_under_the_limit_is_read(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "ok.pdf", hostile.pdf_stream_bomb(1 << 20))
    assert not any("JUESUAN_LIMIT" in p.message for p in report.problems)


def test_any__file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_FILE_BYTES", "1000")
    disclosure, report, path = read_bytes(tmp_path, "big.xlsx", hostile.XLSX.read_bytes())
    assert disclosure is None and "JUESUAN_LIMIT_FILE_BYTES" in only_problem(report, path)


def test_csv__field_over_csv_limit_is_located(tmp_path):
    import csv

    previous = csv.field_size_limit(131_072)  # process-wide: other code may have raised it
    try:
        disclosure, report, path = read_bytes(tmp_path, "f.csv", b'a,"' + b"x" * 200_000 + b'"\n')
    finally:
        csv.field_size_limit(previous)
    assert disclosure is None and "cannot read CSV" in only_problem(report, path)


@pytest.mark.parametrize("name", ["dump.txt", "dump.csv"])
def test_text__beyond_the_text_limit_is_reported_not_dropped_silently(tmp_path, monkeypatch, name):
    monkeypatch.setenv("JUESUAN_LIMIT_TEXT_BYTES", "2000")
    row = "一般公共服务支出\t1.00\t2.00\n" if name.endswith(".txt") else "一般公共服务支出,1.00,2.00\n"
    disclosure, report, path = read_bytes(tmp_path, name, row.encode() * 200)
    assert any("JUESUAN_LIMIT_TEXT_BYTES" in p.message and "2000" in p.message for p in report.problems)


def test_limits__every_limit_is_documented_with_its_default():
    from dataclasses import fields
    from pathlib import Path

    from juesuan.limits import Limits

    doc = (Path(__file__).parents[2] / "docs" / "limits.md").read_text(encoding="utf-8")
    for item in fields(Limits):
        row = next((line for line in doc.splitlines() if line.startswith(f"| {item.name} |")), None)
        assert row is not None, item.name
        default = item.default
        shown = f"{default >> 20} MiB" if default >= 1 << 20 and default % (1 << 20) == 0 else f"{default:,}"
        assert f"| {shown} |" in row and f"JUESUAN_LIMIT_{item.name.upper()}" in row, row


def test_limits__environment_overrides_the_default(monkeypatch):
    from juesuan.limits import current

    monkeypatch.setenv("JUESUAN_LIMIT_PAGES", "7")
    assert current().pages == 7


def test_xlsx__cells_in_the_last_column_are_reported_not_padded_to(tmp_path):
    disclosure, report, path = read_bytes(tmp_path, "w.xlsx", hostile.xlsx_far_column(rows=30))
    assert disclosure is not None and report.tables_found
    assert any("[公开01表]" in p.message and "of 16384 columns read" in p.message for p in report.problems)


@pytest.mark.parametrize("printed", ["1" + "0" * 45, "9" * 5000, "123456789012345678901234567890123456789.99"])
def test_numbers__amount_beyond_the_limits_is_no_amount(printed):
    from juesuan.ingest.numbers import parse_amount

    assert parse_amount(printed) is None and parse_amount("-" + printed) is None


def test_numbers__largest_amount_within_the_limits_is_read():
    from decimal import Decimal

    from juesuan.ingest.numbers import parse_amount

    assert parse_amount("999,999,999,999,999.99") == Decimal("999999999999999.99")
