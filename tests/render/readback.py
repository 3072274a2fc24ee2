"""Read generated files back (python-docx, openpyxl, pypdfium2, html.parser) for the tests and the bench."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from juesuan.render.layout import Grid


def printed_amounts(grids: list[Grid]) -> set[str]:
    """Every non-blank money cell as printed ("15,144.75")."""
    return {cell.text() for grid in grids for row in grid.rows for cell in row.cells
            if cell.is_amount and cell.fmt == "money" and cell.text()}


def amount_values(grids: list[Grid]) -> list[Decimal]:
    """Every money cell's value, blank zeros included (XLSX keeps them as numbers)."""
    return [cell.value for grid in grids for row in grid.rows for cell in row.cells
            if cell.is_amount and cell.fmt == "money"]


def docx_cell_texts(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    texts = []
    for table in document.tables:
        for tr in table._tbl.tr_lst:
            for tc in tr.tc_lst:
                texts.append("".join(t.text or "" for t in tc.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
    return texts


def xlsx_values(path: Path) -> list[object]:
    import openpyxl

    book = openpyxl.load_workbook(str(path))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None]


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def squash(text: str) -> str:
    """Text without whitespace or page numbers ("— 3 —"), which PDF extraction puts
    wherever a paragraph crosses a page."""
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self._depth = 0
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._depth, self._buffer = 1, []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._depth:
            self.cells.append("".join(self._buffer).strip())
            self._depth = 0

    def handle_data(self, data):
        if self._depth:
            self._buffer.append(data)


def html_cell_texts(path: Path) -> list[str]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.cells


def coverage(expected: set[str], found: set[str] | str) -> float:
    """Share of expected amount texts present (in a set of cell texts, or in one text)."""
    if not expected:
        return 1.0
    hits = sum(1 for text in expected if (text in found))
    return hits / len(expected)
