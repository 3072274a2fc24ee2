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
