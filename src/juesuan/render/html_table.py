"""HTML tables: one layout ``Grid`` as an accessible ``<table>``, written in plain Python.

The page template (``document.html.j2``) only lays out sections; each table is built
here with ``markupsafe.escape`` and string joins, because thousands of per-cell Jinja2
calls (and compiling the loops) were most of the HTML render time. The markup is the
one the template used to produce, byte for byte: ``<caption>``, ``<colgroup>``, a meta
``<tbody>`` (自评表), ``<thead>`` with ``th scope="col|colgroup"``, then the body, where
a row's first label is a ``th scope="row"``.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .cells import Cell, Grid, Row
from .headbreak import is_head, word_breaks


def cell_tag(cell: Cell, row: Row, first: bool) -> str:
    """``th`` for header rows and the first label of a body row, ``td`` otherwise."""
    if row.kind == "head":
        return "th"
    return "th" if first and not cell.is_amount and cell.value is not None else "td"


def cell_classes(cell: Cell) -> str:
    classes = [f"a-{cell.align}"]
    if cell.is_amount:
        classes.append("num")
    if cell.bold:
        classes.append("b")
    return " ".join(classes)


_CLASSES: dict[tuple[str, bool, bool], str] = {}
"""Escaped class attribute per (align, amount, bold): a handful of values for thousands of cells."""


def _head_text(text: str) -> str:
    """A header text with ``<wbr>`` between its terms: the page breaks it only there
    (``th { word-break: keep-all }``), never "本年收入合/计"."""
    cuts = word_breaks(text)
    if not cuts:
        return str(escape(text))
    pieces = [text[a:b] for a, b in zip((0, *cuts), (*cuts, len(text)))]
    return "<wbr>".join(str(escape(piece)) for piece in pieces)


def _cell(tag: str, scope: str, cell: Cell, kind: str = "body") -> str:
    """One ``<th>``/``<td>``; ``scope`` is the ready attribute text (or empty)."""
    key = (cell.align, cell.is_amount, cell.bold)
    classes = _CLASSES.get(key)
    if classes is None:
        classes = _CLASSES[key] = str(escape(cell_classes(cell)))
    spans = ""
    if cell.colspan > 1:
        spans = f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    text = _head_text(cell.text()) if tag == "th" and is_head(cell, kind) else escape(cell.text())
    return f'<{tag}{scope}{spans} class="{classes}">{text}</{tag}>'


def _meta_row(row: Row) -> str:
    # Form rows of the 自评表: bold labels are row headers.
    return "".join(_cell("th", ' scope="row"', c, "meta") if c.bold and not c.is_amount
                   else _cell("td", "", c) for c in row.cells)


def _header_row(row: Row) -> str:
    return "".join(_cell("th", ' scope="colgroup"' if c.colspan > 1 else ' scope="col"', c, "head")
                   for c in row.cells)


def _body_row(row: Row) -> str:
    scope = ' scope="col"' if row.kind == "head" else ' scope="row"'
    parts = []
    for index, c in enumerate(row.cells):
        tag = cell_tag(c, row, index == 0)
        parts.append(_cell(tag, scope if tag == "th" else "", c, row.kind))
    return "".join(parts)


def table_html(grid: Grid, section_id: str) -> Markup:
    """The table block of a section: scrollable region, ``<table>``, then the notes."""
    sid = escape(section_id)
    caption = f'<span class="title">{escape(grid.title)}</span>'
    if grid.subtitle:
        caption += f'<span class="sub">{escape(grid.subtitle)}</span>'
    if grid.unit:
        caption += f'<span class="unit">{escape(grid.unit)}</span>'
    total = sum(grid.widths)
    cols = "".join(f'<col style="width: {100 * w / total:.2f}%">' for w in grid.widths)
    parts = [f'  <div class="table-wrap" role="region" aria-labelledby="{sid}-caption" tabindex="0">\n'
             f"  <table>\n"
             f'    <caption id="{sid}-caption">{caption}</caption>\n'
             f"    <colgroup>{cols}</colgroup>\n"]
    if grid.meta_rows:
        parts.append('    <tbody class="meta">\n')
        parts.extend(f"      <tr>{_meta_row(row)}</tr>\n" for row in grid.meta_rows)
        parts.append("    </tbody>\n")
    if grid.header:
        parts.append("    <thead>\n")
        parts.extend(f"      <tr>{_header_row(row)}</tr>\n" for row in grid.header)
        parts.append("    </thead>\n")
    parts.append("    <tbody>\n")
    parts.extend(f'      <tr class="{escape(row.kind)}">{_body_row(row)}</tr>\n' for row in grid.body)
    parts.append("    </tbody>\n  </table>\n  </div>\n")
    # The notes close the block without a line break, as the template's inline ifs did.
    if grid.note:
        parts.append(f'<p class="note">{escape(grid.note)}</p>')
    if grid.empty_note:
        parts.append(f'<p class="note empty">{escape(grid.empty_note)}</p>')
    return Markup("".join(parts))
