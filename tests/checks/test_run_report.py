"""The runner (crash-proof, rounding merge), the report formats and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from decimal import Decimal

import pytest
from checks_fragments import disclosure
from typer.testing import CliRunner

from juesuan.checks import REGISTRY, Registry, check
from juesuan.checks.registry import Rule, load_builtin
from juesuan.checks.report import format_finding, to_html, to_json, to_text
from juesuan.cli import app
from juesuan.model import replace_value

D = Decimal
BASE = disclosure()


def tables_rules() -> Registry:
    """Every rule but I-001: BASE holds balanced tables and no other input, whose missing
    inputs I-001 would list (tested in tests/workbook/test_inputs.py)."""
    return Registry(rule for rule in load_builtin() if rule.id != "I-001")


@pytest.mark.rule("R-001", "fails")
def test_merge_rounding__cent_differences_in_one_table_become_one_hint():
    d = replace_value(replace_value(BASE, "general_budget.2010101.total", D("40.01")),
                      "general_budget.2010101.basic", D("40.01"))
    report = check(d)
    merged = report.by_rule("R-001")
    assert [f.flat("rule_id", "severity", "table") for f in merged] == [("R-001", "提示", "general_budget")]
    assert "general_budget.2010101.total" in merged[0].items()
    assert not report.has_errors


@pytest.mark.rule("R-001", "passes")
def test_merge_rounding__exact_tables_give_no_hint():
    assert check(BASE).by_rule("R-001") == []


@pytest.mark.rule("R-002", "fails")
def test_run_check__a_crashing_rule_becomes_a_warning():
    registry = tables_rules()

    def broken(ctx):
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover

    registry.add(Rule("Z-999", "表内", "错误", "always crashes", broken))
    report = check(BASE, registry=registry)
    assert report.flat("rule_id", "severity") == [("Z-999", "警告")]
    assert "ZeroDivisionError" in report.findings[0].message
    assert "Z-999" not in REGISTRY


@pytest.mark.rule("R-002", "passes")
def test_run_check__healthy_rules_report_nothing_on_balanced_data():
    report = check(BASE, registry=tables_rules())
    assert report.findings == () and len(report.rules_run) > 70


def test_registry__duplicate_id_is_refused():
    registry = Registry([Rule("A-001", "表内", "错误", "t", None)])
    with pytest.raises(ValueError):
        registry.add(Rule("A-001", "表内", "错误", "t", None))


def test_select__profile_and_year_versions():
    rule = Rule("A-002", "表内", "错误", "t", None, profiles=("shanghai-2024",), since=2024)
    assert [rule.applies("shanghai-2024", 2024), rule.applies("xinjiang-2022", 2024),
            rule.applies("shanghai-2024", 2022)] == [True, False, False]


def _broken_report():
    return check(replace_value(BASE, "summary.income.grand_total", D("166.00")))


def test_format_finding__compiler_style_line():
    # 总计 166.00 breaks T01-001 and T01-003: one finding at the cell, naming both identities.
    finding = _broken_report().by_rule("T00-001")[0]
    assert format_finding(finding) == (
        "公开01表 收入支出决算总表 收入 总计: [T00-001] 错误 公开01表 收入支出决算总表 收入 总计 为 166.00，"
        "使 2 个恒等式不成立；若为 165.00 则全部成立（所涉恒等式：T01-001 公开01 收入总计 = 本年收入合计 + "
        "使用非财政拨款结余 + 年初结转和结余（公开01表 收入支出决算总表 收入 总计）；T01-003 公开01 收入总计 = 支出总计"
        "（公开01表 收入支出决算总表 收入 总计）） (expected 165.00, actual 166.00, diff 1.00)")


def test_format_finding__file_and_page_of_a_parsed_document():
    data = BASE.model_dump()
    data["provenance"] = {"summary.income.grand_total": {"kind": "parsed", "file": "决算.pdf", "page": 12, "line": 3}}
    d = type(BASE).model_validate(data)
    d = replace_value(d, "summary.income.grand_total", D("166.00"))
    assert str(check(d).by_rule("T00-001")[0].location).startswith("决算.pdf:第12页:第3行: 公开01表")


def test_to_json__findings_as_strings_and_counts():
    data = json.loads(to_json(_broken_report()))
    first = data["findings"][0]
    assert (data["counts"]["错误"] > 0, first["expected"], first["location"]["item"]) == (
        True, "165.00", "summary.income.grand_total")


def test_to_html__self_contained_page():
    page = to_html(_broken_report())
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page
    assert "T00-001" in page and "T01-001" in page


def test_to_text__ends_with_a_summary_line():
    report = check(BASE, registry=tables_rules())
    assert to_text(report).strip().endswith("警告 0，提示 0（规则 %d 条）" % len(report.rules_run))


def test_cli_check__exit_1_on_errors_and_json_output(tmp_path):
    from juesuan import fileformat

    path = tmp_path / "broken.yaml"
    fileformat.dump(replace_value(BASE, "summary.income.grand_total", D("166.00")), path)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--min-severity", "错误"])
    assert result.exit_code == 1
    merged = [f for f in json.loads(result.output)["findings"] if f["rule_id"] == "T00-001"]
    assert [r.split(" ")[0] for r in merged[0]["related_rules"]] == ["T01-001", "T01-003"]


def test_cli_check__clean_file_exits_0_and_writes_html(tmp_path):
    from juesuan import fileformat

    path, out = tmp_path / "ok.yaml", tmp_path / "report.html"
    fileformat.dump(BASE, path)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_rules__lists_id_family_severity_title():
    result = CliRunner().invoke(app, ["rules", "--family", "跨年"])
    assert result.output.splitlines() == [
        "Y-001\t跨年\t警告\t年初结转和结余 = 上年决算的年末结转和结余（可有调整，须在说明中说明，故为警告）",
        "Y-002\t跨年\t警告\t说明中引用的上年数 = 上年决算公开的数字（口径调整须说明，故为警告）"]


def test_cli_check__unreadable_document_exits_2_with_a_message(tmp_path):
    result = CliRunner().invoke(app, ["check", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 2


def test_check_cli__several_files_give_a_summary_and_one_report_each(tmp_path):
    from typer.testing import CliRunner

    from juesuan.cli import app

    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
    result = CliRunner().invoke(app, ["check", *map(str, examples), "-o", str(tmp_path), "--min-severity", "错误"])
    assert result.exit_code == 1  # both worked examples keep their documents' real defects
    assert "审核汇总" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.txt" for p in examples)
    assert "[N-001]" in (tmp_path / "shanghai-putuo-czj-2024.txt").read_text(encoding="utf-8")


@pytest.mark.rule("R-003", "fails")
def test_run_check__narrative_is_not_compared_with_a_missing_table():
    # The seed text says 见附表 without the tables: its 说明 figures cannot be checked against zeros.
    absent = BASE.tables.general_budget.model_copy(update={"rows": (), "total": type(BASE.tables.general_budget.total)(
        code="合计")})
    as_zeros = check(BASE.model_copy(update={"tables": BASE.tables.model_copy(update={"general_budget": absent})}))
    assert as_zeros.has_errors  # read as zeros, the table contradicts 公开04 and the 说明
    tables = BASE.tables.model_copy(update={"general_budget": absent.model_copy(update={"missing": True})})
    report = check(BASE.model_copy(update={"tables": tables}))
    assert not [f for f in report.findings if "general_budget" in {i.split(".")[0] for i in f.items()}
                and not f.rule_id.startswith("C-")]
    [note] = report.by_rule("R-003")
    assert note.flat("severity", "table") == ("提示", "general_budget") and "核对未进行" in note.message
    assert [f.message[:4] for f in report.by_rule("C-001")] == ["文件中未"]


@pytest.mark.rule("R-003", "passes")
def test_run_check__all_tables_present_means_nothing_set_aside():
    assert check(BASE).by_rule("R-003") == []


@pytest.mark.rule("R-004", "fails")
def test_run_check__a_value_the_reader_could_not_place_is_not_compared():
    from juesuan.model import Source

    # the reader saw 40.00 on this row but could not tell its column: basic stays unknown
    d = replace_value(BASE, "general_budget.2010101.basic", D("0.00"))
    assert [f for f in check(d).findings if "general_budget.2010101.basic" in f.items()
            and f.severity == "错误"]
    unknown = Source(kind="unread", ref="栏目无法确定", file="x.pdf", page=3, line=12)
    report = check(d.model_copy(update={"provenance": {**d.provenance, "general_budget.2010101.basic": unknown}}))
    assert not [f for f in report.findings if "general_budget.2010101.basic" in f.items()]
    [note] = report.by_rule("R-004")
    assert note.flat("severity", "table") == ("提示", "general_budget")
    assert "1 个单元格" in note.message and "核对未进行" in note.message


@pytest.mark.rule("R-004", "passes")
def test_run_check__nothing_unread_means_nothing_set_aside():
    assert check(BASE).by_rule("R-004") == []


def test_cli_check__summary_csv_has_one_row_per_file(tmp_path):
    import csv

    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: [", encoding="utf-8")
    out = tmp_path / "summary.csv"
    result = CliRunner().invoke(app, ["check", *map(str, examples), str(broken), "--summary", str(out),
                                      "-o", str(tmp_path / "reports")])
    assert result.exit_code == 1
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["文件 file", "部门 department", "年度 year", "错误"]
    by_file = {row[0]: row for row in rows[1:]}
    assert len(by_file) == len(examples) + 1
    for path in examples:
        report = check(__import__("juesuan").load(path))
        row = by_file[str(path)]
        assert row[1:6] == [report.department, str(report.year), *(str(report.counts.get(s, 0)) for s in ("错误", "警告", "提示"))]
        assert row[6] == ";".join(sorted({f.rule_id for f in report.findings if f.severity == "错误"}))
    assert by_file[str(broken)][-1].startswith("无法读取")
