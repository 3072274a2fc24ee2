"""WordprocessingML body content (tables, paragraphs) written as XML text: the fast path.

python-docx's object layer re-reads the XML on every property access (a table of the
seed example took ~2 s that way), and even one ``etree.SubElement`` per element cost
~0.1 s for the 23 tables of an example. So each ``w:tbl`` and body ``w:p`` is a string,
and ``BodyText`` parses the whole document once. Tables: fixed column grid,
``gridSpan``/``vMerge`` for merged cells, ``cantSplit`` on every row (a row never breaks
across pages), ``tblHeader`` on the header rows (repeated on each page). Paragraphs
carry a style id only; fonts live in the styles.
"""

from __future__ import annotations

import re

from docx.oxml.parser import element_class_lookup
from lxml import etree

from . import style as S
from .cells import Cell, Grid, placed
from .headbreak import break_head, is_head

TWIPS_PER_MM = 1440 / 25.4
# Cell insets as the printed tables have them: text 3 pt clear of the rules (2 pt here and
# the cell paragraph's 1 pt before and after), 3 pt from the sides.
INSET_X_PT = 3
TABLE_MARGINS = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>'
                 '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>')
HEAD_SHADING = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
ROW_PR = {False: "<w:tr><w:trPr><w:cantSplit/></w:trPr>",
          True: "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"}
CONTROL = re.compile(r"([\t\r\n])")
RUN_CONTROL = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}
# python-docx's element classes, so that parsed content behaves like content it added;
# no blank-text removal: a cell may hold nothing but spaces.
PARSER = etree.XMLParser(resolve_entities=False)
PARSER.set_element_class_lookup(element_class_lookup)


def escape(text: str) -> str:
    """Text (or attribute value) as XML character data; ``\\r`` as a reference, because a
    parser would turn a literal one into ``\\n``."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _t(text: str) -> str:
    """A ``w:t``, space-preserving when the text starts or ends with white space."""
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


def paragraph_xml(style_id: str, text: str, *, page_break: bool = False,
                  highlight: bool = False) -> str:
    """A body ``w:p`` as python-docx's ``add_paragraph(text)`` writes it: one run, where a
    tab becomes ``w:tab`` and a line break ``w:br``; no run for empty text."""
    head = f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/>'
    head += "<w:pageBreakBefore/></w:pPr>" if page_break else "</w:pPr>"
    if not text:
        return head + "</w:p>"
    run = '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr>' if highlight else "<w:r>"
    if CONTROL.search(text) is None:
        return f"{head}{run}{_t(text)}</w:r></w:p>"
    content = "".join(RUN_CONTROL.get(part) or _t(part) for part in CONTROL.split(text) if part)
    return f"{head}{run}{content}</w:r></w:p>"


def _cell_paragraph(style_id: str, text: str, keep: bool = False, lines: bool = False,
                    run: str = "<w:r>") -> str:
    """A cell's ``w:p``: the text in one ``w:t`` as printed (no tab or break conversion);
    ``keep``: kept on the page of what follows (``keepNext``); ``lines``: each ``\n`` a line
    break (a header broken between words, headbreak.py); ``run``: the run's opening tag (a
    table set smaller than its style, ``Grid.size``)."""
    pr = f'<w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/></w:pPr>' if keep else \
        f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
    if not text:
        return f"<w:p>{pr}</w:p>"
    if lines and "\n" in text:
        return f"<w:p>{pr}{run}{'<w:br/>'.join(_t(line) for line in text.split(chr(10)))}</w:r></w:p>"
    return f"<w:p>{pr}{run}{_t(text)}</w:r></w:p>"


def _header_text(cell: Cell, width_twips: int, size: float = S.PT["五号"]) -> str:
    """A header cell's text broken between words where it is too long for its column (五号
    characters, or the table's own size, one em each, in the column less its insets): never
    "本年收入合\n计"."""
    room_pt = width_twips / 20 - 2 * INSET_X_PT
    return break_head(cell.text(), int(room_pt // size))  # noqa: money-float-ok (points)


def table_xml(grid: Grid, width_mm: float, style_ids: dict[str, str], table_style: str) -> str:
    """The ``w:tbl`` of a grid, ``width_mm`` wide, as XML text (prefix ``w``, declared by
    the caller's wrapper element)."""
    unit = sum(grid.widths)
    widths = [round(width_mm * TWIPS_PER_MM * w / unit) for w in grid.widths]
    rows = grid.rows
    origin: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    for r, c, cell in placed(rows, grid.columns):
        for dr in range(cell.rowspan):
            origin[(r + dr, c)] = (r, c, cell)
    ids = {key: escape(value) for key, value in style_ids.items()}
    # A table whose figures fit the page only in smaller type (colfit.py) sets every run so.
    size = grid.size or S.PT["五号"]
    run = f'<w:r><w:rPr><w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/></w:rPr>' \
        if grid.size else "<w:r>"
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{escape(table_style)}"/>'
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblLayout w:type="fixed"/>{TABLE_MARGINS}</w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{width}"/>' for width in widths]
    out.append("</w:tblGrid>")
    # tcW by (first column, span): most cells of a table share a handful of these.
    cell_widths: dict[tuple[int, int], str] = {}
    header_rows = range(len(grid.meta_rows), len(grid.meta_rows) + len(grid.header))
    if grid.meta_rows and not grid.header:
        # A 自评表: its 项目名称 row repeats at the top of every page the form continues onto
        # (Word repeats only a table's top rows, so the indicator header cannot).
        header_rows = range(0, 1)
    # The last row never stands alone at the top of a page (a 自评表's 总分), nor does a 注
    # line after the table: keep-with-next on the rows before them.
    noted = bool(grid.note or grid.empty_note)
    for r, row in enumerate(rows):
        keep = r == len(rows) - 2 or (noted and r == len(rows) - 1)
        covered = _cell_paragraph(ids["cell_left"], "", keep)  # the empty paragraph of a vMerge cell
        out.append(ROW_PR[r in header_rows])
        shading = HEAD_SHADING if row.kind == "head" else ""
        c = 0
        while c < grid.columns:
            at = origin.get((r, c))
            if at is None:  # defensive: a row shorter than the grid gets an empty cell
                at = (r, c, Cell())
            top, _, cell = at
            span = cell.colspan
            width = cell_widths.get((c, span))
            if width is None:
                width = cell_widths[(c, span)] = f'<w:tcW w:w="{sum(widths[c:c + span])}" w:type="dxa"/>'
            merge = ""
            if span > 1:
                merge = f'<w:gridSpan w:val="{span}"/>'
            if cell.rowspan > 1:
                merge += '<w:vMerge w:val="restart"/>' if top == r else "<w:vMerge/>"
            if top != r:
                paragraph = covered
            elif is_head(cell, row.kind):
                paragraph = _cell_paragraph(_style_for(cell, row.kind, ids),
                                            _header_text(cell, sum(widths[c:c + span]), size), keep,
                                            lines=True, run=run)
            else:
                paragraph = _cell_paragraph(_style_for(cell, row.kind, ids), cell.text(), keep, run=run)
            out.append(f'<w:tc><w:tcPr>{width}{merge}{shading}<w:vAlign w:val="center"/>'
                       f"</w:tcPr>{paragraph}</w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _style_for(cell: Cell, kind: str, style_ids: dict[str, str]) -> str:
    if kind == "head" or (cell.bold and cell.align == "center" and not cell.is_amount
                          and kind not in ("total", "footer")):
        return style_ids["cell_head"]
    return style_ids[f"cell_{cell.align}" + ("_bold" if cell.bold else "")]


class BodyText:
    """Body content collected as XML text, with python-docx's section breaks in between.

    ``cut()`` closes a batch (python-docx adds what comes next after it); ``finish()``
    serialises the document once with each batch spliced in at its marker and parses the
    result once. Moving parsed elements into python-docx's tree would cost ~1 µs each
    (namespace fix-ups), more than parsing the whole document."""

    MARK = "juesuan-batch"

    def __init__(self, body):
        self._end = body.get_or_add_sectPr()  # stays last across section breaks
        self._batches: list[str] = []
        self._pieces: list[str] = []
        self.add = self._pieces.append

    def cut(self) -> None:
        marker = etree.ProcessingInstruction(self.MARK, str(len(self._batches)))
        self._end.addprevious(marker)
        self._batches.append("".join(self._pieces))
        self._pieces.clear()

    def finish(self, doc) -> None:
        """Put the text into python-docx ``doc``, whose body this is."""
        self.cut()
        skeleton = etree.tostring(doc.element, encoding="unicode")
        xml = re.sub(rf"<\?{self.MARK} (\d+)\?>", lambda m: self._batches[int(m[1])], skeleton)
        # The document part now holds the parsed tree (python-docx has no public setter).
        doc.part._element = doc._element = etree.fromstring(xml, PARSER)
