"""Columns decided by the column totals and by the tables a table is a part of (ingest/fiscal_lines.py,
placement.bounds, tables._read_again): hand-made lines and text as a PDF viewer copies it."""

from decimal import Decimal as D
from pathlib import Path

from juesuan.ingest import read
from juesuan.ingest.fiscal_lines import place_lines
from juesuan.ingest.placement import bounds


def test_place_lines__the_column_totals_pick_each_class_source():
    lines = [("一、一般公共服务支出", [D("6.80"), D("6.80")]), ("二、外交支出", []),
             ("六、科学技术支出", [D("10.00"), D("10.00")]), ("二十三、其他支出", [D("30.00"), D("30.00")]),
             ("本年支出合计", [D("46.80"), D("16.80"), D("30.00")]),
             ("年末财政拨款结转和结余", [D("1.20"), D("1.20")]), ("总计", [D("48.00"), D("18.00"), D("30.00")])]
    decided = place_lines(lines, {"state_capital"})
    assert decided[1] is None  # no amounts
    assert decided[0].vector == (D("6.80"), D("6.80"), None, None) and not decided[0].unknown
    assert decided[2].vector == (D("10.00"), D("10.00"), None, None)
    assert decided[3].vector == (D("30.00"), None, D("30.00"), None)
    assert decided[5].vector == (D("1.20"), D("1.20"), None, None)  # 总计 = 本年支出合计 + 年末 (T04-007)


def test_place_lines__equal_classes_that_could_swap_stay_unknown():
    lines = [("一、一般公共服务支出", [D("10.00"), D("10.00")]), ("六、科学技术支出", [D("10.00"), D("10.00")]),
             ("本年支出合计", [D("20.00"), D("10.00"), D("10.00")])]
    decided = place_lines(lines, {"state_capital"})
    for line in decided[:2]:
        assert line.vector[0] == D("10.00") and line.unknown == (1, 2)
    # a page mark read as amounts fits no placement: it is in no family and spoils none
    lines = [("一、一般公共服务支出", [D("6.80"), D("6.80")]), ("", [D("0.00"), D("44"), D("0.00")]),
             ("六、科学技术支出", [D("10.00"), D("10.00")]), ("本年支出合计", [D("16.80"), D("6.80"), D("10.00")])]
    decided = place_lines(lines, {"state_capital"})
    assert decided[0].vector == (D("6.80"), D("6.80"), None, None)
    assert decided[2].vector == (D("10.00"), None, D("10.00"), None)


def test_place_lines__a_misprinted_total_is_read_as_printed_where_the_column_totals_hold_once_corrected():
    """本年支出合计 46.82 with its sources 16.80 + 30.00: no placement adds up (T04-004), but one amount
    wrong makes it, and the classes' column sums (T04-005) then hold: each line as printed."""
    lines = [("一、一般公共服务支出", [D("6.80"), D("6.80")]), ("六、科学技术支出", [D("10.00"), D("10.00")]),
             ("二十三、其他支出", [D("30.00"), D("30.00")]), ("本年支出合计", [D("46.82"), D("16.80"), D("30.00")]),
             ("年末财政拨款结转和结余", [D("1.20"), D("1.20")]), ("总计", [D("48.00"), D("18.00"), D("30.00")])]
    decided = place_lines(lines, {"state_capital"})
    assert decided[3].vector == (D("46.82"), D("16.80"), D("30.00"), None) and not decided[3].unknown
    assert decided[0].vector == (D("6.80"), D("6.80"), None, None)
    assert decided[2].vector == (D("30.00"), None, D("30.00"), None)
    # two amounts wrong: no single correction lets the classes add up to it — unknown, not guessed
    lines[3] = ("本年支出合计", [D("46.82"), D("16.90"), D("30.00")])
    decided = place_lines(lines, {"state_capital"})
    assert decided[3].unknown == (0, 1, 2, 3)
    # a misprinted line in no family (no 本年支出合计 printed): nothing proves it a misprint
    decided = place_lines([("一、一般公共服务支出", [D("6.82"), D("6.80")])], {"state_capital"})
    assert decided[0].unknown == (0, 1, 2, 3)


FISCAL = """财政拨款收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款
一、一般公共预算财政拨款 16.80 一、一般公共服务支出 6.80 6.80
二、政府性基金预算财政拨款 30.00 二、外交支出
三、国有资本经营预算财政拨款 三、国防支出
六、科学技术支出 10.00 10.00
二十三、其他支出 30.00 30.00
本年收入合计 46.80 本年支出合计 46.80 16.80 30.00
"""


def test_read__fiscal_lines_placed_by_the_column_totals(tmp_path: Path):
    """Two funded sources: a line's one source amount could be either; 本年支出合计 per column says which."""
    path = tmp_path / "viewer.txt"
    path.write_text(FISCAL, encoding="utf-8")
    disclosure, _ = read(path)
    lines = {c.code: c for c in disclosure.tables.fiscal_summary.expenditure.classes}
    assert (lines["201"].general_budget, lines["206"].general_budget, lines["229"].government_fund) == (
        D("6.80"), D("10.00"), D("30.00"))
    assert lines["229"].general_budget == 0
    assert disclosure.provenance["fiscal_summary.expenditure.229.government_fund"].kind == "parsed"


def test_read__a_misprinted_fiscal_total_is_read_as_printed(tmp_path: Path):
    """The document's own 本年支出合计 misprinted (46.82 for 6.80 + 10.00 + 30.00, its sources 16.80 and
    30.00): read as printed, every column, so 审核 can name it (T04-005/006/007); its classes keep
    their sources. Before, no placement added up and the line was left unread (来源列无法确定)."""
    path = tmp_path / "viewer.txt"
    path.write_text(FISCAL.replace("本年支出合计 46.80 16.80 30.00", "本年支出合计 46.82 16.80 30.00") + """年初财政拨款结转和结余 1.20 年末财政拨款结转和结余 1.20 1.20
一、一般公共预算财政拨款 1.20
二、政府性基金预算财政拨款
三、国有资本经营预算财政拨款
总计 48.00 总计 48.00 18.00 30.00
""", encoding="utf-8")
    disclosure, report = read(path)
    side = disclosure.tables.fiscal_summary.expenditure
    assert (side.total.total, side.total.general_budget, side.total.government_fund) == (
        D("46.82"), D("16.80"), D("30.00"))
    assert {disclosure.provenance[f"fiscal_summary.expenditure.total.{c}"].kind
            for c in ("total", "general_budget", "government_fund")} == {"parsed"}
    assert disclosure.provenance.get("fiscal_summary.expenditure.total.state_capital") is None  # blank, not unread
    lines = {c.code: c for c in side.classes}
    assert (lines["201"].general_budget, lines["206"].general_budget, lines["229"].government_fund) == (
        D("6.80"), D("10.00"), D("30.00"))
    assert not any("column not certain" in p.message for p in report.not_understood)


def test_bounds__a_part_at_most_its_whole_less_the_other_parts():
    values = {"expenditure.total.basic": D("19.78"), "expenditure.total.project": D("439.24"),
              "general_budget.total.basic": D("19.32"), "general_budget.total.project": D("131.88")}
    got = bounds("government_fund", "total", values, set())
    assert got == {"basic": (None, D("0.46")), "project": (None, D("307.36"))}
    assert bounds("government_fund", "229", values, set()) == {}  # the whole's row was not read
    assert bounds("expenditure", "total", values, set()) == {"basic": (D("19.32"), None),
                                                              "project": (D("131.88"), None)}
    assert "basic" not in bounds("government_fund", "total", values, {"expenditure.total.basic"})


EXPENDITURE = """支出决算表
单位：万元
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
科目编码 科目名称
类 款 项
合计 45.00 10.00 35.00
201 一般公共服务支出 15.00 10.00 5.00
201 06 财政事务 15.00 10.00 5.00
201 06 01 行政运行 10.00 10.00
201 06 02 一般行政管理事务 5.00 5.00
229 其他支出 30.00 30.00
229 04 其他政府性基金及对应专项债务收入安排的支出 30.00 30.00
229 99 其他支出
229 99 01 其他支出
— 7 —
一般公共预算财政拨款支出决算表
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
合计 15.00 10.00 5.00
201 一般公共服务支出 15.00 10.00 5.00
201 06 财政事务 15.00 10.00 5.00
201 06 01 行政运行 10.00 10.00
201 06 02 一般行政管理事务 5.00 5.00
政府性基金预算财政拨款收入支出决算表
单位：万元
项目 年初结转和结余 本年收入 本年支出 年末结转和结余
科目编码 科目名称 小计 基本支出 项目支出
类 款 项
合计 0.00 30.00 30.00 30.00
229 其他支出 0.00 30.00 30.00 30.00
229 04 其他政府性基金及对应专项债务收入安排的支出 0.00 30.00 30.00 30.00
"""


def test_read__expenditure_and_its_fund_part_bound_each_other(tmp_path: Path):
    """公开08 prints 本年收入, 本年支出 and one part: 基本 or 项目 only 公开03 (read after it) can say —
    its 基本支出 is all 公开05's; and 公开03's 229 rows are then bounded by 公开08's 项目支出.
    A page number ("— 7 —") under the last row is not a zero of that row."""
    path = tmp_path / "viewer.txt"
    path.write_text(EXPENDITURE, encoding="utf-8")
    disclosure, report = read(path)
    fund = disclosure.tables.government_fund
    assert (fund.total.basic, fund.total.project) == (0, D("30.00"))
    assert disclosure.provenance["government_fund.total.project"].kind == "parsed"
    rows = {r.code: r for r in disclosure.tables.expenditure.rows}
    assert (rows["22904"].basic, rows["22904"].project) == (0, D("30.00"))
    assert (rows["2010601"].basic, rows["2010602"].project) == (D("10.00"), D("5.00"))
    assert not any("22999" in (p.message or "") for p in report.not_understood)


THREE_PUBLIC = """财政拨款“三公”经费支出决算表
单位：万元
预算数 决算数
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 公务用车购置费 公务用车运行维护费 小计 公务用车购置费 公务用车运行维护费
19.75 19.68 19.68 0.07 18.00 17.90 17.90 0.10
注：本表反映部门本年度“三公”经费支出预决算情况。
"""


def test_read__three_public_line_without_blanks_placed_by_its_identities(tmp_path: Path):
    """预算数 then 决算数, blank cells left out: 合计 = 出国 + 用车 + 接待 and 小计 = 购置 + 运行 place
    every amount but the one 小计 part (购置 or 运行: the identities cannot say) — unread, not zero."""
    path = tmp_path / "viewer.txt"
    path.write_text(THREE_PUBLIC, encoding="utf-8")
    disclosure, _ = read(path)
    t = disclosure.tables.three_public
    assert (t.budget.total, t.budget.vehicle_total, t.budget.reception) == (D("19.75"), D("19.68"), D("0.07"))
    assert (t.final.total, t.final.vehicle_total, t.final.reception) == (D("18.00"), D("17.90"), D("0.10"))
    assert t.budget.overseas == 0  # blank in every placement (unread with its line, never a wrong figure)
    for path_ in ("three_public.budget.vehicle_operation", "three_public.final.vehicle_purchase"):
        assert disclosure.provenance[path_].kind == "unread"


RAW = """一般公共预算财政拨款支出决算表
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
合计 38.00
18.00 20.00
201 一般公共服务支出 30.00
10.00 20.00
201 06 01 行政运行 10.00
10.00
201 06 02 一般行政管理事务 20.00 20.00
208 社会保障和就业支出 8.00 8.00
"""


def test_read__a_rows_amounts_wrapped_onto_the_next_line_rejoin_it(tmp_path: Path):
    """pdftotext -raw prints a tall row's 合计 on its code line and its parts on the next: a row
    whose amounts fit no placement yet (a lone 合计) takes the amounts-only line after it."""
    path = tmp_path / "raw.txt"
    path.write_text(RAW, encoding="utf-8")
    disclosure, report = read(path)
    t = disclosure.tables.general_budget
    rows = {r.code: r for r in t.rows}
    assert (t.total.total, t.total.basic, t.total.project) == (D("38.00"), D("18.00"), D("20.00"))
    assert (rows["201"].basic, rows["201"].project) == (D("10.00"), D("20.00"))
    assert rows["2010601"].basic == D("10.00") and rows["2010602"].project == D("20.00")
    assert report.coverage["general_budget"] == (12, 12)  # each printed amount in its own cell


BASIC = """一般公共预算财政拨款基本支出决算表
单位：万元
经济分类 科目名称 决算数 经济分类 科目名称 决算数
科目编码 科目编码
类 款 类 款
302 商品和服务支出 17.90
302 31 公务用车运行维护费 17.90
人员经费合计 公用经费合计 17.90
"""


def test_read__three_public_final_bounded_by_the_basic_expenditure_items(tmp_path: Path):
    """公开06's 公务用车运行维护费 (一般公共预算财政拨款基本支出) is part of 公开07's 决算数 运行维护费: at
    least 17.90 there, so the 决算数 小计 part is 运行维护费; the 预算数 part stays unread."""
    path = tmp_path / "viewer.txt"
    path.write_text(BASIC + THREE_PUBLIC, encoding="utf-8")
    disclosure, _ = read(path)
    t = disclosure.tables.three_public
    assert (t.final.vehicle_operation, t.final.vehicle_purchase) == (D("17.90"), 0)
    assert disclosure.provenance["three_public.final.vehicle_operation"].kind == "parsed"
    assert disclosure.provenance["three_public.budget.vehicle_operation"].kind == "unread"


FISCAL_RAW = """财政拨款收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款
一、一般公共预算财政拨款
30.00
一、一般公共服务支出 20.00 20.00
二、政府性基金预算财政拨
款
二、外交支出
八、社会保障和就业支出 10.00 10.00
本年收入合计
30.00
本年支出合计
30.00
30.00
年初财政拨款结转和结余 1.00 年末财政拨款结转和结余 1.00 1.00
总计 31.00 总计 31.00 31.00
"""


def test_read__two_sided_amounts_on_lines_after_their_label(tmp_path: Path):
    """pdftotext -raw of 公开04: an income line's or 本年支出合计's amounts on the lines after the label;
    each amount keeps its own line (coverage counts it there), the 合计 line adds its cells up."""
    path = tmp_path / "raw.txt"
    path.write_text(FISCAL_RAW, encoding="utf-8")
    disclosure, report = read(path)
    f = disclosure.tables.fiscal_summary
    assert (f.income.general_budget, f.income.total) == (D("30.00"), D("30.00"))
    assert (f.expenditure.total.total, f.expenditure.total.general_budget) == (D("30.00"), D("30.00"))
    assert report.coverage["fiscal_summary"][0] == report.coverage["fiscal_summary"][1]
    assert "fiscal_summary" not in report.tables_unread
