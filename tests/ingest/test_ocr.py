"""Scans: the Shanghai PDF rasterised at 150 dpi and read back by OCR (one table page)."""

from importlib.util import find_spec
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, SHANGHAI_PDF, need

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


def _scanned_page(tmp_path, index: int) -> Path:
    """One page of the Shanghai PDF as an image-only PDF (a scan at 150 dpi)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(need(SHANGHAI_PDF)))
    width, height = source[index].get_size()
    bitmap = source[index].render(scale=150 / 72)
    scan = pdfium.PdfDocument.new()
    page = scan.new_page(width, height)
    image = pdfium.PdfImage.new(scan)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()
    path = tmp_path / "scan.pdf"
    scan.save(str(path))
    return path


@pytest.mark.slow
def test_read__scanned_pdf_goes_through_ocr(tmp_path):
    from decimal import Decimal

    from juesuan.ingest import read

    disclosure, report = read(_scanned_page(tmp_path, 17))  # 公开07
    assert report.kind == "ocr"
    budget = disclosure.tables.three_public.budget
    assert (budget.total, budget.reception) == (Decimal("0.95"), Decimal("0.95"))


def test_read__scanned_pdf_with_ocr_off_says_so(tmp_path):
    from juesuan.ingest import read

    disclosure, report = read(_scanned_page(tmp_path, 17), ocr=False)
    assert disclosure is None and "OCR" in report.problems[0].message
