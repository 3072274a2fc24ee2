"""Bad input never crashes or hangs: a clear problem or a partial result."""

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.ingest import read

from .conftest import SEED, SHANGHAI_PDF, need, scanned_page

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_read__missing_file_reports_problem(tmp_path):
    disclosure, report = read(tmp_path / "nope.pdf")
    assert disclosure is None and "文件不存在" in report.problems[0].message


def test_read__truncated_pdf_reports_problem(tmp_path):
    data = need(SHANGHAI_PDF).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    disclosure, report = read(path)
    assert disclosure is None or report.problems or report.tables_missing


@FAST
@given(st.binary(max_size=4096), st.sampled_from([".pdf", ".docx", ".xlsx", ".txt", ""]))
def test_read__random_bytes_never_raise(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(data)
    disclosure, report = read(path, ocr=False)
    assert report.file == str(path)


@FAST
@given(st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_read__corrupted_pdf_never_raises(tmp_path_factory, seed, flips):
    data = bytearray(need(SHANGHAI_PDF).read_bytes())
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path_factory.mktemp("pdf") / "c.pdf"
    path.write_bytes(bytes(data))
    read(path, ocr=False)


@FAST
@given(st.integers(0, 2**32 - 1))
def test_read__shuffled_seed_lines_never_raise(tmp_path_factory, seed):
    lines = need(SEED).read_text(encoding="utf-8").splitlines()
    random.Random(seed).shuffle(lines)
    path = tmp_path_factory.mktemp("txt") / "s.txt"
    path.write_text("\n".join(lines[:300]), encoding="utf-8")
    read(path)


def test_read__pdf_prefix_on_garbage_is_clear(tmp_path: Path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    disclosure, report = read(path)
    assert disclosure is None and "PDF" in report.problems[0].message


def test_read__scanned_pdf_with_ocr_off_says_so(tmp_path):
    from juesuan.ingest import read

    disclosure, report = read(scanned_page(tmp_path, 17), ocr=False)
    assert disclosure is None and "OCR" in report.problems[0].message


def _office_fakes(tmp_path: Path) -> dict[str, Path]:
    """What portals publish under an Office name: text, an old binary workbook, a cut DOCX."""
    docx = need(SHANGHAI_PDF).with_suffix(".pdf")  # any real bytes: the PDF cut to look like a zip
    files = {
        "text.xlsx": b"not a spreadsheet",
        "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "cut.docx": b"PK\x03\x04" + docx.read_bytes()[:2000],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in files}


def test_read__office_names_on_other_bytes_say_what_the_file_is(tmp_path):
    """A .xlsx that is not a zip was read as text ('no year, no department'); now named as such."""
    fakes = _office_fakes(tmp_path)
    messages = {name: read(path)[1].why for name, path in fakes.items()}
    assert all(read(path)[0] is None for path in fakes.values())
    # the problem names the file (once: the batch summary prints it beside the reason)
    assert all(read(path)[1].problems[0].file == str(path) for path in fakes.values())
    assert not any(str(fakes[name]) in message for name, message in messages.items())
    assert "not a valid .xlsx" in messages["text.xlsx"] and "old binary" in messages["old.xls"]
    assert "zip" in messages["cut.docx"]


def test_read__text_that_is_no_disclosure_says_so(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    disclosure, report = read(path)
    assert disclosure is None and "not a disclosure" in report.why


def test_check__a_batch_goes_on_and_its_summary_says_why_each_file_was_skipped(tmp_path):
    """``juesuan check`` over unreadable files and a good one: each bad file gets its reason in
    the summary CSV, the good one is checked; alone, a bad file exits 2 with a located message."""
    from typer.testing import CliRunner

    from juesuan.cli import app

    from .conftest import EXAMPLES

    fakes = {name: path for name, path in _office_fakes(tmp_path).items() if not name.endswith(".xls")}
    fakes["notes.txt"] = tmp_path / "notes.txt"
    fakes["notes.txt"].write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    good = need(EXAMPLES / "shanghai-putuo-czj-2024.yaml")
    summary = tmp_path / "summary.csv"
    result = CliRunner().invoke(app, ["check", *map(str, fakes.values()), str(good), "--summary", str(summary),
                                      "--min-severity", "错误"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    rows = summary.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(rows) == len(fakes) + 1
    assert all("无法读取 / unreadable: " in row and "/" in row.split("unreadable: ", 1)[1] for row in rows[:-1])
    assert rows[-1].endswith(",ok")
    alone = CliRunner().invoke(app, ["check", str(fakes["text.xlsx"])])
    assert alone.exit_code == 2 and "text.xlsx" in alone.output and "Traceback" not in alone.output
