"""Rows placed by the table's own identities (ingest/placement.py, ingest/flat.py): hand-made rows."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.ingest import read
from juesuan.ingest.placement import candidates, evidence, lower_bounds, solve, spec, within


def test_spec__columns_and_row_identities_come_from_the_identity_rules():
    gb = spec("general_budget")
    assert gb.columns == ("total", "basic", "project")
    assert gb.identities == (((0, 1), (1, -1), (2, -1)),)  # total − basic − project = 0
    fund = spec("government_fund")
    assert len(fund.identities) == 2  # 年初 + 收入 − 支出 = 年末, 支出 = 基本 + 项目
    assert spec("basic_expenditure") is None  # no column family: not placed this way


def test_candidates__a_full_row_has_one_placement_a_partial_row_several():
    gb = spec("general_budget")
    assert candidates([D("16.19"), D("10.00"), D("6.19")], gb) == [(D("16.19"), D("10.00"), D("6.19"))]
    # 合计 and one part: 基本 or 项目, the row alone cannot say
    assert candidates([D("135.25"), D("135.25")], gb) == [
        (D("135.25"), D("135.25"), None), (D("135.25"), None, D("135.25"))]
    assert candidates([D("5"), D("1"), D("1")], gb) == []  # 5 ≠ 1 + 1
    assert candidates([], gb) == [(None, None, None)]  # a row printed blank


def test_solve__the_family_sums_pick_the_column_of_each_part():
    gb = spec("general_budget")
    rows = {"total": candidates([D("30.00"), D("10.00"), D("20.00")], gb),
            "201": candidates([D("30.00"), D("10.00"), D("20.00")], gb),
            "2010601": candidates([D("10.00"), D("10.00")], gb),
            "2010602": candidates([D("20.00"), D("20.00")], gb)}
    decided = solve(rows, {"total": None, "201": "total", "2010601": "201", "2010602": "201"})
    assert decided["2010601"].vector == (D("10.00"), D("10.00"), None) and not decided["2010601"].unknown
    assert decided["2010602"].vector == (D("20.00"), None, D("20.00"))


def test_solve__equal_parts_leave_the_columns_unknown_not_zero():
    gb = spec("general_budget")
    rows = {"201": candidates([D("20.00"), D("10.00"), D("10.00")], gb),
            "2010601": candidates([D("10.00"), D("10.00")], gb),
            "2010602": candidates([D("10.00"), D("10.00")], gb)}
    decided = solve(rows, {"201": None, "2010601": "201", "2010602": "201"})
    for code in ("2010601", "2010602"):
        assert decided[code].vector[0] == D("10.00")  # the 合计 agrees in every placement
        assert decided[code].unknown == (1, 2) and "consistent placements" in decided[code].reason


def test_solve__a_family_that_cannot_add_up_keeps_only_what_each_row_certifies():
    gb = spec("general_budget")
    rows = {"201": candidates([D("30.00"), D("30.00")], gb), "2010601": candidates([D("10.00"), D("10.00")], gb)}
    decided = solve(rows, {"201": None, "2010601": "201"})
    for code, total in (("201", D("30.00")), ("2010601", D("10.00"))):
        assert decided[code].vector[0] == total and decided[code].unknown == (1, 2)
        assert "does not add up" in decided[code].reason


def test_solve__a_row_without_placement_is_all_unknown():
    gb = spec("general_budget")
    rows = {"201": candidates([D("5.00"), D("1.00"), D("1.00")], gb), "208": candidates([D("1.00"), D("1.00"), D("0.00")], gb)}
    decided = solve(rows, {"201": None, "208": None})
    assert decided["201"].unknown == (0, 1, 2) and "no placement" in decided["201"].reason


def test_evidence__other_tables_state_the_total_row():
    values = {"summary.income.general_budget": D("2940.05"), "summary.income.other": D("6.20")}
    stated = evidence("income", values, set())
    assert stated["fiscal_appropriation"] == D("2940.05") and stated["other"] == D("6.20")
    assert "fiscal_appropriation" not in evidence("income", values, {"summary.income.government_fund"})


VIEWER = """一般公共预算财政拨款支出决算表
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
201 一般公共服务支出 30.00 10.00 20.00
201 06 财政事务 30.00 10.00 20.00
201 06 01 行政运行 10.00 10.00
201 06 02 一般行政管理事务 20.00 20.00
208 社会保障和就业支出 8.00 8.00
208 05 行政事业单位养老支出 8.00 8.00
208 05 01 行政单位离退休 5.00 5.00
208 05 05 机关事业单位基本养老保险
缴费支出 3.00 3.00
合计 38.00 18.00 20.00
"""


def test_read__single_spaced_rows_placed_by_identities(tmp_path: Path):
    """As a PDF viewer copies a table: one space between cells, blank cells gone, a name wrapped."""
    path = tmp_path / "viewer.txt"
    path.write_text(VIEWER, encoding="utf-8")
    disclosure, report = read(path)
    rows = {r.code: r for r in disclosure.tables.general_budget.rows}
    assert (rows["2010601"].total, rows["2010601"].basic, rows["2010601"].project) == (10, 10, 0)
    assert (rows["2010602"].total, rows["2010602"].basic, rows["2010602"].project) == (20, 0, 20)
    assert rows["2080505"].name == "机关事业单位基本养老保险缴费支出" and rows["2080505"].basic == 3
    assert disclosure.tables.general_budget.total.basic == 18


@pytest.mark.rule("D-003", "fails")
def test_read__parts_the_identities_cannot_place_are_unread(tmp_path: Path):
    """Both 项 print one part of the same size: 基本 and 项目 could swap, so neither is read as zero."""
    text = VIEWER.replace("201 06 01 行政运行 10.00 10.00", "201 06 01 行政运行 10.00 10.00") \
        .replace("30.00 10.00 20.00", "20.00 10.00 10.00").replace("20.00 20.00", "10.00 10.00") \
        .replace("合计 38.00 18.00 20.00", "合计 28.00 18.00 10.00")
    path = tmp_path / "viewer.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, report = read(path)
    rows = {r.code: r for r in disclosure.tables.general_budget.rows}
    assert rows["2010601"].total == 10 and rows["2010602"].total == 10
    kinds = {p: s.kind for p, s in disclosure.provenance.items() if p.startswith("general_budget.20106")}
    assert kinds["general_budget.2010601.basic"] == kinds["general_budget.2010602.project"] == "unread"
    assert rows["2080505"].basic == 3  # the other family is unaffected
    assert any("not certain" in p.message for p in report.not_understood)
    d003 = [f for f in check(disclosure).findings if f.rule_id == "D-003"]  # the check report says so
    assert d003 and "一般公共预算财政拨款支出决算表" in d003[0].message


FISCAL = """财政拨款收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款
一、一般公共预算财政拨款 100.00 一、一般公共服务支出 80.00 80.00
二、政府性基金预算财政拨款{fund} 二、外交支出
三、国有资本经营预算财政拨款 三、国防支出
本年收入合计 {income} 本年支出合计 {spent}
"""


def test_read__fiscal_lines_placed_where_the_income_side_leaves_one_source(tmp_path: Path):
    """No 政府性基金/国有资本 income: a line's one source amount can only be 一般公共预算 (T04-009)."""
    path = tmp_path / "viewer.txt"
    path.write_text(FISCAL.format(fund="", income="100.00", spent="80.00 80.00"), encoding="utf-8")
    disclosure, _ = read(path)
    line = {c.code: c for c in disclosure.tables.fiscal_summary.expenditure.classes}["201"]
    assert (line.total, line.general_budget, line.government_fund) == (80, 80, 0)


def test_read__fiscal_lines_with_two_funded_sources_are_not_guessed(tmp_path: Path):
    path = tmp_path / "viewer.txt"
    path.write_text(FISCAL.format(fund=" 20.00", income="120.00", spent="80.00 80.00"), encoding="utf-8")
    disclosure, report = read(path)
    line = {c.code: c for c in disclosure.tables.fiscal_summary.expenditure.classes}["201"]
    assert line.total == 80 and line.general_budget == 0  # the source is not known: not placed
    assert disclosure.provenance["fiscal_summary.expenditure.201.general_budget"].kind == "unread"
    assert any("column not certain" in p.message for p in report.not_understood)


def test_lower_bounds__the_fiscal_tables_are_parts_of_the_expenditure_rows():
    values = {"general_budget.2010601.basic": D("8.00"), "government_fund.2010601.basic": D("2.00"),
              "general_budget.2010601.project": D("3.00")}
    assert lower_bounds("expenditure", "2010601", values, set()) == {"basic": D("10.00"), "project": D("3.00")}
    # a part not read (unknown) bounds nothing; a row no part table prints is not bounded
    assert lower_bounds("expenditure", "2010601", values, {"government_fund.2010601.basic"}) == {"project": D("3.00")}
    assert lower_bounds("expenditure", "2080505", values, set()) == {}
    assert lower_bounds("general_budget", "2010601", values, set()) == {}
    exp = spec("expenditure")
    placed = candidates([D("10.00"), D("10.00")], exp)
    assert len(placed) == 5  # 基本, 项目, 上缴上级, 经营, 对附属单位: the identities treat them alike
    assert within(placed, exp.columns, {"project": D("10.00")}) == [(D("10.00"), None, D("10.00"), None, None, None)]
    assert within(placed, exp.columns, {"project": D("11.00")}) == []  # the bound no placement meets


EXPENDITURE = """支出决算表
单位：万元
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
科目编码 科目名称
类 款 项
合计 30.00 10.00 20.00
201 一般公共服务支出 30.00 10.00 20.00
201 06 财政事务 30.00 10.00 20.00
201 06 01 行政运行 10.00 10.00
201 06 02 一般行政管理事务 20.00 20.00
"""
GENERAL_BUDGET = """一般公共预算财政拨款支出决算表
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
合计 {total}
201 一般公共服务支出 {total}
201 06 财政事务 {total}
201 06 01 行政运行 10.00 10.00
201 06 02 一般行政管理事务 {project}
"""


def test_read__expenditure_columns_told_apart_by_the_fiscal_tables(tmp_path: Path):
    """公开03 prints 合计 and one part on most lines: which of its five parts the identities cannot
    say; 公开05 (a part of it, printed later) can — 项目支出 is at least 公开05's 项目支出."""
    path = tmp_path / "viewer.txt"
    path.write_text(EXPENDITURE + GENERAL_BUDGET.format(total="25.00 10.00 15.00", project="15.00 15.00"),
                    encoding="utf-8")
    disclosure, _ = read(path)
    rows = {r.code: r for r in disclosure.tables.expenditure.rows}
    assert (rows["2010602"].total, rows["2010602"].basic, rows["2010602"].project) == (20, 0, 20)
    assert rows["2010601"].basic == 10 and disclosure.tables.expenditure.total.project == 20
    assert getattr(disclosure.provenance.get("expenditure.2010602.remit_to_higher"), "kind", None) != "unread"


def test_read__expenditure_columns_without_the_fiscal_tables_are_unread(tmp_path: Path):
    path = tmp_path / "viewer.txt"
    path.write_text(EXPENDITURE, encoding="utf-8")
    disclosure, _ = read(path)
    assert disclosure.provenance["expenditure.2010602.project"].kind == "unread"
    assert disclosure.provenance["expenditure.2010602.remit_to_higher"].kind == "unread"


def test_solve__a_cent_does_not_slip_into_a_column_its_parent_leaves_empty():
    """Σ of n rounded parts may miss the total by n half-cents, but a part printing 0.01 (at least
    0.005) under a parent printing nothing there would make that parent print 0.01 at least."""
    inc = spec("income")
    rows = {"20106": candidates([D("1528.09"), D("1521.89"), D("6.20")], inc),
            "2010601": candidates([D("1511.90"), D("1511.89"), D("0.01")], inc),
            "2010602": candidates([D("16.19"), D("10.00"), D("6.19")], inc)}
    rows["20106"] = [v for v in rows["20106"] if v[1] and v[6]]  # 财政拨款 and 其他收入, as the 合计 row says
    decided = solve(rows, {"20106": None, "2010601": "20106", "2010602": "20106"})
    assert decided["2010601"].vector[6] == D("0.01") and not decided["2010601"].unknown
    assert decided["2010602"].vector[6] == D("6.19")
