"""Figures of a million 万元 and more fit their cells (render/colfit.py).

A finance bureau's totals reach 1,000,000.00 万元 and more; the amount columns of our tables hold
999,999.99 at their printed shares of the page. Our examples scaled ×1000 (Shanghai up to
2,995,390.00, Urumqi up to 45,963,780.00) and ×100000 (公开07's 三公 over a million: the table
set smaller) are rendered: no printed amount crosses a ruling line of the PDF, the PDF read back
gives every table cell as the data has it, the XLSX columns hold every figure, and our examples
as they are keep the widths their grids are arranged with.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from juesuan.model import Disclosure, iter_table_cells
from juesuan.render import render
from juesuan.render.cells import placed
from juesuan.render.colfit import fitted
from juesuan.render.layout import LayoutOptions, all_grids
from render_data import EXAMPLES, document_for
from juesuan.fileformat import load

FIGURE = re.compile(r"-?\d{1,3}(,\d{3})*\.\d+")


def _scaled(stem: str, factor: int) -> Disclosure:
    """An example with every table amount × factor (the 说明 composed from the new tables)."""
    def walk(node):
        if isinstance(node, Decimal):
            return node * factor
        if isinstance(node, dict):
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node

    data = load(EXAMPLES / f"{stem}.yaml").model_dump()
    data["tables"] = walk(data["tables"])
    return Disclosure.model_validate(data)


def _crossing(pdf_path) -> list[tuple[int, str]]:
    """(page, text) of every printed figure that a vertical ruling line runs through."""
    import pdfplumber

    found = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            rules = [e for e in page.edges if abs(e["x0"] - e["x1"]) < 0.5 and e["bottom"] - e["top"] > 2]
            for word in page.extract_words():
                if not FIGURE.fullmatch(word["text"]):
                    continue
                middle = (word["top"] + word["bottom"]) / 2
                if any(word["x0"] + 0.3 < e["x0"] < word["x1"] - 0.3 and e["top"] < middle < e["bottom"]
                       for e in rules):
                    found.append((page.page_number, word["text"]))
    return found


CASES = {"shanghai-x1000": ("shanghai-putuo-czj-2024", 1000), "urumqi-x1000": ("urumqi-iit-2022", 1000),
         "urumqi-x100000": ("urumqi-iit-2022", 100000)}


@pytest.fixture(scope="module", params=list(CASES))
def big(request, tmp_path_factory):
    stem, factor = CASES[request.param]
    disclosure = _scaled(stem, factor)
    folder = tmp_path_factory.mktemp(request.param)
    document = document_for(disclosure)
    return disclosure, render("pdf", disclosure, document, folder / "out"), \
        render("xlsx", disclosure, document, folder / "out")


def test_every_figure_inside_its_cell(big):
    disclosure, pdf, _ = big
    assert max(value for _, value in iter_table_cells(disclosure)) >= 1_000_000
    assert _crossing(pdf) == []


def test_read_back_gives_every_cell(big):
    from juesuan.ingest import read

    disclosure, pdf, _ = big
    read_back, _ = read(pdf)
    want = dict(iter_table_cells(disclosure))
    got = dict(iter_table_cells(read_back))
    wrong = {key: (value, got.get(key)) for key, value in want.items() if got.get(key) != value}
    assert wrong == {}


def test_xlsx_columns_hold_every_figure(big):
    """Excel prints "####" for a number wider than its column: a column holds its figures'
    characters (one unit each) and the amount format's trailing space."""
    import openpyxl

    _, _, xlsx = big
    book = openpyxl.load_workbook(str(xlsx))
    short = []
    for sheet in book.worksheets:
        widths = {column: dim.width for dim in sheet.column_dimensions.values()  # a <col> spans min..max
                  for column in range(dim.min, dim.max + 1)}
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and "#,##0.00" in cell.number_format:
                    width = widths[cell.column]
                    if width < len(f"{cell.value:,.2f}") + 2:
                        short.append((sheet.title, cell.coordinate, cell.value, width))
    assert short == []


def test_a_table_set_smaller_where_the_page_gives_no_more_width():
    """×100000, Urumqi's 公开07 prints 1,975,000.00 in 8 of its 12 columns: no share of a
    landscape page holds them at 五号; the table alone is set smaller, and each figure then
    fits its (fitted) column."""
    disclosure = _scaled("urumqi-iit-2022", 100000)
    grids = {grid.key: grid for grid in all_grids(disclosure, LayoutOptions.for_disclosure(disclosure))}
    assert grids["three_public"].size is not None and grids["three_public"].size < 10.5
    assert grids["summary"].size is None  # the others keep 五号


@pytest.mark.parametrize("stem", ["shanghai-putuo-czj-2024", "urumqi-iit-2022"])
def test_examples_keep_their_widths(stem):
    disclosure = load(EXAMPLES / f"{stem}.yaml")
    for grid in all_grids(disclosure, LayoutOptions.for_disclosure(disclosure)):
        assert fitted(grid) is grid, grid.key
        assert grid.size is None and all(isinstance(w, int) and w < 100 for w in grid.widths), grid.key


def test_fitted_widths_hold_the_measured_figures():
    """Every fitted column holds its widest figure at the size the table is set in."""
    from juesuan.render.colfit import figure_ems
    from juesuan.render.pdf_fit import LANDSCAPE, NORMAL, PORTRAIT

    disclosure = _scaled("urumqi-iit-2022", 1000)
    for grid in all_grids(disclosure, LayoutOptions.for_disclosure(disclosure)):
        if grid.meta_rows:
            continue
        page = (LANDSCAPE if grid.landscape else PORTRAIT)[0]
        size = grid.size or NORMAL.size
        for _, c, cell in placed(grid.rows, grid.columns):
            if cell.is_amount and cell.text() and cell.colspan == 1:
                room = page * grid.widths[c] / sum(grid.widths) - NORMAL.inset_x
                assert figure_ems(cell.text(), cell.bold) * size <= room, (grid.key, cell.text())
