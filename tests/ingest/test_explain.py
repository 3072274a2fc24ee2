"""``juesuan parse --explain``: each stage's decisions, recorded only when asked, changing nothing.

Fixtures: a small disclosure of our own written here (a tab grid, a narrative), the shared
Shanghai PDF, pdfplumber's text of it, and the seed text dump.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.ingest import read
from juesuan.ingest.explain import dumps_json, to_json, to_text

from .conftest import SEED, SHANGHAI_PDF, need

OWN = (
    "某某局2024年度部门决算\n"
    "公开02表 收入决算表\n"
    "单位：万元\n"
    "科目编码\t科目名称\t本年收入合计\t财政拨款收入\t其他收入\n"
    "\t合计\t110.00\t100.00\t10.00\n"
    "201\t一般公共服务支出\t110.00\t100.00\t10.00\n"
    "第二部分 某某局2024年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "某某局2024年度收入支出总计110.00万元。\n"
    "七、财政拨款“三公”经费支出决算情况说明\n"
    "公务接待费支出1.00万元，其中：5批次。\n"
    "八、国有资产占有情况\n"
    "单价100万元（含）以上设备（不含车辆）0台（套）。\n"
)


@pytest.fixture()
def own(tmp_path):
    path = tmp_path / "own.txt"
    path.write_text(OWN, encoding="utf-8")
    return path


def test_off_by_default__the_report_carries_no_trace(own):
    _, report = read(own)
    assert report.trace is None
    assert "trace" not in report.model_dump()


def test_own_table__title_cue_column_plan_and_rows(own):
    _, report = read(own, explain=True)
    trace = report.trace
    assert (trace.department, trace.year) == ("某某局", 2024)
    assert trace.department_line == "某某局2024年度部门决算"
    [income] = trace.tables
    assert (income.key, income.title.alias, income.title.number) == ("income", "收入决算表", "公开02表")
    assert (income.title.page, income.title.line) == (1, 2)
    assert [(s.kind, s.line) for s in income.steps] == [("unit", 3), ("end", 7)]
    plan = {c.header: (c.field, c.evidence) for c in income.route.columns}
    assert plan["科目名称"][0] == "name"
    assert plan["本年收入合计"] == ("total", "表头关键词 header keyword “本年收入合计”")
    assert plan["财政拨款收入"] == ("fiscal_appropriation", "表头关键词 header keyword “财政拨款”")
    assert plan["其他收入"][0] == "other"
    rows = {r.line: r for r in income.rows}
    assert rows[4].status == "no-amounts"
    assert rows[6].status == "placed"
    assert {c.path: str(c.value) for c in rows[6].placed} == {
        "201.total": "110.00", "201.fiscal_appropriation": "100.00", "201.other": "10.00"}
    assert (income.seen, income.placed, income.unread_whole) == (6, 6, None)


def test_own_narrative__figures_made_claims_and_figures_set_aside(own):
    _, report = read(own, explain=True)
    figures = [(s.section, f.text, f.item, f.why) for s in report.trace.sentences for f in s.figures]
    assert ("第二部分一", "110.00万元", "summary.income.grand_total", None) in figures
    # "单价100万元（含）以上": a threshold, not a figure
    assert any(text == "100万元" and why and "threshold" in why for _, text, _, why in figures)
    # "其中：5批次" names no item: not the clause's main figure
    assert any(text == "5批次" and why and "sub-clause" in why for _, text, _, why in figures)
    # every claim appears once, under its own sentence
    assert sum(1 for *_, why in figures if why is None) == report.claims


def test_recording_changes_nothing_that_is_read(own):
    for path in (own, need(SEED)):
        plain, plain_report = read(path)
        traced, traced_report = read(path, explain=True)
        assert traced.model_dump() == plain.model_dump()
        assert traced_report.model_dump() == plain_report.model_dump()


def test_shanghai_pdf__every_table_by_its_title_and_header(shanghai):
    _, plain = shanghai
    _, report = read(need(SHANGHAI_PDF), explain=True)
    trace = report.trace
    assert (trace.department, trace.year, trace.profile) == ("上海市普陀区财政局", 2024, "shanghai-2024")
    assert [t.key for t in trace.tables] == list(report.tables_found)
    for table in trace.tables:
        assert (table.seen, table.placed) == report.coverage[table.key]
        placed = sum(1 for r in table.rows for c in r.placed if c.value)
        assert placed == table.placed, table.key
        assert all(r.status in ("placed", "no-amounts") for r in table.rows), table.key
    income = next(t for t in trace.tables if t.key == "income")
    assert (income.title.page, income.title.text) == (8, "收入决算表")
    fields = [c.field for c in income.route.columns if c.field not in (None, "name")]
    assert fields == ["total", "fiscal_appropriation", "higher_level_subsidy", "business", "operating",
                      "affiliated_remittance", "other"]
    empty = next(t for t in trace.tables if t.key == "government_fund")
    assert [s.kind for s in empty.steps if s.kind == "note"] == ["note"]
    assert sum(1 for s in trace.sentences for f in s.figures if f.why is None) == report.claims == plain.claims


def test_text_dump__unread_tables_and_rows_say_why(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(need(SHANGHAI_PDF)) as pdf:
        text = "\f".join(page.extract_text() or "" for page in pdf.pages)
    dump = tmp_path / "shanghai.txt"
    dump.write_text(text, encoding="utf-8")
    _, report = read(dump, explain=True)
    tables = {t.key: t for t in report.trace.tables}
    for key, table in tables.items():
        assert (table.unread_whole is not None) == (key in report.tables_unread), key
        assert table.route is not None and table.route.route in (
            "columns", "reading-order", "identities", "columns→identities", "groups")
        if table.placed < table.seen:  # what was printed and not placed shows on its rows
            assert any(r.status in ("unread", "partial") for r in table.rows), key
    unread = [r for t in tables.values() for r in t.rows if r.status == "unread"]
    assert unread and all(r.seen for r in unread)
    assert any(r.reasons for r in unread)
    # the trace's own words for these tables
    text = to_text(report)
    for key in report.tables_unread:
        assert f"[{key}]" in text
    assert "全表按未读处理" in text and "whole table unread" in text


def test_json__exact_money_and_the_same_decisions(own):
    _, report = read(own, explain=True)
    data = json.loads(dumps_json([report]))
    assert data == to_json(report.trace)
    row = next(r for r in data["tables"][0]["rows"] if r["line"] == 6)
    assert {c["path"]: c["value"] for c in row["placed"]}["201.total"] == "110.00"
    assert data["tables"][0]["title"]["number"] == "公开02表"
    assert data["confidence"] == "1.00"


def test_cli__explain_text_json_and_file(own, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["parse", str(own), "--explain"])
    assert result.exit_code == 0, result.output
    assert "公开02表 收入决算表  [income]" in result.output
    assert "表头关键词 header keyword “财政拨款”" in result.output
    assert "meta:" not in result.output  # the YAML goes to -o only when explaining
    assert "公开03表 未找到 not found" in result.output and "支出决算表、部门支出决算表" in result.output

    result = runner.invoke(app, ["parse", str(own), "--explain", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tables"][0]["key"] == "income"

    target = tmp_path / "why.json"
    result = runner.invoke(app, ["parse", str(own), "-o", str(tmp_path / "own.yaml"), "--explain-json", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["department"] == "某某局"
    assert (tmp_path / "own.yaml").exists()

    result = runner.invoke(app, ["parse", str(own), "--json"])
    assert result.exit_code == 2
    assert "--explain" in result.output


def test_cli__unreadable_file_explains_why_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = CliRunner().invoke(app, ["parse", str(bad), "--explain", "--json"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    data = json.loads(result.stdout)
    assert data["trace"] is None and "PDF" in data["why"]


def test_column_plan__keyword_else_printed_order():
    from juesuan.ingest.columns import choose_bands, map_bands

    by_words = choose_bands("general_budget", {2: "项目支出", 3: "合计", 4: "基本支出"}, 2, 4)
    assert {b: f for b, (f, _) in by_words.items()} == {2: "project", 3: "total", 4: "basic"}
    assert by_words[2][1] == "表头关键词 header keyword “项目支出”"
    # headers that name nothing: three bands for three fields are taken in the printed order
    by_order = choose_bands("general_budget", {2: "栏1", 3: "栏2", 4: "栏3"}, 2, 4)
    assert [f for f, _ in by_order.values()] == ["total", "basic", "project"]
    assert all(e.startswith("印出顺序 printed order") for _, e in by_order.values())
    assert map_bands("general_budget", {2: "栏1", 3: "栏2", 4: "栏3"}, 2, 4) == {2: "total", 3: "basic", 4: "project"}
    # two bands for three fields: nothing is guessed
    assert choose_bands("general_budget", {2: "栏1", 3: "栏2"}, 2, 3) == {}


def test_own_pdf__the_rows_hold_every_cell_where_the_model_has_it(tmp_path):
    """Our own PDF of the Urumqi example: each value the trace shows placed on a row is the value
    the disclosure holds for that cell, and every non-zero cell of the example is among them."""
    from juesuan import fileformat
    from juesuan.model import iter_table_cells

    from .conftest import EXAMPLES

    render = pytest.importorskip("juesuan.render")
    compose = pytest.importorskip("juesuan.narrative.compose").compose
    disclosure = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml"))
    pdf = tmp_path / "out.pdf"
    render.render("pdf", disclosure, compose(disclosure), pdf)
    parsed, report = read(pdf, explain=True)
    cells = dict(iter_table_cells(parsed))
    placed = {f"{t.key}.{c.path}": c.value for t in report.trace.tables for r in t.rows for c in r.placed}
    assert placed and all(cells[path] == value for path, value in placed.items())
    assert {path for path, value in iter_table_cells(disclosure) if value} <= set(placed)
    assert {t.key for t in report.trace.tables} == {key for key in report.tables_found}
    assert all(t.route is not None and t.unread_whole is None for t in report.trace.tables)


_LINES = OWN.splitlines() + [
    "公开03表 支出决算表（续表）", "支出决算表", "\t合计\t110.00\t\t10.00", "201 06\t财政事务\t110.00", "注：本表无数据。",
    "其他收入6.2万元，占0.21%；", "三、支出决算情况说明", "— 2 —", "\f", "208\t社会保障和就业支出\t-\t0.00\t—",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_any_arrangement__recording_never_fails_and_changes_nothing(tmp_path, picked, newline):
    """Lines of our own fixture in any order (titles without tables, tables without headers, page
    breaks anywhere): reading with the trace gives the same disclosure and report, and every
    claim shows once in it."""
    path = tmp_path / "any.txt"
    path.write_text(newline.join(picked), encoding="utf-8")
    try:
        plain, plain_report = read(path)
    except TypeError:  # a reader's own failure (test_flat_total_row_in_conflict…): the same with the trace
        with pytest.raises(TypeError):
            read(path, explain=True)
        return
    traced, report = read(path, explain=True)
    assert (traced is None) == (plain is None)
    if plain is not None:
        assert traced.model_dump() == plain.model_dump()
    assert report.model_dump() == plain_report.model_dump()
    assert report.trace is not None and to_text(report)
    assert sum(1 for s in report.trace.sentences for f in s.figures if f.why is None) == report.claims
    json.loads(dumps_json([report]))


def test_seed_dump__self_evaluation_forms_and_lines_not_placed(seed):
    disclosure, _ = seed
    _, report = read(need(SEED), explain=True)
    forms = report.trace.projects
    assert [f.name for f in forms] == [p.name for p in disclosure.performance.projects]
    assert [f.indicators for f in forms] == [len(p.indicators) for p in disclosure.performance.projects]
    said = {(p.page, p.line, p.message) for p in report.not_understood + report.problems
            if p.field == "performance.projects"}
    assert set(report.trace.project_problems) == said
    assert "绩效自评表 self-evaluation forms" in to_text(report)


def test_flat_total_row_in_conflict__read_does_not_raise(tmp_path):
    """Found by the property above: a 公开03 title over 公开02's header, one coded row, and a narrative
    sentence with 总计 taken as the table's 合计 row. ``read`` must report, never raise."""
    path = tmp_path / "conflict.txt"
    path.write_text("支出决算表\n科目编码\t科目名称\t本年收入合计\t财政拨款收入\t其他收入\n"
                    "201\t一般公共服务支出\t110.00\t100.00\t10.00\n某某局2024年度收入支出总计110.00万元。",
                    encoding="utf-8")
    disclosure, report = read(path)  # ingest/flat.py iterated options['total'] = None (TypeError)
    assert disclosure is not None or report.problems
