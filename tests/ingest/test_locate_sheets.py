"""A table in a workbook ends at the sheet boundary when the next sheet heads something else (a
项目支出绩效自评表 after 公开09); a sheet without a heading of its own continues it."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.ingest.locate import locate
from juesuan.ingest.pages import load_xlsx

openpyxl = pytest.importorskip("openpyxl")

STATE_CAPITAL = [["国有资本经营预算财政拨款收入支出决算表"], ["单位：万元"],
                 ["项目", "", "", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
                 ["类", "款", "项", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
                 ["合计", "", "", "", 0, 0, 0, 0, 0, 0]]
FORM = [["项目支出绩效自评表"], ["（2022年度）"], ["项目名称", "原机电老干所运行维护费"],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 10, 7.7, 7.7, 10, 100, 10]]
GENERAL = [["一般公共预算财政拨款支出决算表"], ["单位：万元"], ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
           ["201", "一般公共服务支出", "10.00", "4.00", "6.00"]]


def _book(tmp_path: Path, *sheets: list[list]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, rows in enumerate(sheets, start=1):
        sheet = book.create_sheet(f"表{index}")
        for row in rows:
            sheet.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("form", [FORM, FORM[2:]], ids=["title", "name-line"])
def test_locate__a_sheet_headed_as_a_self_evaluation_form_is_not_the_table_before_it(tmp_path, form):
    """Before: the form's rows ran on as 公开09 rows (their 资金 lines 'codes not understood')."""
    trace: list = []
    blocks = locate(load_xlsx(_book(tmp_path, STATE_CAPITAL, form)), trace)
    assert [(b.key, {r.page for r in b.rows}) for b in blocks] == [("state_capital", {1})]
    assert [(s.kind, s.page) for s in trace if getattr(s, "kind", None) == "end"] == [("end", 2)]


@pytest.mark.parametrize("first", [[["单位：万元"]], [["公开06表（续）"]], []])
def test_locate__a_sheet_without_a_heading_of_its_own_continues_the_table(tmp_path, first):
    """A unit line, a 续表 title or data rows straight away: the table's next rows."""
    more = [["20101", "人大事务", "3.00", "3.00", ""]]
    blocks = locate(load_xlsx(_book(tmp_path, GENERAL, first + more)))
    assert [b.key for b in blocks] == ["general_budget"]
    assert [r.text for r in blocks[0].rows if r.page == 2 and "人大" in r.text] == ["20101 人大事务 3.00 3.00"]
