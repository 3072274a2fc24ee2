"""Positioned text: every input format becomes pages of rows of cells.

A ``Cell`` is a run of text with its box (PDF points, top-down; or column index
for tab/DOCX/XLSX sources) and, when a table grid is known, its column band
``col``. Table parsing only ever sees this shape, whatever the file was.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    x0: float  # noqa: money-float-ok (layout coordinate)
    x1: float  # noqa: money-float-ok
    y0: float = 0.0  # noqa: money-float-ok
    y1: float = 0.0  # noqa: money-float-ok
    col: int | None = None
    """Column band of the table grid (ruling lines, tab or spreadsheet column)."""


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    page: int
    line: int
    grid: int | None = None
    """Id of the ruled grid (or spreadsheet/tab table) this row belongs to."""

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.text)

    @property
    def compact(self) -> str:
        return re.sub(r"\s+", "", self.text)

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:  # noqa: money-float-ok
        if not self.cells:
            return None
        return (min(c.x0 for c in self.cells), min(c.y0 for c in self.cells),
                max(c.x1 for c in self.cells), max(c.y1 for c in self.cells))


@dataclass
class Page:
    number: int
    rows: list[Row] = field(default_factory=list)
    pictured: bool = False
    """Little text and a large image: a scanned page, or a table pasted as a picture."""


@dataclass
class Document:
    path: str
    kind: str
    """pdf | text | docx | xlsx | ocr"""
    pages: list[Page] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def rows(self):
        for page in self.pages:
            yield from page.rows

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows())


class UnreadableFile(Exception):
    """The file cannot be read at all; the message is user-facing (中文 / English)."""


MAX_TEXT_BYTES = 20 * 1024 * 1024


def grid_row(values: list[str], page: int, line: int, grid: int | None) -> Row:
    """A row from a tab/DOCX/XLSX source: x is the column index, blank cells dropped."""
    cells = tuple(Cell(v.strip(), i, i + 1, line, line + 1, col=i)
                  for i, v in enumerate(values) if v and v.strip())
    return Row(cells, page, line, grid)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_LAYOUT_GAP = re.compile(r"\S {2,}\S")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def layout_cells(line: str, number: int) -> tuple[Cell, ...]:
    """A space-aligned line (``pdftotext -layout``): cells at runs of 2+ spaces, x in characters.

    pdftotext puts each character at the column its x gives and prints a CJK character (two
    digits wide on the page) as one: columns hold in characters, not in display width (the
    Shanghai dump's 收入决算表 headers sit over their amounts only when counted so).
    """
    cells = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        cells.append(Cell(match.group(), match.start(), match.end(), number, number + 1))
    return tuple(cells)


def load_text(path: Path) -> Document:
    """Text dumps: tab-separated rows are table rows, other lines are narrative.

    Form feeds split pages; a run of tab rows forms one grid.
    """
    data = path.read_bytes()[:MAX_TEXT_BYTES]
    text = _decode(data)
    if "\x00" in text[:4096]:
        raise UnreadableFile(f"{path}: 不是文本文件 / not a text file")
    doc = Document(str(path), "text")
    page = Page(1)
    grid_id, in_grid = 0, False
    # Lines split at newlines only: str.splitlines() also splits at \f (and \v, \x1c…), which
    # would lose the page breaks pdftotext prints as form feeds.
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        for part_index, part in enumerate(raw.split("\f")):
            if part_index:
                doc.pages.append(page)
                page = Page(page.number + 1)
            line = part.rstrip("\r\n")
            if "\t" in line:
                if not in_grid:
                    grid_id, in_grid = grid_id + 1, True
                page.rows.append(grid_row(line.split("\t"), page.number, number, grid_id))
            elif _LAYOUT_GAP.search(line.strip()):
                in_grid = False
                page.rows.append(Row(layout_cells(line, number), page.number, number))
            elif line.strip():
                in_grid = False
                page.rows.append(Row((Cell(line.strip(), 0, 1, number, number + 1),), page.number, number))
    if page.rows or not doc.pages:  # pdftotext ends every page with \f: no empty page after the last
        doc.pages.append(page)
    return doc


def load_xlsx(path: Path) -> Document:
    """Each worksheet is one page; each non-empty row keeps its column indices."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken zips
        raise UnreadableFile(f"{path}: 无法读取 Excel 文件 / cannot read XLSX: {exc}") from None
    doc = Document(str(path), "xlsx")
    # Sheets often print only the table titles; the workbook's title property may name the
    # department and year ("某局2022年度部门决算…"): read it as a line above the first sheet.
    title = (book.properties.title or "").strip() if book.properties else ""
    for index, sheet in enumerate(book.worksheets, start=1):
        page = Page(index)
        if index == 1 and "决算" in title:
            page.rows.append(Row((Cell(title, 0, 1),), index, 0))
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = ["" if v is None else _cell_text(v) for v in values]
            if any(t.strip() for t in texts):
                page.rows.append(grid_row(texts, index, number, index))
        doc.pages.append(page)
    book.close()
    return doc


def _cell_text(value: object) -> str:
    from decimal import Decimal, InvalidOperation

    if isinstance(value, float):  # noqa: money-float-ok (spreadsheet cell value)
        # Spreadsheets store binary floats and a SUM leaves noise (2082.850000000002, 80.38000000000008):
        # nine decimals keep every printed figure and drop the noise.
        try:
            exact = Decimal(repr(value)).quantize(Decimal("1e-9")).normalize()  # noqa: money-float-ok
        except InvalidOperation:  # beyond 28 digits, or inf/nan: keep what the cell says
            return repr(value)  # noqa: money-float-ok
        return format(exact, "f")
    return str(value)


def load_docx(path: Path) -> Document:
    """Paragraphs and tables in body order; every table is a grid."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise UnreadableFile(f"{path}: 无法读取 Word 文件 / cannot read DOCX: {exc}") from None
    doc = Document(str(path), "docx")
    page = Page(1)
    line, grid_id = 0, 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                line += 1
                page.rows.append(Row((Cell(text, 0, 1, line, line + 1),), 1, line))
        elif tag == "tbl":
            grid_id += 1
            for tr in Table(child, document).rows:
                line += 1
                texts, previous = [], None
                for cell in tr.cells:
                    # python-docx repeats a merged cell: keep it once.
                    texts.append("" if cell._tc is previous else cell.text)
                    previous = cell._tc
                page.rows.append(grid_row(texts, 1, line, grid_id))
    doc.pages.append(page)
    return doc


def sniff(path: Path) -> str:
    """The reader to use, from the content (not only the suffix)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return "broken-zip"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    suffix = path.suffix.lower()
    if suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"):
        return "image"
    if suffix == ".csv":
        return "csv"
    return "text"


def load_csv(path: Path) -> Document:
    text = _decode(path.read_bytes()[:MAX_TEXT_BYTES])
    doc = Document(str(path), "text")
    page = Page(1)
    for number, values in enumerate(csv.reader(io.StringIO(text)), start=1):
        if any(v.strip() for v in values):
            page.rows.append(grid_row(values, 1, number, 1))
    doc.pages.append(page)
    return doc
