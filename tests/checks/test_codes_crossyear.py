"""编码 against the year's edition, and 跨年 against last year's disclosure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from checks_fragments import disclosure

from juesuan.checks import check
from juesuan.fileformat import parse_text
from juesuan.model import replace_value
from juesuan.reference.codes import CodeBook, import_edition

D = Decimal
BASE = disclosure()


def flat(report, rule_id, *fields):
    return [f.flat(*(fields or ("rule_id", "severity", "item"))) for f in report.by_rule(rule_id)]


@pytest.mark.rule("K-001", "passes")
@pytest.mark.rule("K-002", "passes")
@pytest.mark.rule("K-003", "passes")
def test_codes__edition_codes_and_names():
    report = check(BASE)
    assert [f for f in report.findings if f.rule_id.startswith("K-")] == []


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SHANGHAI = (EXAMPLES / "shanghai-putuo-czj-2024.yaml").read_text(encoding="utf-8")
URUMQI = (EXAMPLES / "urumqi-iit-2022.yaml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def juesuan_home(tmp_path, monkeypatch):
    """No user-imported list or rename file leaks into these tests."""
    monkeypatch.setenv("JUESUAN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def code_findings(text: str) -> list:
    return [f for f in check(parse_text(text)).findings if f.rule_id.startswith("K-")]


def mutate_tables(text: str, old: str, new: str) -> str:
    """Replace ``old`` inside the table rows only (lines that carry a code), not in the narrative."""
    out = [line.replace(old, new) if "{code:" in line else line for line in text.splitlines(keepends=True)]
    assert out != text.splitlines(keepends=True), f"{old!r} is not printed in a table row"
    return "".join(out)


@pytest.mark.parametrize("text", [SHANGHAI, URUMQI], ids=["shanghai", "urumqi"])
def test_codes__examples_raise_no_code_warning(text):
    assert [(f.rule_id, f.severity) for f in code_findings(text) if f.severity != "提示"] == []


@pytest.mark.rule("K-001", "fails")
def test_known__code_not_in_a_partial_edition_is_a_hint():
    d = disclosure(tables={"basic_expenditure": """
      rows:
        - {code: "301", name: 工资福利支出, amount: 58.00}
        - {code: "30198", name: 自编科目, amount: 58.00}
      personnel_total: 58.00"""})
    assert flat(check(d), "K-001") == [("K-001", "提示", "basic_expenditure.30198.amount")]


@pytest.mark.rule("K-001", "fails")
def test_known__code_not_in_an_imported_complete_list_is_a_warning(tmp_path):
    # The user's import is the official list: what it lacks is very likely wrong. The list here is the
    # packaged economic edition itself (real rows), written out and imported as a complete one.
    rows = [(c.code, c.name) for c in CodeBook.for_year(2022, "economic")]
    source = tmp_path / "official.csv"
    source.write_text("code,name\n" + "".join(f"{code},{name}\n" for code, name in rows), encoding="utf-8")
    import_edition(source, 2022, "economic")
    d = disclosure(tables={"basic_expenditure": """
      rows:
        - {code: "301", name: 工资福利支出, amount: 58.00}
        - {code: "30198", name: 自编科目, amount: 58.00}
      personnel_total: 58.00"""})
    assert flat(check(d), "K-001") == [("K-001", "警告", "basic_expenditure.30198.amount")]


@pytest.mark.rule("K-001", "fails")
def test_known__code_printed_consistently_in_several_tables_is_accepted_once():
    # 2010608 财政委托业务支出 moved to a code the packaged 2024 list lacks, in 公开02/03/05 alike:
    # one 提示 for the document (the list is partial), no 警告.
    found = code_findings(mutate_tables(SHANGHAI, '{code: "2010608"', '{code: "2010698"'))
    assert [(f.rule_id, f.severity, f.actual) for f in found] == [("K-001", "提示", "2010698")]
    assert "视为有效" in found[0].message and "不完整" in found[0].message
    assert found[0].related == ("expenditure.2010698.total", "general_budget.2010698.total")


@pytest.mark.rule("K-001", "fails")
def test_known__code_printed_with_two_names_is_still_only_a_hint():
    text = mutate_tables(SHANGHAI, '{code: "2010608"', '{code: "2010698"')
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if '"2010698"' in line)
    lines[first] = lines[first].replace("财政委托业务支出", "财政委托业务")
    found = code_findings("".join(lines))
    assert [(f.rule_id, f.severity, f.actual) for f in found] == [("K-001", "提示", "2010698")]
    assert "各表名称不一致" in found[0].message


@pytest.mark.rule("K-001", "passes")
def test_known__codes_of_the_edition_pass():
    assert flat(check(parse_text(SHANGHAI)), "K-001") == []


@pytest.mark.rule("K-002", "fails")
def test_names__name_of_another_subject():
    d = disclosure(tables={"government_fund": """
      total: {code: 合计, name: 合计, income: 50.00, expenditure: 50.00, project: 50.00}
      rows:
        - {code: "229", name: 其他支出, income: 50.00, expenditure: 50.00, project: 50.00}
        - {code: "22904", name: 专项债券支出, income: 50.00, expenditure: 50.00, project: 50.00}"""})
    assert flat(check(d), "K-002", "rule_id", "expected", "actual") == [
        ("K-002", "其他政府性基金及对应专项债务收入安排的支出", "专项债券支出")]


@pytest.mark.rule("K-002", "fails")
def test_names__name_against_a_row_printed_in_a_source_of_the_same_year_is_a_warning_once():
    # 2101101 行政单位医疗 is printed in the Shanghai 2024 sample (V-SH-SAMPLE): a 2024 document
    # printing another name for it in three tables gets one 警告, the other cells as related.
    found = code_findings(mutate_tables(SHANGHAI, "name: 行政单位医疗,", "name: 行政单位医疗费,"))
    assert [(f.rule_id, f.severity, f.expected, f.actual) for f in found] == [
        ("K-002", "警告", "行政单位医疗", "行政单位医疗费")]
    assert len(found[0].related) == 2


@pytest.mark.rule("K-002", "fails")
def test_names__name_against_an_unverified_row_is_a_hint():
    # 22904's name in the packaged list is recalled (R): a difference cannot be more than a 提示.
    d = disclosure(tables={"government_fund": """
      total: {code: 合计, name: 合计, income: 50.00, expenditure: 50.00, project: 50.00}
      rows:
        - {code: "229", name: 其他支出, income: 50.00, expenditure: 50.00, project: 50.00}
        - {code: "22904", name: 专项债券支出, income: 50.00, expenditure: 50.00, project: 50.00}"""})
    assert flat(check(d), "K-002", "rule_id", "severity") == [("K-002", "提示")]


@pytest.mark.rule("K-002", "fails")
def test_names__a_2025_document_is_not_judged_by_2024_sources():
    # No 2025 list is stored: the 2024 rows stand in, unverified for 2025.
    text = mutate_tables(SHANGHAI, "name: 行政单位医疗,", "name: 行政单位医疗费,").replace("year: 2024", "year: 2025", 1)
    assert [(f.rule_id, f.severity) for f in code_findings(text)] == [("K-002", "提示")]


@pytest.mark.rule("K-004", "fails")
def test_outdated__old_class_name_in_a_2024_document():
    # spec/tables.md: 医疗卫生与计划生育支出 → 卫生健康支出 with the 2019 edition (function-renames.csv).
    found = code_findings(mutate_tables(SHANGHAI, "name: 卫生健康支出,", "name: 医疗卫生与计划生育支出,"))
    assert [(f.rule_id, f.severity, f.expected, f.actual) for f in found] == [
        ("K-004", "警告", "卫生健康支出", "医疗卫生与计划生育支出")]
    assert "2019" in found[0].message and "2024年科目表" in found[0].message
    assert len(found[0].related) == 4  # 公开01/02/03/04/05 print the row: one finding


@pytest.mark.rule("K-004", "passes")
def test_outdated__old_name_before_the_rename_is_right():
    text = mutate_tables(SHANGHAI, "name: 卫生健康支出,", "name: 医疗卫生与计划生育支出,")
    assert code_findings(text.replace("year: 2024", "year: 2018", 1)) == []


@pytest.mark.rule("K-004", "passes")
def test_outdated__current_names_pass():
    assert flat(check(parse_text(SHANGHAI)), "K-004") + flat(check(parse_text(URUMQI)), "K-004") == []


@pytest.mark.rule("K-004", "fails")
def test_outdated__a_rename_row_of_the_users_own_file(juesuan_home):
    # No source shows a rename of a 项 of the Urumqi example; the rename row is the test's own data.
    codes = juesuan_home / "codes"
    codes.mkdir(parents=True)
    (codes / "function-renames.csv").write_text(
        "code,old_name,new_name,from_year,provenance\n2150501,行政运行支出,行政运行,2021,TEST\n", encoding="utf-8")
    found = code_findings(mutate_tables(URUMQI, "{code: \"2150501\", name: \"行政运行\"",
                                        "{code: \"2150501\", name: \"行政运行支出\""))
    assert [(f.rule_id, f.severity, f.expected, f.actual) for f in found] == [("K-004", "警告", "行政运行", "行政运行支出")]


@pytest.mark.rule("K-003", "fails")
def test_levels__item_without_its_parent():
    d = disclosure(tables={"government_fund": """
      total: {code: 合计, name: 合计, income: 50.00, expenditure: 50.00, project: 50.00}
      rows:
        - {code: "229", name: 其他支出, income: 50.00, expenditure: 50.00, project: 50.00}
        - {code: "2290402", name: 其他地方自行试点项目收益专项债券收入安排的支出, income: 50.00, expenditure: 50.00, project: 50.00}"""},
        )
    assert flat(check(d), "K-003", "rule_id", "severity", "item") == [
        ("K-003", "警告", "government_fund.2290402.opening_balance")]


def test_levels__a_款_code_on_a_类_line_of_table_01():
    # The file format rejects it; a reader building the model without validation must not slip it past 审核.
    summary = BASE.tables.summary
    classes = (summary.expenditure.classes[0].model_copy(update={"code": "20101"}),
               *summary.expenditure.classes[1:])
    expenditure = summary.expenditure.model_copy(update={"classes": classes})
    tables = BASE.tables.model_copy(update={"summary": summary.model_copy(update={"expenditure": expenditure})})
    d = BASE.model_copy(update={"tables": tables})
    assert flat(check(d), "K-003", "rule_id", "severity", "item") == [("K-003", "错误", "summary.expenditure.20101")]


def last_year():
    """Last year's disclosure as this year's BASE expects it (closing 5.00, 上年 80.00 and 10.00)."""
    last = disclosure(tables={"fiscal_summary": """
      expenditure: {closing_balance: {total: 5.00, general_budget: 5.00}}"""})
    last = replace_value(replace_value(last, "summary.expenditure.closing_balance", D("5.00")),
                         "general_budget.total.total", D("80.00"))
    return replace_value(last, "three_public.final.total", D("10.00"))


@pytest.mark.rule("Y-001", "fails")
def test_opening_balances__differ_from_last_years_closing():
    last = replace_value(last_year(), "summary.expenditure.closing_balance", D("6.00"))
    assert flat(check(BASE, prev=last), "Y-001", "rule_id", "item", "expected", "actual") == [
        ("Y-001", "summary.income.opening_balance", D("6.00"), D("5.00"))]


@pytest.mark.rule("Y-001", "passes")
@pytest.mark.rule("Y-002", "passes")
def test_crossyear__consistent_with_last_year():
    report = check(BASE, prev=last_year())
    assert flat(report, "Y-001") + flat(report, "Y-002") == []


@pytest.mark.rule("Y-002", "fails")
def test_prior_year_figures__differ_from_last_years_disclosure():
    last = replace_value(last_year(), "general_budget.total.total", D("81.00"))
    assert flat(check(BASE, prev=last), "Y-002", "rule_id", "item", "expected", "actual") == [
        ("Y-002", "general_budget.total.total", D("81.00"), D("80.00"))]


def test_crossyear__without_prev_nothing_is_compared():
    assert flat(check(BASE), "Y-001") + flat(check(BASE), "Y-002") == []


@pytest.mark.rule("K-002", "fails")
def test_names__a_2022_document_contradicting_itself_is_a_warning():
    # 2080505's name is printed in Shanghai 2024 documents (V-SH), not in a 2022 source. The Urumqi 2022
    # example printing another name in one table and the listed name in the others contradicts itself.
    lines = URUMQI.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if '{code: "2080505"' in line)
    lines[first] = lines[first].replace("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费")
    found = code_findings("".join(lines))
    assert [(f.rule_id, f.severity, f.actual) for f in found] == [("K-002", "警告", "机关事业单位基本养老保险缴费")]
    assert "公开03表、公开05表" in found[0].message


@pytest.mark.rule("K-002", "fails")
def test_names__a_2022_document_printing_another_name_throughout_gets_a_hint():
    # The same name in every table: perhaps a name of 2022 no stored source shows, so only a 提示.
    text = mutate_tables(URUMQI, "机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费")
    assert [(f.rule_id, f.severity) for f in code_findings(text)] == [("K-002", "提示")]


@pytest.mark.rule("K-004", "fails")
def test_outdated__found_in_a_rendered_workbook_read_back(tmp_path):
    # The old name travels through our XLSX and the reader (names.resolve_* know old names) to K-004.
    render = pytest.importorskip("juesuan.render")
    from juesuan.ingest import read
    from juesuan.narrative.compose import compose

    d = parse_text(mutate_tables(SHANGHAI, "name: 卫生健康支出,", "name: 医疗卫生与计划生育支出,"))
    read_back, _ = read(render.render("xlsx", d, compose(d), tmp_path / "mutant.xlsx"))
    found = [f for f in check(read_back).findings if f.rule_id.startswith("K-")]
    assert [(f.rule_id, f.severity, f.expected) for f in found] == [("K-004", "警告", "卫生健康支出")]
