"""The 自评表 read from text without tab cells (ingest/performance_text.py, performance_rows.py).

Fixtures: the 14 forms of our Urumqi example (examples/urumqi-iit-2022.yaml) as our typst PDF prints
them, taken to text by ``pdftotext -layout`` and by pdfplumber (bench/text_shapes.py --keep). Every
form read must equal the example's; a form in doubt is left out and said so, and the list of forms is then marked unread
(``performance.projects``) so that 审核 sets aside what needs every form (the 说明's count, N-012).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan import fileformat
from juesuan.checks.run import run_check
from juesuan.ingest.collect import Collector
from juesuan.ingest.pages import load_text
from juesuan.ingest.performance import parse_projects
from juesuan.ingest.performance_rows import Doubt, read_rows
from juesuan.ingest.performance_text import read_header, source_lines, text_forms
from juesuan.model import ProjectEvaluation

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
LAYOUT = FIXTURES / "urumqi-forms-pdftotext-layout.txt"
PLUMBER = FIXTURES / "urumqi-forms-pdfplumber.txt"
FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_reason")
PROJECT_FIELDS = ("name", "department", "implementer", "year", "funds", "execution_weight", "execution_rate",
                  "execution_score", "total_weight", "total_score")


def plain(value):
    if isinstance(value, Decimal):
        return value.normalize()
    if value is None or not isinstance(value, str):
        return value
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


@lru_cache(maxsize=None)
def example() -> dict[str, ProjectEvaluation]:
    projects = fileformat.load(ROOT / "examples" / "urumqi-iit-2022.yaml").performance.projects
    return {plain(p.name): p for p in projects}


def read_forms(path: Path, drop_line: int | None = None):
    """(read, doubts): each form alone, as the reader sees it."""
    doc = load_text(path)
    source = source_lines(str(path))
    read_, doubts = [], []
    for form in text_forms(list(doc.rows())):
        header = read_header(form)
        try:
            if isinstance(header, str):
                raise Doubt(header)
            data, region = header
            if drop_line is not None and region:
                region = [r for i, r in enumerate(region) if i != drop_line % len(region)]
            data["indicators"] = read_rows(region, source)
            read_.append(ProjectEvaluation.model_validate(data))
        except Doubt as exc:
            doubts.append(str(exc))
    return read_, doubts


def differences(project: ProjectEvaluation) -> list:
    expected = example()[plain(project.name)]
    out = [f for f in PROJECT_FIELDS if f != "funds" and plain(getattr(project, f)) != plain(getattr(expected, f))]
    for key in ("total", "current_appropriation", "carryover", "other"):
        got, want = getattr(project.funds, key), getattr(expected.funds, key)
        # our renderers print 2 decimals (供热改造 33.003 is printed 33.00)
        if any(plain(getattr(got, c)) != plain(getattr(want, c)) and
               (getattr(want, c) is None or getattr(got, c) != getattr(want, c).quantize(Decimal("0.01")))
               for c in ("initial_budget", "full_year_budget", "execution")):
            out.append(f"funds.{key}")
    if len(project.indicators) != len(expected.indicators):
        out.append(f"{len(project.indicators)} indicators, not {len(expected.indicators)}")
    for got, want in zip(project.indicators, expected.indicators):
        out += [(got.name, f) for f in FIELDS if plain(getattr(got, f)) != plain(getattr(want, f))]
    return out


def test_layout__forms_read_equal_the_example():
    """Measured: all 14 forms read, 174 indicator rows, all equal."""
    read_, doubts = read_forms(LAYOUT)
    assert len(read_) + len(doubts) == 14
    assert len(read_) >= 14
    assert {p.name: differences(p) for p in read_} == {p.name: [] for p in read_}
    assert sum(len(p.indicators) for p in read_) >= 174


def test_layout__spaces_tried_as_column_breaks_when_only_one_choice_places_every_row():
    """甘泉堡: the 生态效益 row's anchor line holds only 分值/得分; above it "实现低碳排量低耗电低耗
    <=40毫克每 0毫克每立方" (three columns one space apart, x off by 4–9), below "燃气供暖 立方米 米"."""
    form = next(p for p in read_forms(LAYOUT)[0] if p.name.startswith("甘泉堡"))
    row = next(i for i in form.indicators if i.level2 == "生态效益指标")
    assert (row.name, row.target, row.actual) == ("实现低碳排量低耗电低耗燃气供暖", "<=40毫克每立方米", "0毫克每立方米")


def test_layout__columns_one_space_apart_are_cut_where_the_lines_beside_show_them():
    """华电: "除改造，新建一座供热 =277.50MW 277.5MW" on the anchor line with nothing of 指标值/完成值
    above or below; BRT: "民幸福指数, 完全达到预" with "期效果" two lines under "完全达到预"."""
    read_ = {p.name: p for p in read_forms(LAYOUT)[0]}
    heat = read_["华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金"].indicators[1]
    assert (heat.name, heat.target, heat.actual) == ("进行2号机组低压缸切除改造，新建一座供热首站", "=277.50MW", "277.5MW")
    brt = next(p for name, p in read_.items() if "BRT" in name)
    social = next(i for i in brt.indicators if i.level2 == "社会效益指标")
    assert (social.target, social.actual) == ("不断提升居民幸福指数,保障人员安全出行", "完全达到预期效果")


def test_layout__a_continued_page_without_a_full_row_takes_its_own_columns():
    """The 政务云 forms' 续表 pages print no line with all of 三级指标/指标值/完成值 and sit 1–7
    characters left of the first page: their columns come from their own pieces (three bands)."""
    read_, _ = read_forms(LAYOUT)
    names = {p.name for p in read_}
    assert {"2021年度乌鲁木齐市政务云服务项目", "2022年度乌鲁木齐市政务云服务项目"} <= names
    cloud = next(p for p in read_ if p.name == "2021年度乌鲁木齐市政务云服务项目")
    row = next(i for i in cloud.indicators if i.level2 == "可持续影响指标")
    assert (row.name, row.target, row.actual) == ("不断提升全市自建信息化系统上云率。", "不断提高", "基本达到预期效果")


def test_layout__wrapped_rows_rejoin():
    read_, _ = read_forms(LAYOUT)
    first = next(p for p in read_ if p.name == "原机电老干所运行维护费")
    social = next(i for i in first.indicators if i.level2 == "社会效益指标")
    assert (social.name, social.target, social.actual) == ("确保小区内基本设施完好,正常使用", "持续保持", "部分达到预期效果")
    assert plain(social.deviation_reason) == plain("小区设施老旧，通过维修仅能勉强使用")


def test_without_positions__wrapped_rows_are_left_out_not_guessed():
    read_, doubts = read_forms(PLUMBER)
    assert read_ == [] or all(differences(p) == [] for p in read_)
    assert len(doubts) == 14 - len(read_)
    assert any("折行" in d for d in doubts)


def layout_with_a_line_lost(directory: Path) -> Path:
    """The -layout text with the 甘泉堡 form's last wrapped line lost ("燃气供暖 立方米 米"): that form
    is in doubt, the other 13 are not."""
    lines = source_lines(str(LAYOUT))
    lost = [n for n, line in enumerate(lines) if line.split() == ["燃气供暖", "立方米", "米"]]
    assert len(lost) == 1
    path = directory / "layout-line-lost.txt"
    path.write_text("\n".join(line for n, line in enumerate(lines) if n != lost[0]), encoding="utf-8")
    return path


# pdfplumber: its forms are now kept from their numbers (tests/ingest/test_performance_numbers.py)
@pytest.mark.parametrize("shape", ["layout-line-lost"])
def test_forms_in_doubt__left_out_the_rest_kept_and_the_list_marked_unread(shape, tmp_path):
    """Through ``parse_projects``: the forms read with certainty are kept (each equal to the
    example's), those in doubt are reported and left out, and the list is provenanced
    ``performance.projects`` ``unread``. 审核 of the example with what was kept then gives no P-
    finding the example does not give for those forms, and sets aside what needs every form (N-012)."""
    path = PLUMBER if shape == "pdfplumber" else layout_with_a_line_lost(tmp_path)
    out = Collector(str(path))
    projects = parse_projects(load_text(path), out)
    assert shape == "pdfplumber" or len(projects) == 13
    read_, doubts = read_forms(path)
    messages = [p.message for p in out.problems if p.field == "performance.projects"]
    assert [p.name for p in projects] == [p.name for p in read_]
    assert {p.name: differences(p) for p in projects} == {p.name: [] for p in projects}
    assert sum("未收录" in m for m in messages) == len(doubts) >= 1
    assert out.sources["performance.projects"].kind == "unread"
    d = fileformat.load(ROOT / "examples" / "urumqi-iit-2022.yaml")
    kept = d.model_copy(update={"performance": d.performance.model_copy(update={"projects": tuple(projects)}),
                                "provenance": {**d.provenance, "performance.projects": out.sources["performance.projects"]}})

    def serious(disclosure):  # keyed as bench/text_shapes.py keys them: values print as read ("10.0")
        # names as tests/ingest/shapes.py keys them: "2019—2020 年度…（站）" and "2019—2020年度…(站)" are one
        return {(f.rule_id, f.severity, plain(f.location.project), plain(f.location.indicator))
                for f in run_check(disclosure).findings
                if f.severity in ("错误", "警告") and (f.rule_id.startswith("P-") or f.rule_id == "N-012")}
    names = {plain(p.name) for p in projects}
    assert serious(kept) == {f for f in serious(d) if f[0] != "N-012" and f[2] in names}


def test_every_form_read__the_list_is_not_marked():
    """A text with only forms read with certainty (the -layout forms read, the others cut out): all kept,
    no ``performance.projects`` provenance."""
    lines = source_lines(str(LAYOUT))
    doc = load_text(LAYOUT)
    doubtful = []
    for form in text_forms(list(doc.rows())):
        header = read_header(form)
        try:
            if isinstance(header, str):
                raise Doubt(header)
            read_rows(header[1], lines)
        except Doubt:
            doubtful.append((form.rows[0].line, form.rows[-1].line))
    kept = [line for n, line in enumerate(lines, 1) if not any(a <= n <= b for a, b in doubtful)]
    cut = LAYOUT.parent / "_cut.txt"
    try:
        cut.write_text("\n".join(kept), encoding="utf-8")
        out = Collector(str(cut))
        projects = parse_projects(load_text(cut), out)
    finally:
        cut.unlink(missing_ok=True)
    assert len(projects) == 14 - len(doubtful)
    assert "performance.projects" not in out.sources


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_a_lost_line__never_a_wrong_row(line):
    """A line of a form's indicator rows lost (a copy that drops one): the form is left out or its
    rows read are each one of the example's rows, whole — never a row with another row's pieces."""
    read_, _ = read_forms(LAYOUT, drop_line=line)
    for project in read_:
        expected = {tuple(plain(getattr(i, f)) for f in FIELDS) for i in example()[plain(project.name)].indicators}
        for row in project.indicators:
            assert tuple(plain(getattr(row, f)) for f in FIELDS) in expected
