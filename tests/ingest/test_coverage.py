"""Read coverage and the one error stream: printed amounts seen against placed, per table; what
was not placed is unknown (never 0.00) and appears in the check report as 读取 findings (D-…)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, need
from .test_ocr import _with_pictured_page

render = pytest.importorskip("juesuan.render")
compose = pytest.importorskip("juesuan.narrative.compose").compose
NAMES = ["urumqi-iit-2022", "shanghai-putuo-czj-2024"]
READING = ("D-001", "D-002", "D-003", "D-004")


@pytest.fixture(scope="module", params=NAMES)
def rendered(request, tmp_path_factory):
    disclosure = fileformat.load(need(EXAMPLES / f"{request.param}.yaml"))
    directory = tmp_path_factory.mktemp(request.param)
    document = compose(disclosure)
    return disclosure, {fmt: render.render(fmt, disclosure, document, directory / f"out.{fmt}")
                        for fmt in ("pdf", "docx", "xlsx", "html")}


@pytest.mark.rule("D-001", "passes")
@pytest.mark.rule("D-002", "passes")
@pytest.mark.rule("D-003", "passes")
@pytest.mark.rule("D-004", "passes")
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "html"])
def test_own_output__every_printed_amount_placed_confidence_one(rendered, fmt):
    """Confidence 1.00 is earned: every non-zero amount printed in every table was placed, and
    the check report has nothing to say about reading."""
    from juesuan.ingest import read

    disclosure, paths = rendered
    parsed, report = read(paths[fmt])
    assert {key: c for key, c in report.coverage.items() if c[0] != c[1]} == {}
    seen = sum(seen for seen, _ in report.coverage.values())
    printed = sum(1 for _, v in iter_table_cells(disclosure) if v)
    # a spreadsheet stores 100.00 as the number 100, which reads like a code: not counted as seen
    assert seen == printed if fmt != "xlsx" else 0 < seen <= printed
    assert report.confidence == 1 and report.tables_unread == ()
    assert [f.rule_id for f in check(parsed).findings if f.rule_id in READING] == []


def _text_dump(pdf: Path, tmp_path: Path) -> Path:
    """The PDF's text as a viewer copies it: one line per printed line, single spaces, pages by \\f."""
    from juesuan.ingest import load

    doc = load(pdf)
    text = "\f".join("\n".join(" ".join(c.text for c in row.cells) for row in page.rows) for page in doc.pages)
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.rule("D-002", "fails")
@pytest.mark.rule("D-003", "fails")
def test_text_dump__what_is_not_placed_is_unread_never_zero(rendered, tmp_path):
    """Our PDF as single-spaced text: the table reader places most of it (公开07 三公 prints
    amounts that only positions tell apart). Every printed amount is in its cell or unread; none
    is a silent 0.00, none in a wrong cell; confidence says how much was placed, and the check
    report names the tables set aside (D-002, Shanghai) or the cells (D-003, Urumqi)."""
    from juesuan.ingest import read

    disclosure, paths = rendered
    parsed, report = read(_text_dump(paths["pdf"], tmp_path))
    got = dict(iter_table_cells(parsed))
    unread = {p for p, s in parsed.provenance.items() if s.kind == "unread"}
    missing = {k for k in got if getattr(parsed.tables, k.split(".")[0]).missing}
    expected = {k: v for k, v in iter_table_cells(disclosure) if v}
    silent = [k for k, v in expected.items() if got.get(k) == 0 and k not in unread and k not in missing]
    wrong = [k for k, v in expected.items() if got.get(k) not in (0, v, None) and k not in unread]
    assert (silent, wrong) == ([], [])
    placed = sum(placed for _, placed in report.coverage.values())
    seen = sum(seen for seen, _ in report.coverage.values())
    assert placed < seen and report.confidence < 1
    rules = {f.rule_id for f in check(parsed).findings}
    assert ("D-002" if report.tables_unread else "D-003") in rules  # a table set aside, or cells
    assert all(str(f.location).startswith(str(tmp_path)) for f in check(parsed).findings if f.rule_id == "D-002")


@pytest.mark.rule("D-001", "fails")
def test_pictured_page_without_ocr__the_page_is_a_reading_finding(tmp_path):
    """The Shanghai PDF with its 收入决算表 page as a picture, OCR off: the check report says so."""
    from juesuan.ingest import read

    parsed, _ = read(_with_pictured_page(tmp_path, 7), ocr=False)
    found = [f for f in check(parsed).findings if f.rule_id == "D-001"]
    assert len(found) == 1 and "第 8 页" in found[0].message and found[0].severity == "提示"


@pytest.mark.rule("D-004", "fails")
def test_no_title__department_not_found_is_a_reading_finding(tmp_path):
    """Our Shanghai PDF's text without the lines naming the department: said in the check report."""
    from juesuan.ingest import read

    disclosure = fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml"))
    pdf = render.render("pdf", disclosure, compose(disclosure), tmp_path / "out.pdf")
    text = _text_dump(pdf, tmp_path).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.split("\n") if disclosure.meta.department not in line)
    path = tmp_path / "untitled.txt"
    path.write_text(body, encoding="utf-8")
    parsed, _ = read(path)
    assert parsed is not None
    assert any(f.rule_id == "D-004" and "部门名称" in f.message for f in check(parsed).findings)
