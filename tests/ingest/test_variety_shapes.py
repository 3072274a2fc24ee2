"""The text shapes of the variety corpus's PDFs (tests/ingest/variety: typst PDFs of our two examples
in other layouts — portrait, 元, 续表, tables flowing, no ruling lines, overflowing amounts), scored
against the source each was written from: no amount in a wrong cell, no silent zero, no 科目名称 read
other than printed, the 错误/警告 the PDF's own check gives (no more, no fewer), and the placed share
does not fall below what was measured (``python bench/text_shapes.py --variety`` prints the whole table)."""

import re

import pytest

from juesuan.ingest import read
from juesuan.model import iter_table_cells

from .shapes import _pdfium, _pdfplumber, _pdftotext, finding_keys, score
from .variety.variants import VARIANTS

# placed right per variant and shape, measured 2026-12-06 (bench/text_shapes.py --variety; the portrait
# ones again after 公开04's wrapped labels were rejoined, ingest/wrapped.py); printed amounts: 195 in the
# Shanghai variants, 304 in the Urumqi ones
FLOORS = {
    "pdf-landscape-mof": {"pdfplumber": 193, "pdftotext-raw": 193, "pdftotext-layout": 193, "viewer": 193},
    "pdf-portrait-continued-yuan": {"pdfplumber": 303, "pdftotext-raw": 303, "pdftotext-layout": 303,
                                    "viewer": 303},
    "pdf-portrait-autobreak": {"pdfplumber": 303, "pdftotext-raw": 303, "pdftotext-layout": 303, "viewer": 303},
    "pdf-overflowing-numbers": {"pdfplumber": 242, "pdftotext-raw": 256, "pdftotext-layout": 258, "viewer": 253},
    "pdf-tables-flowing": {"pdfplumber": 193, "pdftotext-raw": 193, "pdftotext-layout": 193, "viewer": 193},
    "pdf-no-rules": {"pdfplumber": 303, "pdftotext-raw": 303, "pdftotext-layout": 304, "viewer": 303},
    "pdf-no-rules-tight": {"pdfplumber": 303, "pdftotext-raw": 303, "pdftotext-layout": 304, "viewer": 303},
}
# A careless publisher's PDF whose amounts overflow into the next cell and into the names
# ("科学技10,199.5910,术支出"): its text shapes cannot give every name, nor every finding
GARBLED = {"pdf-overflowing-numbers"}
CODED = ("income", "expenditure", "general_budget", "government_fund", "state_capital", "basic_expenditure")


def _shapes(pdf):
    texts = {"pdfplumber": _pdfplumber(pdf), "pdftotext-raw": _pdftotext(pdf, "-raw"),
             "pdftotext-layout": _pdftotext(pdf, "-layout")}
    texts["viewer"] = re.sub(r"[ \t\u3000]+", " ", _pdfium(pdf))  # a viewer that keeps no alignment
    return texts


@pytest.fixture(scope="module")
def variety(tmp_path_factory):
    """variant name → (source, the PDF's read, {shape: (path or None, read)})."""
    cache = {}

    def get(name):
        if name not in cache:
            variant = next(v for v in VARIANTS if v.name == name)
            directory = tmp_path_factory.mktemp(name)
            pdf = variant.write(directory)
            reads = {}
            for shape, text in _shapes(pdf).items():
                if text is None:
                    reads[shape] = None  # poppler-utils not installed
                    continue
                path = directory / f"{name}.{shape}.txt"
                path.write_text(text, encoding="utf-8")
                reads[shape] = read(path)[0]
            cache[name] = (variant.disclosure(), read(pdf)[0], reads)
        return cache[name]

    return get


CASES = [(name, shape) for name, floors in FLOORS.items() for shape in floors]


@pytest.mark.parametrize(("name", "shape"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_variety_shape__no_wrong_cell_no_silent_zero_and_the_measured_share(variety, name, shape):
    source, _, reads = variety(name)
    if reads[shape] is None:
        pytest.skip(f"{shape}: pdftotext not installed")
    s = score(dict(iter_table_cells(source)), reads[shape])
    assert (s.wrong, s.zero) == ([], [])
    assert s.right >= FLOORS[name][shape], (s.right, s.unread)


@pytest.mark.parametrize(("name", "shape"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_variety_shape__names_as_printed_and_the_findings_the_pdf_gives(variety, name, shape):
    source, from_pdf, reads = variety(name)
    disclosure = reads[shape]
    if disclosure is None:
        pytest.skip(f"{shape}: pdftotext not installed")
    if name in GARBLED:
        pytest.skip("amounts overflow into the names: measured in bench/text_shapes.py --variety only")
    printed = {(key, row.code): row.name for key in CODED for row in getattr(source.tables, key).rows}
    misnamed = [(key, row.code, row.name) for key in CODED for row in getattr(disclosure.tables, key).rows
                if printed.get((key, row.code)) != row.name]
    assert misnamed == []
    # none added by reading, none lost (the R-005 of a 类 whose wrapped name went unread)
    assert finding_keys(disclosure) == finding_keys(from_pdf)


@pytest.mark.parametrize("shape", ["pdfplumber", "pdftotext-layout"])
def test_overflowing_amounts__a_repeated_header_gives_no_name_piece(variety, shape):
    """The overflowing variant's 公开03 runs over a page and prints its header again, with a line of
    header pieces ("编码 出": 科目编码 and 对附属单位补助支出 wrapped) that is no 科目名称: the
    name read is the one printed, so no K-002 beyond the PDF's (it was "编码出机关事业单位职业年金
    缴费支出"). Other names of this variant hold header pieces that wrapped into them (measured in the
    bench); none of them is compared with the code list."""
    _, from_pdf, reads = variety("pdf-overflowing-numbers")
    if reads[shape] is None:
        pytest.skip(f"{shape}: pdftotext not installed")
    names = {row.name for key in CODED for row in getattr(reads[shape].tables, key).rows}
    assert not [name for name in names if name.startswith("编码")]
    assert {k for k in finding_keys(reads[shape]) if k[0] == "K-002"} <= finding_keys(from_pdf)
