"""The 自评表's wrapped tab lines placed by evidence, or left unknown (ingest/performance_wrap.py).

Fixtures: the 14 forms of our Urumqi example (examples/urumqi-iit-2022.yaml) as tests/ingest/shapes.py
gives them from our typst PDF (``seed-shape-wrapped-rows``: a row with a wrapped cell over two tab rows;
``seed-shape-rough``: the same with trailing blanks dropped and no form feeds) and from our HTML
(``html-innertext``), cut from ``bench/text_shapes.py --keep`` at the forms (first title to last 总分).
A row is right (every field equal to the example's), or its texts are unknown (None, provenanced
unread, reported) with its numbers right; never wrong.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan import fileformat
from juesuan.ingest.collect import Collector
from juesuan.ingest.pages import load_text
from juesuan.ingest.performance import parse_projects
from juesuan.ingest.performance_numbers import TEXTS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
FIELDS = ("level1", "level2", *TEXTS, "weight", "score")


def plain(value):
    if isinstance(value, Decimal):
        return value.normalize()
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value


@lru_cache(maxsize=None)
def example():
    projects = fileformat.load(ROOT / "examples" / "urumqi-iit-2022.yaml").performance.projects
    return {plain(p.name): p for p in projects}


def read(path: Path):
    out = Collector(str(path))
    return parse_projects(load_text(path), out), out


def score(projects, out) -> tuple[int, int, list[str]]:
    """Rows right, rows with texts unknown (numbers right, provenanced unread), and the wrong ones."""
    right, unknown, wrong = 0, 0, []
    for index, project in enumerate(projects):
        want = example()[plain(project.name)].indicators
        assert len(project.indicators) == len(want), project.name
        for position, (have, row) in enumerate(zip(project.indicators, want)):
            diffs = [f for f in FIELDS if plain(getattr(have, f)) != plain(getattr(row, f))]
            paths = [f"performance.projects.{index}.indicators.{position}.{f}" for f in TEXTS]
            if not diffs:
                right += 1
            elif set(diffs) <= set(TEXTS) and all(getattr(have, f) is None for f in TEXTS) \
                    and all(out.sources[p].kind == "unread" for p in paths):
                unknown += 1
            else:
                wrong.append(f"{project.name} #{position}: {diffs}")
    return right, unknown, wrong


def test_wrapped_rows__every_row_right():
    """Measured 174/174: each wrapped line keeps its trailing blanks, its width equals its anchor's, so
    its pieces stay in their own columns ("\\t\\t\\t暖费\\t…" finishes the 三级指标, not the 年度指标值 "=2处")."""
    projects, out = read(FIXTURES / "urumqi-forms-seed-shape-wrapped-rows.txt")
    assert len(projects) == 14
    assert score(projects, out) == (174, 0, [])
    heat = next(p for p in projects if p.name == "原机电老干所运行维护费").indicators[2]
    assert (heat.name, heat.target) == ("支付家属院公共用房取暖费", "=2处")


def test_rough__never_a_wrong_row_the_undecided_ones_unknown():
    """Trailing blanks dropped: no widths. Measured 171 right and 3 unknown (全天候运维保障服务 ×2, whose
    pieces fit 年度指标值/实际完成值 or 三级指标/年度指标值; 维护设备数量（个）: three columns), each reported."""
    projects, out = read(FIXTURES / "urumqi-forms-seed-shape-rough.txt")
    assert len(projects) == 14
    right, unknown, wrong = score(projects, out)
    assert wrong == []
    assert (right, unknown) == (171, 3)
    reported = [p for p in out.not_understood if "可归入不同栏" in p.message]
    assert len(reported) == 3 and all(".indicators." in p.field for p in reported)


def test_html_innertext__year_read_from_the_title_line():
    """"项目支出绩效自评表（2022年度）" on one line (the web page's innerText): every form is of 2022."""
    projects, out = read(FIXTURES / "urumqi-forms-html-innertext.txt")
    assert [p.year for p in projects] == [2022] * 14
    assert score(projects, out) == (174, 0, [])


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def _continuations(lines: list[str]) -> list[int]:
    """Wrapped lines of indicator rows: tab rows printing nothing in their first three columns
    (一级/二级指标 blank: no anchor, no goal or funds line) and no plain number (no 分值/得分)."""
    return [i for i, line in enumerate(lines) if line.startswith("\t\t\t") and line.strip("\t")
            and not any(re.fullmatch(r"\d+(?:\.\d+)?", f) for f in line.split("\t"))]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_wrapped_line_dropping_its_leading_blank__read_the_same(tmp_path_factory, data):
    """As the real seed prints some wrapped lines (one leading blank dropped, trailing blanks kept):
    the width one short tells the shift, the rows read as before (174/174)."""
    lines = _lines("urumqi-forms-seed-shape-wrapped-rows.txt")
    candidates = _continuations(lines)
    chosen = data.draw(st.sets(st.sampled_from(candidates), min_size=1, max_size=12))
    for i in chosen:
        lines[i] = lines[i][1:]
    path = tmp_path_factory.mktemp("wrap") / "forms.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert score(*read(path)) == (174, 0, [])


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_wrapped_line_without_its_trailing_blanks__never_wrong(tmp_path_factory, data):
    """Trailing blanks dropped from any of the wrapped lines (their width then unknown): rows right or
    unknown, never wrong."""
    lines = _lines("urumqi-forms-seed-shape-wrapped-rows.txt")
    candidates = _continuations(lines)
    chosen = data.draw(st.sets(st.sampled_from(candidates), min_size=1, max_size=len(candidates)))
    for i in chosen:
        lines[i] = lines[i].rstrip("\t")
    path = tmp_path_factory.mktemp("wrap") / "forms.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    right, unknown, wrong = score(*read(path))
    assert wrong == [] and right + unknown == 174
