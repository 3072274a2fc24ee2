"""公开06 from text without columns read as one stream of items (ingest/basic_stream.py): hand-made
dumps in the shapes pdftotext -raw and a PDF viewer give the two side-by-side blocks."""

from decimal import Decimal as D
from pathlib import Path

from juesuan.ingest import read

TITLE = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类
科目名称 决算数
经济分类
科目名称 决算数
科目编码 科目编码
类
款
"""
# pdftotext -raw: the two blocks interleaved, codes, names and amounts on lines of their own
RAW = TITLE + """301
工资福利支出
30.00 302
商品和服务支出
5.50
301 01
基本工资 20.00
302
01 办公费 5.00
301 08 机关事业单位基本养老保险缴
费
10.00
302
06 电费
302
99 其他商品和服务支出 0.50
人员经费合计
30.00
公用经费合计
5.50
"""
# a viewer: both blocks on one line; a wrapped name leaves its amount at the start of the next line
VIEWER = TITLE + """301 工资福利支出 30.00 302 商品和服务支出 5.50
301 01 基本工资 20.00 302 01 办公费 5.00
301 08 机关事业单位基本养老保险缴
费
10.00 302 06 电费
302 99 其他商品和服务支出 0.50
人员经费合计 30.00 公用经费合计 5.50
"""


def _amounts(text: str, tmp_path: Path):
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, report = read(path)
    table = disclosure.tables.basic_expenditure
    return {r.code: r.amount for r in table.rows}, table, disclosure, report


def test_raw_and_viewer_dumps_read_every_item(tmp_path: Path):
    for text in (RAW, VIEWER):
        rows, table, disclosure, report = _amounts(text, tmp_path)
        assert (rows["301"], rows["30101"], rows["30108"]) == (D("30.00"), D("20.00"), D("10.00"))
        assert (rows["302"], rows["30201"], rows["30299"]) == (D("5.50"), D("5.00"), D("0.50"))
        assert rows["30206"] == 0 and (table.personnel_total, table.public_total) == (D("30.00"), D("5.50"))
        assert report.coverage["basic_expenditure"] == (8, 8)  # every printed amount placed


def test_two_classes_their_items_do_not_add_up_to_are_unread_not_zero(tmp_path: Path):
    """Which amounts went to the wrong item is not known: neither class is read."""
    text = RAW.replace("基本工资 20.00", "基本工资 21.00").replace("01 办公费 5.00", "01 办公费 5.10")
    rows, _, disclosure, report = _amounts(text, tmp_path)
    for code in ("301", "30101", "302", "30201"):
        assert disclosure.provenance[f"basic_expenditure.{code}.amount"].kind == "unread"
    assert any("class and its items disagree" in p.message for p in report.not_understood)


def test_a_class_its_items_do_not_add_up_to_is_read_as_printed_when_the_others_prove_the_stream(tmp_path: Path):
    """A misprint, not a misreading: an amount moved to another item of another class would break
    that class's sum too, and 302 adds up. The broken sum is the document's and is reported."""
    from juesuan.checks import check

    for text in (RAW, VIEWER):
        rows, _, disclosure, report = _amounts(text.replace("基本工资 20.00", "基本工资 21.00"), tmp_path)
        assert (rows["301"], rows["30101"], rows["30108"], rows["302"]) == \
            (D("30.00"), D("21.00"), D("10.00"), D("5.50"))
        assert disclosure.provenance["basic_expenditure.30101.amount"].kind == "parsed"
        assert report.coverage["basic_expenditure"] == (8, 8)
        serious = [f for f in check(disclosure).findings if f.severity in ("错误", "警告")]
        assert any(f.rule_id == "T06-001" and "basic_expenditure.301.amount" in f.items() for f in serious)


def test_a_class_not_adding_up_without_another_class_to_prove_the_stream_is_unread(tmp_path: Path):
    text = RAW.replace("基本工资 20.00", "基本工资 21.00").replace("01 办公费 5.00", "01 办公费")
    text = text.replace("99 其他商品和服务支出 0.50", "99 其他商品和服务支出")  # 302 prints no 款 amount
    rows, _, disclosure, report = _amounts(text, tmp_path)
    assert disclosure.provenance["basic_expenditure.30101.amount"].kind == "unread"
