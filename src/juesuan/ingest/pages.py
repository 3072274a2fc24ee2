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
from .numbers import is_amount


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


def _read_text_bytes(path: Path, doc: "Document") -> bytes:
    """The file up to the ``text_bytes`` limit; what lies beyond is reported on the document, never
    dropped without a word."""
    from ..limits import current

    limit = current().text_bytes
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        doc.problems.append(f"超出限制：只读取前 {limit} 字节（可用环境变量 JUESUAN_LIMIT_TEXT_BYTES 调整）/ "
                            f"limit exceeded: only the first {limit} bytes read (set JUESUAN_LIMIT_TEXT_BYTES)")
        data = data[:limit]
    return data


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
        start = match.start()
        for part in _AMOUNT_EDGE.split(match.group()):  # "15,144.75 一、一般公共服务支出": two cells
            cells.append(Cell(part, start, start + len(part), number, number + 1))
            start += len(part) + 1
    return tuple(cells)


# one space between an amount and a name: the gap of two columns that a wide cell narrowed
_AMOUNT_EDGE = re.compile(r"(?<=\d\.\d\d) (?=\S*[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff）)]) (?=-?[\d,]+\.\d\d(?: |$))")


def load_text(path: Path) -> Document:
    """Text dumps: tab-separated rows are table rows, other lines are narrative.

    Form feeds split pages; a run of tab rows forms one grid.
    """
    doc = Document(str(path), "text")
    text = _decode(_read_text_bytes(path, doc))
    if "\x00" in text[:4096]:
        raise UnreadableFile(f"{path}: 不是文本文件 / not a text file")
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
                x = len(line) - len(line.lstrip()) if is_amount(line.strip()) else 0  # a lone amount keeps its x
                page.rows.append(Row((Cell(line.strip(), x, x + len(line.strip()), number, number + 1),),
                                     page.number, number))
    if page.rows or not doc.pages:  # pdftotext ends every page with \f: no empty page after the last
        doc.pages.append(page)
    return doc


def _guarded(path: Path, kind: str, read) -> "Document":
    """Run a reader as a whole: a limit exceeded or any exception inside the library (malformed XML,
    a bad numeric cell, swapped parts) becomes ``UnreadableFile`` naming the file and where it stopped."""
    from ..limits import LimitError, check_zip

    where: list[str] = []
    try:
        check_zip(path)
        return read(path, where)
    except UnreadableFile as exc:
        raise exc if str(exc).startswith(str(path)) else UnreadableFile(f"{path}: {exc}") from None
    except LimitError as exc:
        raise UnreadableFile(str(exc)) from None
    except Exception as exc:  # openpyxl / python-docx / lxml / zipfile raise many types
        at = f"（{where[-1]}）" if where else ""
        raise UnreadableFile(f"{path}{at}: 无法读取 {kind} 文件 / cannot read {kind}: {type(exc).__name__}: "
                             f"{str(exc)[:300]}") from None


def load_xlsx(path: Path) -> Document:
    """Each worksheet is one page; each non-empty row keeps its column indices."""
    return _guarded(path, "Excel (XLSX)", _read_xlsx)


_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([^"]*)"')
EXCEL_ROWS = 1_048_576


def _check_row_numbers(book, sheet) -> None:
    """openpyxl creates every missing row up to the highest row number a sheet names, in Python: one
    row numbered "1e15" (or 10^15) is a hang. Row numbers are checked on the XML before it is asked."""
    source = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if source is None or archive is None:
        return
    with archive.open(source) as handle:  # the member's size was bounded by limits.check_zip
        data = handle.read()
    for match in _ROW_REF.finditer(data):
        text = match.group(1).decode("ascii", "replace")
        if not text.isdigit() or not 1 <= int(text) <= EXCEL_ROWS:
            raise UnreadableFile(f"[{sheet.title}] 行号“{text[:40]}”无效（应为 1–{EXCEL_ROWS}）/ "
                                 f"invalid row number {text[:40]!r} (Excel rows are 1–{EXCEL_ROWS})")


def _read_xlsx(path: Path, where: list[str]) -> Document:
    import openpyxl

    from ..limits import current

    bounds = current()
    where[:] = ["打开 / opening"]
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    doc = Document(str(path), "xlsx")
    try:
        # Sheets often print only the table titles; the workbook's title property may name the
        # department and year ("某局2022年度部门决算…"): read it as a line above the first sheet.
        title = (book.properties.title or "").strip() if book.properties else ""
        for index, sheet in enumerate(book.worksheets, start=1):
            page = Page(index)
            if index == 1 and "决算" in title:
                page.rows.append(Row((Cell(title[:bounds.string_chars], 0, 1),), index, 0))
            where[:] = [f"[{sheet.title}]"]
            _check_row_numbers(book, sheet)
            # The sheet's own dimension may lie (stale, or 'A1' from some writers): measure it. Rows are
            # read to that width, at most the limit (openpyxl pads every row to the width asked for).
            sheet.reset_dimensions()
            sheet.calculate_dimension(force=True)
            width = sheet.max_column or 1
            if width > bounds.columns:
                doc.problems.append(f"[{sheet.title}] 只读取前 {bounds.columns} 列 / only the first {bounds.columns} "
                                    f"of {width} columns read (JUESUAN_LIMIT_COLUMNS)")
            for number, values in enumerate(sheet.iter_rows(values_only=True, max_col=min(width, bounds.columns)),
                                            start=1):
                where[:] = [f"[{sheet.title}] 第 {number} 行 / row {number}"]
                if number > bounds.sheet_rows:
                    doc.problems.append(f"[{sheet.title}] 只读取前 {bounds.sheet_rows} 行 / only the first "
                                        f"{bounds.sheet_rows} rows read (JUESUAN_LIMIT_SHEET_ROWS)")
                    break
                texts = ["" if v is None else _cell_text(v) for v in values]
                if any(len(t) > bounds.string_chars for t in texts):
                    doc.problems.append(f"[{sheet.title}] 第 {number} 行单元格文本过长，已截断 / row {number}: "
                                        f"cell text over {bounds.string_chars} characters cut (JUESUAN_LIMIT_STRING_CHARS)")
                    texts = [t[:bounds.string_chars] for t in texts]
                if any(t.strip() for t in texts):
                    page.rows.append(grid_row(texts, index, number, index))
            doc.pages.append(page)
    finally:
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
    if isinstance(value, int) and abs(value) >= 10**40:  # str() refuses more than 4,300 digits
        return f"{value:.6e}"
    return str(value)


def load_docx(path: Path) -> Document:
    """Paragraphs and tables in body order; every table is a grid."""
    return _guarded(path, "Word (DOCX)", _read_docx)


def _read_docx(path: Path, where: list[str]) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    where[:] = ["打开 / opening"]
    document = docx.Document(str(path))
    _check_spans(document.element.body, where)
    doc = Document(str(path), "docx")
    page = Page(1)
    line, grid_id = 0, 0
    for child in _blocks(document.element.body):
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                line += 1
                page.rows.append(Row((Cell(text, 0, 1, line, line + 1),), 1, line))
        elif tag == "tbl":
            grid_id += 1
            table = Table(child, document)
            for number, tr in enumerate(child.tr_lst, start=1):
                line += 1
                where[:] = [f"第 {grid_id} 个表格第 {number} 行 / table {grid_id}, row {number}"]
                try:
                    texts = _row_texts(tr, table)
                except (ValueError, IndexError, AttributeError, RecursionError) as exc:
                    # A vertical merge in the first row, or one running off the table: read the row's
                    # cells in order and say so.
                    texts = _row_texts_plain(tr, document)
                    doc.problems.append(f"{where[-1]}: 合并单元格异常，按单元格顺序读取 / malformed merged "
                                        f"cells read in order ({type(exc).__name__})")
                page.rows.append(grid_row(texts, 1, line, grid_id))
    doc.pages.append(page)
    return doc


def _blocks(parent):
    """The body's paragraphs and tables in order, also those inside content controls (``w:sdt``:
    Word puts a generated 目录 and a cover page in one; LibreOffice's .doc → .docx does too)."""
    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag in ("sdt", "sdtContent", "customXml"):
            yield from _blocks(child)
        else:
            yield child


def _row_texts(tr, table) -> list[str]:
    from docx.table import _Row

    texts, previous = [], None
    for cell in _Row(tr, table).cells:
        # python-docx repeats a merged cell: keep it once.
        texts.append("" if cell._tc is previous else cell.text)
        previous = cell._tc
    return texts


def _row_texts_plain(tr, document) -> list[str]:
    from docx.table import _Cell

    texts = []
    for tc in tr.tc_lst:
        texts.append("" if tc.vMerge == "continue" else _Cell(tc, document).text)
        texts += [""] * (max(_span(tc), 1) - 1)
    return texts


def _span(tc) -> int:
    value = tc.xpath("./w:tcPr/w:gridSpan/@w:val")
    return int(value[0]) if value and value[0].strip().isdigit() else 1


def _check_spans(body, where: list[str]) -> None:
    """A row spanning more grid columns than the limit (gridSpan=100000) is refused before
    python-docx expands it cell by cell; a gridSpan that is no number is named."""
    from ..limits import current

    limit = current().columns
    for index, tbl in enumerate(body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"), 1):
        for number, tr in enumerate(tbl.xpath("./w:tr"), start=1):
            spans = tr.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val")
            if not all(v.strip().isdigit() and len(v) < 7 for v in spans):
                raise UnreadableFile(f"第 {index} 个表格第 {number} 行 / table {index}, row {number}: "
                                     f"gridSpan 不是整数或过大 / gridSpan is not a number or too large: {[v[:12] for v in spans[:5]]}")
            width = sum(int(v) for v in spans) + len(tr.xpath("./w:tc")) - len(spans)
            if width > limit:
                raise UnreadableFile(f"第 {index} 个表格第 {number} 行 / table {index}, row {number}: 超出限制："
                                     f"{width} 列 > {limit} / limit exceeded: {width} columns > {limit} "
                                     f"(JUESUAN_LIMIT_COLUMNS)")


def sniff(path: Path) -> str:
    """The reader to use, from the content (not only the suffix); a file over the size limit is refused here,
    before any reader."""
    from ..limits import LimitError, check_file_size

    try:
        check_file_size(path)
    except LimitError as exc:
        raise UnreadableFile(str(exc)) from None
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
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
    doc = Document(str(path), "text")
    data = _read_text_bytes(path, doc)
    page = Page(1)
    number = 0
    try:
        for number, values in enumerate(csv.reader(io.StringIO(_decode(data))), start=1):
            if any(v.strip() for v in values):
                page.rows.append(grid_row(values, 1, number, 1))
    except csv.Error as exc:  # a field over csv's 128 KB limit, a NUL byte
        raise UnreadableFile(f"{path}:{number + 1}: 无法读取 CSV / cannot read CSV: {exc}") from None
    doc.pages.append(page)
    return doc
