"""The 自评表 from text without positions, numbers only (ingest/performance_numbers.py).

Fixture: the 14 forms of our Urumqi example (examples/urumqi-iit-2022.yaml) as our typst PDF prints
them, taken to text by pdfplumber (bench/text_shapes.py --keep). Every form's wrapped indicator texts
are out of reach there; its funds, 总分 and each row's 二级指标/分值/得分 are not. The forms are kept
with the texts unknown (``None``, provenanced ``unread``), and 审核 gives the example's findings that
rest on numbers only, setting aside those that need the texts.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan import fileformat
from juesuan.checks.run import run_check
from juesuan.ingest.collect import Collector
from juesuan.ingest.pages import load_text
from juesuan.ingest.performance import parse_projects
from juesuan.ingest.performance_numbers import TEXTS, read_numbers
from juesuan.ingest.performance_rows import Doubt
from juesuan.ingest.performance_text import read_header, text_forms

from .test_performance_text import example, plain  # one reading of the example's forms

ROOT = Path(__file__).resolve().parents[2]
PLUMBER = Path(__file__).parent / "fixtures" / "urumqi-forms-pdfplumber.txt"
PROJECT_FIELDS = ("name", "department", "implementer", "year", "execution_weight", "execution_rate",
                  "execution_score", "total_weight", "total_score")
NUMBERS = ("level1", "level2", "weight", "score")



def numbers(indicator) -> tuple:
    get = indicator.get if isinstance(indicator, dict) else lambda f: getattr(indicator, f)
    return tuple(plain(Decimal(get(f)) if f in ("weight", "score") and get(f) is not None else get(f))
                 for f in NUMBERS)


@lru_cache(maxsize=None)
def read_plumber():
    out = Collector(str(PLUMBER))
    return parse_projects(load_text(PLUMBER), out), out


def test_without_positions__every_form_kept_with_its_numbers_and_its_texts_unknown():
    """Measured: 14/14 forms, 174/174 rows with 二级指标, 分值 and 得分 equal to the example's (empty
    二级指标 rows included); every text of an anchored row None and provenanced unread; list complete."""
    projects, out = read_plumber()
    assert len(projects) == 14
    assert "performance.projects" not in out.sources
    for index, project in enumerate(projects):
        want = example()[plain(project.name)]
        assert [f for f in PROJECT_FIELDS if plain(getattr(project, f)) != plain(getattr(want, f))] \
            == [], project.name
        assert [numbers(i) for i in project.indicators] == [numbers(i) for i in want.indicators], project.name
        for position, indicator in enumerate(project.indicators):
            assert all(getattr(indicator, f) is None for f in TEXTS)  # never "" taken as printed
            paths = [f"performance.projects.{index}.indicators.{position}.{f}" for f in TEXTS]
            if indicator.weight is None:  # an empty 二级指标 row prints no text
                assert not any(p in out.sources for p in paths)
            else:
                assert all(out.sources[p].kind == "unread" for p in paths)


def test_without_positions__check_gives_the_number_findings_and_sets_aside_the_text_ones():
    """审核 of the example with the forms read: the 错误/警告 P- findings that rest on numbers (funds
    P-001, 执行率得分 P-005, 总分 P-008, 一级指标权重 P-009) as the example gives them; those that need the
    texts (P-006 qualitative/formula scores) set aside with an R-004 提示, none extra; N-012 as the example."""
    projects, out = read_plumber()
    d = fileformat.load(ROOT / "examples" / "urumqi-iit-2022.yaml")
    read = d.model_copy(update={"performance": d.performance.model_copy(update={"projects": tuple(projects)}),
                                "provenance": {**d.provenance, **out.sources}})

    def serious(report):
        return {(f.rule_id, f.severity, plain(f.location.project), plain(f.location.indicator))
                for f in report.findings if f.severity in ("错误", "警告")
                and (f.rule_id.startswith("P-") or f.rule_id == "N-012")}
    report = run_check(read)
    expected = serious(run_check(d))
    assert serious(report) == {f for f in expected if f[0] != "P-006"}
    assert {f[0] for f in serious(report)} == {"P-001", "P-005", "P-008", "P-009"}
    assert {f[0] for f in expected} - {f[0] for f in serious(report)} == {"P-006"}
    [note] = [f for f in report.findings if f.rule_id == "R-004" and f.location.table == "performance"]
    assert "处文字" in note.message and "单元格" not in note.message  # texts unknown, not cells of a table


def regions():
    doc = load_text(PLUMBER)
    out = []
    for form in text_forms(list(doc.rows())):
        data, region = read_header(form)
        out.append((data["name"], region))
    return out


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_a_lost_line__never_a_wrong_row(line):
    """A line of a form's indicator rows lost: the form is in doubt, or each row read is one of the
    example's rows of that form (二级指标, 分值, 得分) — a row never takes another's label or numbers."""
    forms = regions()
    name, region = forms[line % len(forms)]
    region = [r for i, r in enumerate(region) if i != (line // len(forms)) % len(region)]
    try:
        rows = read_numbers(region)
    except Doubt:
        return
    expected = [numbers(i) for i in example()[plain(name)].indicators]
    for row in rows:
        assert numbers(row) in expected
