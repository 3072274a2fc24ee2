"""A coded row whose printed sums are broken (a misprint in the document), read from text without
columns: read as printed where the placement is certain, so the checks name the broken sum, not
the whole table left unread (ingest/flat.py ``_misprinted``, placement.corrections). Hand-made."""

from decimal import Decimal as D
from pathlib import Path

from juesuan.checks import check
from juesuan.ingest import read
from juesuan.ingest.placement import corrections, spec

from .test_placement import VIEWER


def test_corrections__the_row_as_it_would_add_up_were_one_printed_amount_wrong():
    gb = spec("general_budget")
    assert corrections((D("10.02"), D("10.00"), None), gb) == [(D("10.00"), D("10.00"), None),
                                                               (D("10.02"), D("10.02"), None)]
    # a part would have to be negative: no correction (amounts are not negative)
    assert corrections((None, D("10.02"), D("10.00")), gb) == []
    fund = spec("government_fund")  # 年初 + 收入 − 支出 = 年末 and 支出 = 基本 + 项目: 支出 is in both
    assert corrections((D("1.00"), D("10.00"), D("10.00"), D("9.50"), None, D("1.00")), fund) == [
        (D("1.00"), D("10.00"), D("10.00"), D("10.00"), None, D("1.00"))]  # 支出 would have to be 10.00 and 9.50 at once


def _read(text: str, tmp_path: Path):
    path = tmp_path / "viewer.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, report = read(path)
    return {r.code: r for r in disclosure.tables.general_budget.rows}, disclosure, report


def _named(disclosure, path: str) -> list[str]:
    return [f.rule_id for f in check(disclosure).findings if f.severity in ("错误", "警告") and path in f.items()]


def test_a_row_printing_every_column_is_read_as_printed_and_its_broken_sum_reported(tmp_path: Path):
    rows, disclosure, report = _read(VIEWER.replace("201 一般公共服务支出 30.00", "201 一般公共服务支出 30.50"), tmp_path)
    assert (rows["201"].total, rows["201"].basic, rows["201"].project) == (D("30.50"), D("10.00"), D("20.00"))
    assert report.coverage["general_budget"][0] == report.coverage["general_budget"][1]  # every amount placed
    assert "general_budget" not in report.tables_unread
    assert _named(disclosure, "general_budget.201.total")


def test_a_partial_row_is_placed_by_its_family_and_its_broken_sum_reported(tmp_path: Path):
    """"10.02 10.00" fits no placement; the 款's columns (10.00 基本, 20.00 项目 from its other 项)
    leave one: 10.02 合计 and 10.00 基本, the 合计 the document's error."""
    rows, disclosure, report = _read(VIEWER.replace("201 06 01 行政运行 10.00 10.00", "201 06 01 行政运行 10.02 10.00"),
                                     tmp_path)
    assert (rows["2010601"].total, rows["2010601"].basic, rows["2010601"].project) == (D("10.02"), D("10.00"), 0)
    assert getattr(disclosure.provenance.get("general_budget.2010601.project"), "kind", None) != "unread"
    assert "general_budget" not in report.tables_unread
    assert _named(disclosure, "general_budget.2010601.total")


def test_a_misprinted_row_two_placements_fit_keeps_those_columns_unread(tmp_path: Path):
    """Both 项 print one part of the same size: 基本 or 项目 stays open whatever the misprint."""
    text = VIEWER.replace("30.00 10.00 20.00", "20.00 10.00 10.00").replace("20.00 20.00", "10.00 10.00") \
        .replace("合计 38.00 18.00 20.00", "合计 28.00 18.00 10.00") \
        .replace("201 06 01 行政运行 10.00 10.00", "201 06 01 行政运行 10.02 10.00")
    rows, disclosure, report = _read(text, tmp_path)
    assert rows["2010601"].total == D("10.02")  # the 合计 is the same in either placement
    for column in ("basic", "project"):
        assert disclosure.provenance[f"general_budget.2010601.{column}"].kind == "unread"
        assert disclosure.provenance[f"general_budget.2010602.{column}"].kind == "unread"


def test_a_row_printing_every_column_takes_no_amounts_of_the_line_below(tmp_path: Path):
    """A full row that does not add up is not a row whose amounts wrapped: the next line's amounts
    are not joined to it (they would make four amounts in three columns and leave the table unread)."""
    text = VIEWER.replace("201 06 02 一般行政管理事务 20.00 20.00", "201 06 02 一般行政管理事务\n20.00 20.00") \
        .replace("201 06 财政事务 30.00 10.00 20.00", "201 06 财政事务 30.50 10.00 20.00")
    rows, disclosure, report = _read(text, tmp_path)
    assert (rows["20106"].total, rows["20106"].basic, rows["20106"].project) == (D("30.50"), D("10.00"), D("20.00"))
    assert (rows["2010602"].total, rows["2010602"].project) == (D("20.00"), D("20.00"))
    assert _named(disclosure, "general_budget.20106.total")


def test_a_misprinted_row_no_family_sum_checks_stays_unread(tmp_path: Path):
    """Nothing but the row's own sum, which fails: its amounts may be misread (run together, one
    lost), not misprinted — no family sum that holds once corrected says they are the row's."""
    text = "\n".join(VIEWER.splitlines()[:5]) + "\n201 一般公共服务支出 30.50 10.00 20.00\n208 社会保障和就业支出 8.00 8.00\n"
    rows, disclosure, report = _read(text, tmp_path)
    assert disclosure.provenance["general_budget.201.total"].kind == "unread"
    assert not _named(disclosure, "general_budget.201.total")


def test_amounts_run_together_are_no_misprint(tmp_path: Path):
    """"3,000.001,000.00": two amounts without a space, split at the wrong place ("3,000." taken for
    a name): the row's amounts are not as printed (the overflowing variety PDF's text shapes had
    such a 合计 placed as a misprint, 519.17 for 45,894.64, before ``flat._garbled``)."""
    text = VIEWER.replace("30.00 10.00 20.00", "3,000.00 1,000.00 2,000.00") \
        .replace("10.00 10.00", "1,000.00 1,000.00").replace("20.00 20.00", "2,000.00 2,000.00").replace("合计 38.00 18.00 20.00", "合计 3,008.00 1,008.00 2,000.00")
    assert _read(text, tmp_path)[0]["20106"].total == D("3000.00")
    text = text.replace("201 06 财政事务 3,000.00 1,000.00", "201 06 财政事务 3,000.001,000.00")
    rows, disclosure, report = _read(text, tmp_path)
    assert disclosure.provenance["general_budget.20106.total"].kind == "unread"
    assert disclosure.provenance["general_budget.20106.basic"].kind == "unread"
