"""Scans: the Shanghai PDF rasterised at 150 dpi and read back by OCR (one table page)."""

from importlib.util import find_spec
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, SHANGHAI_PDF, need, scanned_page

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
