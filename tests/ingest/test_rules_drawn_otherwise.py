"""Tables whose borders are drawn otherwise than one path per line: batched into one path
(a producer that fills many rectangles at once), or left out with the header shading kept."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.ingest import read
from juesuan.model import iter_table_cells

from .batched_rules import batch_rules, drop_rules
from .conftest import EXAMPLES, SHANGHAI_PDF, need
from .test_libreoffice_pdf import INDICATOR_FIELDS, squash


@pytest.fixture(scope="module")
def urumqi_pdf(tmp_path_factory) -> tuple[object, Path]:
    from juesuan.narrative import compose
    from juesuan.render import render

    example = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml"))
    path = render("pdf", example, compose(example), tmp_path_factory.mktemp("typst") / "urumqi.pdf")
    return example, path


def _wrong(example, parsed) -> dict:
    got = dict(iter_table_cells(parsed))
    return {path: (value, got.get(path)) for path, value in iter_table_cells(example) if got.get(path) != value}


def test_read__rules_batched_into_one_path_read_as_lines(tmp_path, urumqi_pdf):
    """Before: the path's bounding box (the whole table) was no line; 241/304 amounts, 56 wrong
    and 0/174 indicator rows on the Urumqi PDF."""
    example, source = urumqi_pdf
    assert batch_rules(source, tmp_path / "batched.pdf") > 1000
    parsed, _ = read(tmp_path / "batched.pdf")
    assert _wrong(example, parsed) == {}
    rows = [[squash(getattr(i, f)) for f in INDICATOR_FIELDS] for p in parsed.performance.projects for i in p.indicators]
    assert rows == [[squash(getattr(i, f)) for f in INDICATOR_FIELDS]
                    for p in example.performance.projects for i in p.indicators]


def test_read__a_real_pdf_with_batched_rules(tmp_path):
    example = fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml"))
    batch_rules(need(SHANGHAI_PDF), tmp_path / "batched.pdf")
    parsed, _ = read(tmp_path / "batched.pdf")
    assert _wrong(example, parsed) == {}


def test_read__borderless_tables_with_shaded_headers_give_no_false_error(tmp_path, urumqi_pdf):
    """Our PDF with every line removed (header shading kept): what the reader cannot place is
    unknown (provenance ``unread``), never a printed zero; forms it cannot read are reported
    and left out. Before: 56 amounts read as 0.00 and 31 T02-001, 14 P-004, 14 P-008 错误."""
    import juesuan

    example, source = urumqi_pdf
    drop_rules(source, tmp_path / "borderless.pdf")
    parsed, report = read(tmp_path / "borderless.pdf")
    unread = {path for path, s in parsed.provenance.items() if s.kind == "unread"}
    # rows left out are reported ("columns not proven"); what is read and not marked unread is right
    wrong = {path: pair for path, pair in _wrong(example, parsed).items()
             if path not in unread and pair[1] is not None}
    assert wrong == {}
    assert unread and all(s.page and s.line for p, s in parsed.provenance.items() if s.kind == "unread")
    findings = juesuan.check(parsed)
    assert Counter(f.rule_id for f in findings.findings if str(f.severity) == "错误") == Counter()
    # names printed on two lines around their row's codes are joined (before: 14 K-002 警告)
    assert findings.by_rule("K-002") == []
    for key in ("income", "expenditure", "general_budget"):
        printed = {row.code: row.name for row in getattr(example.tables, key).rows}
        read_back = {row.code: row.name for row in getattr(parsed.tables, key).rows}
        assert {code: (printed[code], name) for code, name in read_back.items() if printed[code] != name} == {}
    assert findings.by_rule("R-004")
    left_out = [p for p in report.problems if p.field == "performance.projects"]
    assert len(left_out) == len(example.performance.projects) and not parsed.performance.projects
