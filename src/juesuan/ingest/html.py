"""Web pages: headings and paragraphs become lines, every ``<table>`` a grid.

A disclosure published as a web page (ours, or a portal's) is read like a DOCX: block
elements in document order, one line each; table rows keep their column indices, a cell
spanning columns leaves the columns it covers blank (as python-docx's merged cells do),
so amounts stay under their headers. Charts (``<svg>``), scripts and styles carry no
printed figure of the tables and are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from .pages import Cell, Document, Page, Row, UnreadableFile, grid_row

MAX_HTML_BYTES = 50_000_000
SKIP = {"script", "style", "svg", "template", "noscript", "head"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "caption", "div", "section",
          "article", "header", "footer", "main", "nav", "ol", "ul", "dl", "figure", "blockquote", "pre", "span",
          "td", "th", "body", "html", "aside", "form", "center"}
_SPACE = re.compile(r"\s+")


def looks_like_html(path: Path) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    with open(path, "rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def load_html(path: Path) -> Document:
    import lxml.html
    from lxml import etree

    data = path.read_bytes()[:MAX_HTML_BYTES]
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"{path}: 无法读取网页 / cannot read HTML: {exc}") from None
    doc = Document(str(path), "html")
    page = Page(1)
    state = {"line": 0, "grid": 0}

    def text_line(text: str | None) -> None:
        text = _SPACE.sub(" ", text or "").strip()
        if text:
            state["line"] += 1
            page.rows.append(Row((Cell(text, 0, 1, state["line"], state["line"] + 1),), 1, state["line"]))

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIP or not tag:
            return
        if tag == "table":
            _table(element, page, state, text_line)
            return
        nested = any(isinstance(c.tag, str) and c.tag in BLOCKS | {"table", "br"} for c in element)
        if not nested:
            text_line(element.text_content())
            return
        text_line(element.text)
        for child in element:
            walk(child)
            text_line(child.tail)

    body = root.find("body")
    title = root.findtext(".//title")
    if title and "决算" in title:
        text_line(title)  # the page title names department and year when the body does not
    walk(body if body is not None else root)
    doc.pages.append(page)
    return doc


def _table(table, page: Page, state: dict, text_line) -> None:
    """Caption lines, then one grid row per ``<tr>`` with spans laid out on a column grid."""
    caption = table.find("caption")
    if caption is not None:
        parts = [c for c in caption if isinstance(c.tag, str)]
        for part in parts or [caption]:
            text_line(part.text_content())
    state["grid"] += 1
    below: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for tr in table.iter("tr"):
        if tr.getparent() is not None and _owner(tr) is not table:
            continue  # a row of a nested table
        texts: list[str] = []
        column = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while below.get(column, 0) > 0:
                below[column] -= 1
                texts.append("")
                column += 1
            span = _int(cell.get("colspan"))
            down = _int(cell.get("rowspan"))
            texts.append(_SPACE.sub(" ", cell.text_content()).strip())
            texts.extend([""] * (span - 1))
            for c in range(column, column + span):
                if down > 1:
                    below[c] = down - 1
            column += span
        while below.get(column, 0) > 0:  # spans at the right edge
            below[column] -= 1
            texts.append("")
            column += 1
        if any(texts):
            state["line"] += 1
            page.rows.append(grid_row(texts, 1, state["line"], state["grid"]))


def _owner(tr):
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
