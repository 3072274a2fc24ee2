"""Scans: the Shanghai PDF rasterised at 150 dpi and read back by OCR (one table page)."""

from importlib.util import find_spec
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, SHANGHAI_PDF, insert_picture, need, scanned_page

pytestmark = pytest.mark.skipif(find_spec("rapidocr_onnxruntime") is None, reason="ocr extra not installed")


def test_engine__models_ship_inside_the_wheel():
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    assert sorted(p.suffix for p in models.iterdir() if p.suffix == ".onnx") == [".onnx"] * 3


@pytest.mark.slow
def test_ocr_pdf__income_table_page_cells_exact():
    from juesuan.ingest.assemble import assemble
    from juesuan.ingest.ocr import ocr_pdf

    disclosure, report = assemble(ocr_pdf(need(SHANGHAI_PDF), pages=[8, 9]))
    expected = {k: v for k, v in iter_table_cells(fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml")))
                if k.startswith("income.")}
    got = dict(iter_table_cells(disclosure))
    assert {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v} == {}
    assert report.kind == "ocr"


@pytest.mark.slow
def test_read__scanned_pdf_goes_through_ocr(tmp_path):
    from decimal import Decimal

    from juesuan.ingest import read

    disclosure, report = read(scanned_page(tmp_path, 17))  # 公开07
    assert report.kind == "ocr"
    budget = disclosure.tables.three_public.budget
    assert (budget.total, budget.reception) == (Decimal("0.95"), Decimal("0.95"))


def test_box_glyphs__the_radical_read_for_an_enumeration_comma_is_the_comma():
    from juesuan.ingest.ocr import box_glyphs

    glyphs = box_glyphs("慰问离休干部丶遗孀", 0, 0, 90, 10)  # as rapidocr read a LibreOffice-printed 自评表
    assert "".join(g.text for g in glyphs) == "慰问离休干部、遗孀"
    assert glyphs[-1].x1 == 90


@pytest.mark.slow
def test_ocr_pdf__a_self_evaluation_form_printed_by_libreoffice():
    """The first 自评表 of the Urumqi example as a scan (pages 13–14 of the LibreOffice fixture,
    rasterised): its project fields exact, its 17 indicator rows in place; measured 15/17 rows
    exact in every field (2026-11-27): in both others the recogniser drops "孀" of "遗孀"."""
    import re
    import unicodedata

    from juesuan.ingest.assemble import assemble
    from juesuan.ingest.ocr import ocr_pdf

    squash = lambda v: re.sub(r"\s+", "", unicodedata.normalize("NFKC", v)) if isinstance(v, str) else v  # noqa: E731
    fixture = Path(__file__).parent / "fixtures" / "libreoffice" / "urumqi-iit-2022.lo.pdf"
    disclosure, _ = assemble(ocr_pdf(fixture, pages=[13, 14]))
    want = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml")).performance.projects[0]
    [got] = disclosure.performance.projects
    for field in ("name", "department", "implementer", "total_weight", "total_score", "execution_rate"):
        assert squash(getattr(got, field)) == squash(getattr(want, field)), field
    assert [(i.level2, i.weight, i.score) for i in got.indicators] == \
        [(i.level2, i.weight, i.score) for i in want.indicators]
    fields = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_reason")
    exact = sum(all(squash(getattr(a, f)) == squash(getattr(b, f)) for f in fields)
                for a, b in zip(want.indicators, got.indicators))
    assert exact >= 15


def _with_pictured_page(tmp_path: Path, index: int) -> Path:
    """The Shanghai PDF with page ``index`` replaced by a 150-dpi picture of itself (a table
    pasted as an image into an otherwise typed document)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(need(SHANGHAI_PDF)))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(source)
    mixed.del_page(index)
    insert_picture(mixed, source[index], index)
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    return path


@pytest.mark.slow
def test_read__a_table_pasted_as_a_picture_is_read_by_ocr(tmp_path):
    """Page 8 (收入决算表) as an image among 24 typed pages: before, the page was read as
    empty and its 45 amounts were lost; now only that page goes through OCR."""
    from juesuan.ingest import read

    path = _with_pictured_page(tmp_path, 7)
    expected = dict(iter_table_cells(fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml"))))
    parsed, report = read(path)
    got = dict(iter_table_cells(parsed))
    assert {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v} == {}
    assert report.kind == "pdf" and any("第 8 页为图片" in p.message for p in report.problems)
    _, without = read(path, ocr=False)
    assert any("未做 OCR" in p.message for p in without.problems)
