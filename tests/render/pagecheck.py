"""Typography checks on printed pages (issue 14 item 2), shared by the tests and bench/compare_pages.py.

Pages are read with pypdfium2 (lines of text as extracted) and, only where a page looks
short, with pdfplumber (the horizontal rules below its first body line, one per row
ending on the page). The checks know the grids the document prints, not the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from juesuan.render.cells import Grid
from juesuan.render.headbreak import _spans

PAGE_NUMBER = re.compile(r"^[—-]\s*\d+\s*[—-]$")
NOTE = re.compile(r"^(注|说明)[：:]")
# A figure or Latin word and Chinese text with a space between ("2019 年", "增加 2020")
GAP = re.compile(r"[0-9A-Za-z%][ \u00a0]+[\u4e00-\u9fff]|[\u4e00-\u9fff][ \u00a0]+[0-9A-Za-z]")


@dataclass
class Page:
    number: int  # 1-based
    lines: list[str]  # text lines, page number and running header (编制单位, 续表) left out
    header: list[str]  # the running header lines


def read_pages(path: Path) -> list[Page]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for i in range(len(pdf)):
            raw = pdf[i].get_textpage().get_text_range().replace("\r", "").split("\n")
            lines = [line.strip() for line in raw if line.strip()]
            running = [line for line in lines if _running(line)]
            body = [line for line in lines if not _running(line) and not PAGE_NUMBER.match(line)]
            pages.append(Page(i + 1, body, running))
        return pages
    finally:
        pdf.close()


def _running(line: str) -> bool:
    return line.startswith("编制单位") or "（续表）" in line or line.startswith("（项目名称：")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def header_texts(grids: list[Grid]) -> set[str]:
    """Every header cell's text (header rows, and head rows inside a body: the 自评表's)."""
    return {squash(cell.text()) for grid in grids
            for row in (*grid.header, *(r for r in grid.body if r.kind == "head"))
            for cell in row.cells if squash(cell.text())}


def is_header_line(line: str, texts: set[str]) -> bool:
    joined = "".join(texts)
    tokens = line.split()
    return bool(tokens) and not re.search(r"\d", line) and all(token in joined for token in tokens)


def split_words(pages: list[Page], grids: list[Grid]) -> list[tuple[int, str]]:
    """(page, piece) for every header line piece that cuts a header text inside a word: a
    piece that is part of a header cell's text but not the whole, at no cut between words."""
    texts = header_texts(grids)
    found = []
    for page in pages:
        for line in _header_run(page.lines, texts):
            for token in line.split():
                if token in texts:
                    continue
                places = [(text, text.find(token)) for text in texts if token in text]
                good = any(_between_words(text, at, at + len(token)) for text, at in places)
                if places and not good:
                    found.append((page.number, token))
    return found


def _header_run(lines: list[str], texts: set[str]) -> list[str]:
    """The page's first run of header lines holding at least one whole header text (a table's
    header; body lines may be made of header words too: a name wrapped to '入', '位')."""
    start = 0
    while start < len(lines):
        if not is_header_line(lines[start], texts):
            start += 1
            continue
        end = start
        while end < len(lines) and is_header_line(lines[end], texts):
            end += 1
        if any(token in texts for line in lines[start:end] for token in line.split()):
            return lines[start:end]
        start = end
    return []


def _between_words(text: str, start: int, end: int) -> bool:
    spans = _spans(text)
    return not any(s < cut < e for cut in (start, end) for s, e in spans)


def titles(grids: list[Grid]) -> set[str]:
    return {squash(grid.title) for grid in grids}


def continuation_body(page: Page, grids: list[Grid]) -> list[str] | None:
    """The body lines of a page that continues a table (its repeated header first, no title),
    notes left out; None for any other page."""
    texts, names = header_texts(grids), titles(grids)
    if not page.lines or any(squash(line) in names for line in page.lines):
        return None
    at = 0
    while at < len(page.lines) and is_header_line(page.lines[at], texts):
        at += 1
    if at == 0:
        return None
    return [line for line in page.lines[at:] if not NOTE.match(line)]


def rows_ending_on(path: Path, page: Page, first_body_line: str) -> int:
    """Table rows whose bottom rule lies on the page below its first body line (pdfplumber)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        plumbed = pdf.pages[page.number - 1]
        words = plumbed.extract_words()
        first = first_body_line.split()[0]
        top = next((w["top"] for w in words if w["text"].startswith(first)), None)
        if top is None:
            return 0
        rules = {round(edge["top"]) for edge in plumbed.edges
                 if edge["orientation"] == "h" and edge["top"] > top and edge["x1"] - edge["x0"] > 5}
    # one rule per row boundary (a cell's rule and its neighbour's may differ by a rounding)
    return len({y for y in rules if y - 1 not in rules})


def orphans(path: Path, pages: list[Page], grids: list[Grid]) -> list[tuple[int, str]]:
    """Pages holding a table's note alone or a single row of a table continued from before."""
    found = []
    for page in pages:
        if page.lines and NOTE.match(page.lines[0]):
            found.append((page.number, "注 alone at the top"))
            continue
        body = continuation_body(page, grids)
        if body is None:
            continue
        if not body:
            found.append((page.number, "header and 注 only"))
        elif len(body) <= 3 and rows_ending_on(path, page, body[0]) <= 1:
            found.append((page.number, f"one row: {body[0]}"))
    return found


def gaps(pages: list[Page], skip: set[str] = frozenset()) -> list[tuple[int, str]]:
    """Text pages (no running 编制单位 header: not a table page) with a figure or Latin word
    spaced from Chinese; ``skip``: lines printed as table rows on such pages (单位构成)."""
    found = []
    for page in pages:
        if page.header:
            continue
        for line in page.lines:
            if squash(line) in skip or "...." in line or ". . ." in line:  # 目录 leaders
                continue
            match = GAP.search(line)
            if match:
                found.append((page.number, line[max(0, match.start() - 8):match.end() + 8]))
    return found
