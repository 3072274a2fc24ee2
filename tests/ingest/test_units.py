"""Small pieces: numbers, titles, tab-text and spreadsheet tables."""

from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from juesuan.ingest import read
from juesuan.ingest.locate import title_key
from juesuan.ingest.numbers import join_code, parse_amount, to_wanyuan
from juesuan.ingest.pages import Cell, Row


def test_parse_amount__thousands_fullwidth_and_blank():
    assert parse_amount("2,940.05") == Decimal("2940.05")
    assert parse_amount("１２.５") == Decimal("12.5")
    assert parse_amount("—") == Decimal("0.00")
    assert parse_amount("合计") is None


@given(st.integers(0, 10**13), st.integers(0, 99))
def test_parse_amount__every_grouped_amount_reads_back(whole, cents):
    """An amount printed with thousands groups, as every table prints them, is read as itself."""
    assert parse_amount(f"{whole:,}.{cents:02d}") == Decimal(whole) + Decimal(cents) / 100


@given(st.integers(1000, 10**13), st.integers(0, 99), st.integers(1, 12))
def test_parse_amount__an_amount_cut_or_run_together_is_none(whole, cents, cut):
    """The same amount cut at a cell's edge ("1|0,424,543.84" → "0,424,543.84") or with two of its
    groups run together ("1234,567.00") is no amount: unread, never a wrong value."""
    printed = f"{whole:,}.{cents:02d}"
    rest = printed[cut:]
    if rest[:1] in ("0", ",") and "," in rest.split(".")[0]:
        assert parse_amount(rest) is None
    if printed.count(",") >= 2:
        assert parse_amount(printed.replace(",", "", 1)) is None


def test_to_wanyuan__yuan_converted_half_up():
    assert to_wanyuan(Decimal("29400500"), "元") == Decimal("2940.05")
    assert to_wanyuan(Decimal("12345"), "元") == Decimal("1.23")


def test_to_wanyuan__thousand_yuan_divided_by_ten():
    """单位：千元 is read (numbers.UNIT_RE): its amounts are tenths of 万元, never taken as 万元."""
    assert to_wanyuan(Decimal("294005.00"), "千元") == Decimal("29400.50")
    assert to_wanyuan(Decimal("12.35"), "千元") == Decimal("1.24")
    assert to_wanyuan(Decimal("12.35"), "万元") == Decimal("12.35")


def test_join_code__split_and_joined():
    assert join_code(["201", "06", "01"]) == "2010601"
    assert join_code(["2010601"]) == "2010601"
    assert join_code(["20106011"]) is None


def test_title_key__titles_toc_and_headings():
    row = lambda t: Row((Cell(t, 0, 1),), 1, 1)  # noqa: E731
    assert title_key(row("财政拨款收入支出决算总表")) == ("fiscal_summary", False)
    assert title_key(row("公开02表 收入决算表（续表）")) == ("income", True)
    assert title_key(row("二、《收入决算表》")) is None
    assert title_key(row("七、财政拨款“三公”经费支出决算情况说明")) is None


def test_read__xlsx_in_yuan_with_preamble(tmp_path):
    # Rows of the Shanghai 公开05 as finance software exports them, amounts in 元.
    book = openpyxl.Workbook()
    sheet = book.active
    for values in (
        ["一般公共预算财政拨款支出决算表"], ["编制单位：上海市普陀区财政局", None, None, None, "单位：元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "21066600", "15035200", "6031400"],
        ["2010601", "行政运行", "15118900", "15035200", "83700"],
        [None, "合计", "29400500", "23369100", "6031400"],
    ):
        sheet.append(values)
    path = tmp_path / "t.xlsx"
    book.save(path)
    disclosure, report = read(path)
    table = disclosure.tables.general_budget
    assert table.total.total == Decimal("2940.05")
    assert table.find("2010601").project == Decimal("8.37")
    assert report.unit_source == "元"
