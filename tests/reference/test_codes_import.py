"""``juesuan codes import/show/list``: user lists take precedence; bad files give located messages."""

from __future__ import annotations

import csv

from openpyxl import Workbook
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.reference.codes import CodeBook, CodeListError, import_edition

runner = CliRunner()

# Rows taken from the Shanghai sample's 公开05 table (printed codes and names), so the imported
# list is real data; 20139 is deliberately absent (not printed in any stored document).
SAMPLE_ROWS = [
    ("201", "一般公共服务支出"), ("20106", "财政事务"), ("2010601", "行政运行"),
    ("2010602", "一般行政管理事务"), ("2010607", "信息化建设"), ("2010608", "财政委托业务支出"),
    ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休"),
]


def write_csv(path, rows, header=("code", "name")):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_codes_import__csv_round_trip_takes_precedence(tmp_path, juesuan_home):
    source = write_csv(tmp_path / "official.csv", SAMPLE_ROWS)
    result = runner.invoke(app, ["codes", "import", str(source), "--year", "2024"])
    assert result.exit_code == 0, result.output
    book = CodeBook.for_year(2024)
    assert book.source == "user" and len(book) == len(SAMPLE_ROWS)
    assert (juesuan_home / "codes" / "function-2024.csv").is_file()
    assert book.get("2010601").parent == "20106" and book.get("2010601").level == 3
    assert book.get("2290402") is None  # the packaged 2024 edition is no longer used for 2024
    assert book.get("2010601").provenance == "USER:official.csv"
    assert CodeBook.for_year(2022).source == "packaged"  # other years keep their edition


def test_codes_import__xlsx_with_level_and_parent_columns(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["科目编码", "科目名称", "级次", "上级编码"])
    for code, name in SAMPLE_ROWS:
        sheet.append([int(code), name, {3: 1, 5: 2, 7: 3}[len(code)], int(code[:-2]) if len(code) > 3 else None])
    workbook.save(tmp_path / "official.xlsx")
    result = runner.invoke(app, ["codes", "import", str(tmp_path / "official.xlsx"), "--year", "2023"])
    assert result.exit_code == 0, result.output
    book = CodeBook.for_year(2023)
    assert (book.source, book.year) == ("user", 2023)
    assert [c.code for c in book.path("2080501")] == ["208", "20805", "2080501"]


def test_codes_import__economic_kind(tmp_path):
    source = write_csv(tmp_path / "econ.csv", [("301", "工资福利支出"), ("30101", "基本工资")])
    result = runner.invoke(app, ["codes", "import", str(source), "--year", "2022", "--kind", "economic"])
    assert result.exit_code == 0, result.output
    assert CodeBook.for_year(2022, "economic").source == "user"
    assert CodeBook.for_year(2022, "function").source == "packaged"


def test_codes_import__reimport_replaces_the_cached_book(tmp_path):
    import_edition(write_csv(tmp_path / "a.csv", SAMPLE_ROWS[:3]), 2024)
    assert len(CodeBook.for_year(2024)) == 3
    import_edition(write_csv(tmp_path / "b.csv", SAMPLE_ROWS), 2024)
    assert len(CodeBook.for_year(2024)) == len(SAMPLE_ROWS)


def test_codes_import__bad_rows_are_located_and_nothing_is_stored(tmp_path, juesuan_home):
    source = write_csv(tmp_path / "bad.csv", [("201", "一般公共服务支出"), ("20x", "坏编码"),
                                              ("20106", ""), ("201", "重复"), ("2020101", "孤儿")])
    result = runner.invoke(app, ["codes", "import", str(source), "--year", "2024"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{source}:3: code:" in result.output and "20x" in result.output
    assert f"{source}:4: name:" in result.output
    assert f"{source}:5: code:" in result.output and "重复" in result.output
    assert f"{source}:6: parent:" in result.output and "20201" in result.output
    assert not (juesuan_home / "codes" / "function-2024.csv").exists()


def test_codes_import__missing_header_column(tmp_path):
    source = write_csv(tmp_path / "h.csv", [("201", "x")], header=("编号", "名字"))
    result = runner.invoke(app, ["codes", "import", str(source), "--year", "2024"])
    assert result.exit_code == 2
    assert f"{source}:1: header:" in result.output and "code" in result.output


def test_codes_import__level_contradicting_code(tmp_path):
    source = write_csv(tmp_path / "l.csv", [("201", "一般公共服务支出", "2")], header=("code", "name", "level"))
    try:
        import_edition(source, 2024)
    except CodeListError as exc:
        assert [(p.line, p.field) for p in exc.problems] == [(2, "level")]
    else:
        raise AssertionError("level 2 for a 3-digit code must be refused")


def test_codes_import__gbk_csv_is_read(tmp_path):
    source = tmp_path / "gbk.csv"
    source.write_bytes("code,name\n201,一般公共服务支出\n".encode("gbk"))
    assert CodeBook.for_year(2024).source == "packaged"
    import_edition(source, 2024)
    assert CodeBook.for_year(2024).get("201").name == "一般公共服务支出"


def test_codes_import__missing_and_broken_files(tmp_path):
    result = runner.invoke(app, ["codes", "import", str(tmp_path / "none.csv"), "--year", "2024"])
    assert result.exit_code == 2 and "文件不存在 / file not found" in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(app, ["codes", "import", str(broken), "--year", "2024"])
    assert result.exit_code == 2 and "XLSX" in result.output and "Traceback" not in result.output
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["codes", "import", str(empty), "--year", "2024"])
    assert result.exit_code == 2 and "文件为空" in result.output


def test_codes_show__prints_the_path():
    result = runner.invoke(app, ["codes", "show", "2060404", "--year", "2022"])
    assert result.exit_code == 0
    assert "科学技术支出" in result.output and "科技成果转化与扩散" in result.output


def test_codes_show__unknown_code_exits_1_with_message():
    result = runner.invoke(app, ["codes", "show", "2069998", "--year", "2022"])
    assert result.exit_code == 1 and "2069998" in result.output


def test_codes_list__level_1_of_2024_has_30_classes():
    result = runner.invoke(app, ["codes", "list", "--year", "2024", "--level", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.output.count("│ 类") == 30


def test_codes_import__xlsx_title_line_above_the_header(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2024年政府收支分类科目（支出功能分类）"])
    sheet.append([])
    sheet.append(["科目编码", "科目名称"])
    for code, name in SAMPLE_ROWS:
        sheet.append([code, name])
    workbook.save(tmp_path / "titled.xlsx")
    edition = import_edition(tmp_path / "titled.xlsx", 2024)
    assert edition.source == "user"
    assert CodeBook.for_year(2024).get("2010608").name == "财政委托业务支出"


def test_codes_import__xlsx_problem_names_the_spreadsheet_row(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2024年政府收支分类科目"])
    sheet.append([])
    sheet.append(["code", "name"])
    sheet.append(["201", "一般公共服务支出"])
    sheet.append(["20x", "坏编码"])
    workbook.save(tmp_path / "bad.xlsx")
    result = runner.invoke(app, ["codes", "import", str(tmp_path / "bad.xlsx"), "--year", "2024"])
    assert result.exit_code == 2
    assert f"{tmp_path / 'bad.xlsx'}:5: code:" in result.output
