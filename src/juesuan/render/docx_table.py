"""A layout grid as a WordprocessingML table, built directly with lxml (the fast path).

python-docx's object layer re-reads the XML on every property access (a table of the
seed example took ~2 s that way); here each ``w:tbl`` is built in one pass: fixed
column grid, ``gridSpan``/``vMerge`` for merged cells, ``cantSplit`` on every row (a row
never breaks across pages), ``tblHeader`` on the header rows (repeated on each page).
Cell paragraphs carry a style id only; fonts live in the styles.
"""

from __future__ import annotations

from docx.oxml.ns import nsmap, qn
from lxml import etree

from .cells import Cell, Grid, placed

TWIPS_PER_MM = 1440 / 25.4
W = {name: qn(f"w:{name}") for name in (
    "tbl", "tblPr", "tblStyle", "tblW", "tblLayout", "tblGrid", "gridCol", "tr", "trPr",
    "cantSplit", "tblHeader", "tc", "tcPr", "tcW", "gridSpan", "vMerge", "vAlign", "p", "pPr",
    "pStyle", "r", "t", "type", "w", "val", "jc", "tblCellMar", "top", "left", "bottom", "right",
    "shd", "color", "fill")}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _sub(parent, name: str, **attrs: str):
    element = etree.SubElement(parent, W[name])
    for key, value in attrs.items():
        element.set(W[key], value)
    return element


def _paragraph(tc, style_id: str, text: str) -> None:
    p = _sub(tc, "p")
    _sub(_sub(p, "pPr"), "pStyle", val=style_id)
    if text:
        t = _sub(_sub(p, "r"), "t")
        t.text = text
        if text != text.strip():
            t.set(XML_SPACE, "preserve")


def build_table(grid: Grid, width_mm: float, style_ids: dict[str, str], table_style: str):
    """The ``w:tbl`` element of a grid, ``width_mm`` wide."""
    unit = sum(grid.widths)
    widths = [round(width_mm * TWIPS_PER_MM * w / unit) for w in grid.widths]
    rows = grid.rows
    origin: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    for r, c, cell in placed(rows, grid.columns):
        for dr in range(cell.rowspan):
            origin[(r + dr, c)] = (r, c, cell)
    tbl = etree.Element(W["tbl"], nsmap={"w": nsmap["w"]})
    pr = _sub(tbl, "tblPr")
    _sub(pr, "tblStyle", val=table_style)
    _sub(pr, "tblW", w=str(sum(widths)), type="dxa")
    _sub(pr, "jc", val="center")
    _sub(pr, "tblLayout", type="fixed")
    margins = _sub(pr, "tblCellMar")
    for side, size in (("top", "20"), ("left", "57"), ("bottom", "20"), ("right", "57")):
        _sub(margins, side, w=size, type="dxa")
    columns = _sub(tbl, "tblGrid")
    for width in widths:
        _sub(columns, "gridCol", w=str(width))
    header_rows = range(len(grid.meta_rows), len(grid.meta_rows) + len(grid.header))
    for r, row in enumerate(rows):
        tr = _sub(tbl, "tr")
        tr_pr = _sub(tr, "trPr")
        _sub(tr_pr, "cantSplit")
        if r in header_rows:
            _sub(tr_pr, "tblHeader")
        c = 0
        while c < grid.columns:
            at = origin.get((r, c))
            if at is None:  # defensive: a row shorter than the grid gets an empty cell
                at = (r, c, Cell())
            top, left, cell = at
            tc = _sub(tr, "tc")
            tc_pr = _sub(tc, "tcPr")
            _sub(tc_pr, "tcW", w=str(sum(widths[c:c + cell.colspan])), type="dxa")
            if cell.colspan > 1:
                _sub(tc_pr, "gridSpan", val=str(cell.colspan))
            if cell.rowspan > 1:
                if top == r:
                    _sub(tc_pr, "vMerge", val="restart")
                else:
                    _sub(tc_pr, "vMerge")
            if row.kind == "head":
                _sub(tc_pr, "shd", val="clear", color="auto", fill="F2F2F2")
            _sub(tc_pr, "vAlign", val="center")
            if top == r:
                _paragraph(tc, _style_for(cell, row.kind, style_ids), cell.text())
            else:
                _paragraph(tc, style_ids["cell_left"], "")
            c += cell.colspan
    return tbl


def _style_for(cell: Cell, kind: str, style_ids: dict[str, str]) -> str:
    if kind == "head" or (cell.bold and cell.align == "center" and not cell.is_amount
                          and kind not in ("total", "footer")):
        return style_ids["cell_head"]
    return style_ids[f"cell_{cell.align}" + ("_bold" if cell.bold else "")]
