"""公开04's labels wrapped inside their cells (portrait pages): rejoined in text without positions
(ingest/wrapped.py) and, for a 类 whose amounts print with the start of its name, in any shape
(twosided._expense_line). Hand-made lines in the shapes our portrait PDFs give."""

from decimal import Decimal as D
from pathlib import Path

from juesuan.ingest import read
from juesuan.ingest.pages import Cell, Row
from juesuan.ingest.wrapped import join, lines


def _rows(text: str) -> list[Row]:
    return [Row((Cell(line, 0, 1),), 1, n) for n, line in enumerate(text.splitlines(), 1)]


def test_lines__pdfplumber_gives_each_wrapped_label_its_tail_from_the_line_below():
    got = lines(_rows("一、一般公共预算财 10.80 一、一般公共服务支 6.80 6.80\n政拨款 出\n"
                      "二、政府性基金预算 30.00 二、外交支出\n财政拨款"))
    assert [tokens for _, tokens, _ in got] == [
        ["一、一般公共预算财政拨款", "10.80", "一、一般公共服务支出", "6.80", "6.80"],
        ["二、政府性基金预算财政拨款", "30.00", "二、外交支出"]]  # 外交支出 is whole: the tail is the other's


def test_lines__a_viewer_copy_runs_on_after_a_wrapped_cell_to_its_amounts():
    got = lines(_rows("一、一般公共预算财\n政拨款\n10.80 一、一般公共服务支\n出\n6.80 6.80\n"
                      "三、国有资本经营预\n算财政拨款\n三、国防支出"))
    assert [tokens for _, tokens, _ in got] == [
        ["一、一般公共预算财政拨款", "10.80", "一、一般公共服务支出", "6.80", "6.80"],
        ["三、国有资本经营预算财政拨款"], ["三、国防支出"]]  # a line starting with words is a line of its own
    _, _, span = got[0]
    assert [(row.line, count) for row, count in span] == [(1, 0), (2, 0), (3, 1), (4, 0), (5, 2)]


def test_join__a_tail_that_could_end_either_label_joins_none():
    assert join(["年初财政拨款结转和", "年末财政拨款结转和"], ["结余"]) is None
    assert join(["年初财政拨款结转和", "年末财政拨款结转和"], ["结余", "结余"]) == (0, 1)
    assert join(["一般公共预算财政拨款", "一般公共服务支"], ["出"]) == (1,)
    # words that make no label the table prints are no tail: the line stays as it was
    got = lines(_rows("七、文化旅游体育与\n附注文字"))
    assert [tokens for _, tokens, _ in got] == [["七、文化旅游体育与"], ["附注文字"]]


HEADER = """财政拨款收入支出决算总表
单位：万元
收入 支出
"""
TAIL = """本年收入合计 40.80 本年支出合计 40.80 10.80 30.00
总计 40.80 总计 40.80 10.80 30.00
"""
VIEWER = HEADER + """项目 决算数 项目 合计 一般公共预算财政拨
款
政府性基金预算财政
拨款
国有资本经营预算财
政拨款
一、一般公共预算财
政拨款
10.80 一、一般公共服务支
出
6.80 6.80
二、政府性基金预算
财政拨款
30.00 二、外交支出
三、国有资本经营预
算财政拨款
三、国防支出
八、社会保障和就业
支出
4.00 4.00
二十三、其他支出 30.00 30.00
""" + TAIL
PDFPLUMBER = HEADER + """项目 决算数 项目 合计 一般公共预算财政拨 政府性基金预算财政 国有资本经营预算财
款 拨款 政拨款
一、一般公共预算财 10.80 一、一般公共服务支 6.80 6.80
政拨款 出
二、政府性基金预算 30.00 二、外交支出
财政拨款
三、国有资本经营预 三、国防支出
算财政拨款
八、社会保障和就业 4.00 4.00
支出
— 11 —
二十三、其他支出 30.00 30.00
""" + TAIL
GRID = HEADER.replace("收入 支出", "收入\t\t支出\t\t\t\t") + """项目\t决算数\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款
一、一般公共预算财政拨款\t10.80\t一、一般公共服务支出\t6.80\t6.80\t\t
二、政府性基金预算财政拨款\t30.00\t二、外交支出\t\t\t\t
\t\t八、社会保障和就业\t4.00\t4.00\t\t
\t\t支出\t\t\t\t
\t\t二十三、其他支出\t30.00\t\t30.00\t
本年收入合计\t40.80\t本年支出合计\t40.80\t10.80\t30.00\t
总计\t40.80\t总计\t40.80\t10.80\t30.00\t
"""


def _read(tmp_path: Path, text: str):
    path = tmp_path / "fiscal.txt"
    path.write_text(text, encoding="utf-8")
    return read(path)


def _placed(disclosure) -> dict:
    fiscal = disclosure.tables.fiscal_summary
    lines = {c.code: (c.total, c.general_budget, c.government_fund) for c in fiscal.expenditure.classes}
    return {"201": lines.get("201"), "208": lines.get("208"), "229": lines.get("229"),
            "income": (fiscal.income.general_budget, fiscal.income.government_fund)}


def _expected():
    return {"201": (D("6.80"), D("6.80"), 0), "208": (D("4.00"), D("4.00"), 0), "229": (D("30.00"), 0, D("30.00")),
            "income": (D("10.80"), D("30.00"))}


def test_read__wrapped_labels_of_a_viewer_copy_are_placed_by_the_column_totals(tmp_path: Path):
    disclosure, report = _read(tmp_path, VIEWER)
    assert _placed(disclosure) == _expected()
    assert report.tables_unread == () and report.coverage["fiscal_summary"] == (16, 16)
    assert disclosure.provenance["fiscal_summary.expenditure.208.general_budget"].kind == "parsed"


def test_read__wrapped_labels_of_pdfplumber_text_and_its_page_mark(tmp_path: Path):
    disclosure, report = _read(tmp_path, PDFPLUMBER)
    assert _placed(disclosure) == _expected()
    assert report.tables_unread == ()
    assert not [p for p in report.not_understood if "—" in p.message]  # "— 11 —" is no row of amounts


def test_read__a_class_whose_amounts_print_with_the_start_of_its_wrapped_name(tmp_path: Path):
    """In a grid the tail "支出" has a cell of its own on the next line: the held 类 takes it."""
    disclosure, report = _read(tmp_path, GRID)
    assert _placed(disclosure)["208"] == (D("4.00"), D("4.00"), 0)
    assert report.tables_unread == ()
    assert not [p for p in report.not_understood if "社会保障和就业" in p.message]
