"""Every text shape of the shared Shanghai PDF (tests/ingest/shapes.py) scored against the cells
read from the PDF itself: no amount in a wrong cell on any shape, and the placed share does not
fall below what was measured (bench/text_shapes.py prints the whole table, with our own PDFs)."""

import pytest

from juesuan.ingest import read
from juesuan.model import iter_table_cells

from .conftest import SHANGHAI_PDF, need
from .shapes import SEED_SHAPES, finding_keys, score_file, write_shapes

# placed right of 195 printed amounts, measured 2026-12-06 (bench/text_shapes.py); pdftotext
# shapes are skipped where poppler-utils is not installed
FLOORS = {"pdf": 195, "pdfplumber": 193, "pdftotext-raw": 193, "pdftotext-layout": 195, "viewer": 193,
          "viewer-single-space": 193, **{shape: 195 for shape in SEED_SHAPES}}


@pytest.fixture(scope="module")
def shanghai_shapes(tmp_path_factory):
    pdf = need(SHANGHAI_PDF)
    expected = dict(iter_table_cells(read(pdf)[0]))
    return expected, write_shapes(pdf, tmp_path_factory.mktemp("shapes"))


@pytest.mark.parametrize("shape", sorted(FLOORS))
def test_shape__no_wrong_cell_and_the_measured_share(shanghai_shapes, shape):
    expected, paths = shanghai_shapes
    if shape not in paths:
        pytest.skip(f"{shape}: pdftotext not installed")
    s = score_file(expected, paths[shape])
    assert s.wrong == []
    assert s.right >= FLOORS[shape], (shape, s.right, s.unread, len(s.zero))


@pytest.mark.parametrize("shape", SEED_SHAPES)
def test_seed_shape__check_gives_the_pdfs_errors_and_warnings(shanghai_shapes, shape):
    """Tables as tab rows among the text lines (the seed's shape): `juesuan check` finds exactly the
    错误/警告 it finds on the PDF — none caused by reading, none lost."""
    _, paths = shanghai_shapes
    assert finding_keys(read(paths[shape])[0]) == finding_keys(read(paths["pdf"])[0])
