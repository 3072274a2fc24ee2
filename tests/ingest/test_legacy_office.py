"""Word/Excel 97–2003 files (.doc/.xls), as portals still publish 决算公开: our Urumqi example's DOCX and
XLSX saved in the old formats by LibreOffice, read back through LibreOffice's conversion
(ingest/legacy.py) exactly as the DOCX/XLSX are read; without LibreOffice, a message that says how."""

import os
import subprocess
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.ingest import legacy, read
from juesuan.model import iter_table_cells
from juesuan.narrative import compose
from juesuan.render.package import render_package

from .shapes import finding_keys

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "urumqi-iit-2022.yaml"
SOFFICE = legacy.soffice()
# ``make test`` installs LibreOffice (browser-packages): in CI its absence is a failure, not a skip
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{"docx": (docx, doc), "xlsx": (xlsx, xls)}: our files and the same saved in the old format."""
    assert SOFFICE, "LibreOffice (soffice) missing: `make test` installs libreoffice-writer-nogui/-calc-nogui"
    directory = tmp_path_factory.mktemp("legacy")
    d = fileformat.load(EXAMPLE)
    out = {o.name: o.path for o in render_package(("docx", "xlsx"), d, compose(d), directory / "urumqi")}
    pairs = {}
    for kind, old in (("docx", "doc"), ("xlsx", "xls")):
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{directory}/profile", "--headless",
                        "--convert-to", old, "--outdir", str(directory / old), str(out[kind])],
                       check=True, capture_output=True, timeout=240)
        pairs[kind] = (out[kind], directory / old / f"{out[kind].stem}.{old}")
    return d, pairs


@needs_soffice
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_old_binary_format__read_as_its_current_format_is(saved, kind):
    source, pairs = saved
    current, old = pairs[kind]
    assert legacy.is_legacy(old)
    disclosure, report = read(old)
    want = {path: value for path, value in iter_table_cells(source) if value}
    got = dict(iter_table_cells(disclosure))
    assert {path for path, value in want.items() if got.get(path) != value} == set()
    assert (disclosure.meta.department, disclosure.meta.year) == (source.meta.department, source.meta.year)
    assert len(disclosure.performance.projects) == len(source.performance.projects)
    assert finding_keys(disclosure) == finding_keys(read(current)[0])
    assert any("LibreOffice" in p.message for p in report.problems)  # the reader says it converted


@needs_soffice
def test_docx_reader__paragraphs_inside_content_controls(saved):
    """LibreOffice (and Word) put a generated 目录 in a content control (``w:sdt``): its entries were
    skipped, the part headings after it were taken as entries and the cover ran on (C-101 错误)."""
    _, pairs = saved
    ours, old = (read(path)[0] for path in pairs["docx"])
    assert [(line.kind, line.text) for line in old.printed] == [(line.kind, line.text) for line in ours.printed]


def test_old_binary_format__without_libreoffice_says_how_to_read_it(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    path = tmp_path / "决算.doc"
    path.write_bytes(legacy.OLE2 + bytes(512))
    disclosure, report = read(path)
    assert disclosure is None
    assert "LibreOffice" in report.why and "old binary" in report.why and ".docx" in report.why


@needs_soffice
def test_old_binary_format__damaged_file_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "决算.xls"
    path.write_bytes(legacy.OLE2 + bytes(512))
    disclosure, report = read(path)
    assert disclosure is None and "old binary" in report.why and "could not convert" in report.why
