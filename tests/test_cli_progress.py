"""Progress on the command line (cli/progress.py): a page bar with ETA while OCR reads a scan, a file bar
for a batch, a spinner for a step over a second; nothing when piped, with --quiet, or for a short step.
The reader only calls back (ingest stays pure). OCR itself is stubbed with a timed stand-in: what is
tested is the plumbing and the drawing, not the recogniser (tests/ingest/test_ocr.py tests that)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from juesuan.cli import app, common, progress

SHARED_PDF = Path(__file__).parents[2] / "shared" / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
EXAMPLE = Path(__file__).parents[1] / "examples" / "urumqi-iit-2022.yaml"


@pytest.fixture
def scan(tmp_path) -> Path:
    """Three pages of the shared Shanghai PDF rasterised into an image-only PDF (a scan)."""
    pdfium = pytest.importorskip("pypdfium2")
    if not SHARED_PDF.exists():
        pytest.skip("shared Shanghai PDF not present")
    document = pdfium.PdfDocument(str(SHARED_PDF))
    images = [document[i].render(scale=1).to_pil().convert("RGB") for i in (7, 8, 16)]
    path = tmp_path / "scan.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=72)
    return path


@pytest.fixture
def stub_ocr(monkeypatch):
    """OCR that takes ``seconds`` a page and reads nothing (an empty page)."""
    from juesuan.ingest import ocr
    from juesuan.ingest.pages import Page

    state = {"seconds": 0.0, "pages": 0}

    def page(image, number):
        time.sleep(state["seconds"])
        state["pages"] += 1
        return Page(number)

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_page", page)
    return state


@pytest.fixture
def terminal(monkeypatch):
    """stderr as a terminal the test can read; no delay before a display appears."""
    out = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=out, force_terminal=True, width=140))
    monkeypatch.setattr(progress, "_quiet", False)
    return out


def test_reader_calls_back_for_every_page(scan, stub_ocr):
    from juesuan.ingest import read

    calls = []
    read(scan, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)] and stub_ocr["pages"] == 3


def test_terminal_shows_a_page_bar_with_time_left(scan, stub_ocr, terminal, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.05)
    stub_ocr["seconds"] = 0.4
    common.read_document(scan)
    shown = terminal.getvalue()
    assert "scan.pdf（OCR）" in shown and "第 2/3 页" in shown
    assert "剩余约 0:0" in shown  # the time left, once two pages gave the speed
    assert "已用" in shown


def test_piped_output_has_no_progress(scan, stub_ocr, monkeypatch):
    """CliRunner's stderr is not a terminal: the JSON on stdout and the messages stay clean."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stub_ocr["seconds"] = 0.2
    result = CliRunner().invoke(app, ["check", str(scan), "--format", "json"])
    assert stub_ocr["pages"] == 3
    everything = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "\x1b[" not in everything and "OCR）" not in everything and "已用" not in everything


def test_quiet_and_short_steps_draw_nothing(terminal, monkeypatch):
    with progress.step("短 / short"):  # over well before DELAY (1 s)
        pass
    assert terminal.getvalue() == ""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    progress.set_quiet(True)
    try:
        with progress.step("静默 / quiet") as pages:
            pages(1, 2)
            time.sleep(0.2)
    finally:
        progress.set_quiet(False)
    assert terminal.getvalue() == ""
    with progress.step("长 / long"):  # the same step, not quiet: drawn
        time.sleep(0.2)
    assert "长 / long" in terminal.getvalue()


def test_a_batch_shows_each_file(terminal):
    with progress.files(3, "审核 / checking") as next_file:
        for name in ("a.pdf", "b.pdf", "c.pdf"):
            next_file(name)
            time.sleep(0.15)
    shown = terminal.getvalue()
    assert "审核 / checking b.pdf" in shown and "1/3 个文件" in shown


def test_check_of_a_folder_reads_every_file_under_one_bar(scan, stub_ocr, terminal, monkeypatch, tmp_path):
    """``check DIR`` on a terminal: the file bar and, nested under it, the OCR page bar of the scan."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-scan.pdf").write_bytes(scan.read_bytes())
    (folder / "b.yaml").write_bytes(EXAMPLE.read_bytes())
    monkeypatch.setattr(progress, "DELAY", 0.05)
    stub_ocr["seconds"] = 0.3
    result = CliRunner().invoke(app, ["check", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.output
    shown = terminal.getvalue()
    assert "审核 / checking a-scan.pdf" in shown and "a-scan.pdf（OCR）" in shown and "第 2/3 页" in shown
    assert (tmp_path / "out" / "b.txt").exists()


def test_quiet_option_on_the_command_line(monkeypatch):
    result = CliRunner().invoke(app, ["--quiet", "check", str(EXAMPLE), "--format", "json"])
    assert result.exit_code in (0, 1) and progress._quiet
    CliRunner().invoke(app, ["check", str(EXAMPLE), "--format", "json"])
    assert not progress._quiet  # each run sets it again


def test_build_of_one_format_shows_a_spinner(terminal, monkeypatch, tmp_path):
    """``build FILE --formats pdf``: no bar (one step), a spinner once the step passes DELAY."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "--formats", "pdf", "--force", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "生成 / building urumqi-iit-2022.yaml：pdf" in terminal.getvalue()
    assert (tmp_path / "urumqi-iit-2022.pdf").exists()
