"""The document's own lines → ``PrintedLine`` records (titles, 目录, headings, sentences).

Table rows are left to the table reader; every other line is kept with its page, and
lines broken mid-sentence (PDF line ends) are joined back into sentences.
"""

from __future__ import annotations

import re

from ..model.printed import LineKind, PrintedLine
from .pages import Document, Row
from .sections import SECTIONS

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")
_TABLE_TITLE = re.compile(r"^(?:公开\d{1,2}表|表\d{1,2}[：:\s]|.{0,30}决算表$)")
_TOC_LINE = re.compile(r"(?:[.．…·]{3,}|\s{2,})\s*\d{1,3}$")
_NOTE = re.compile(r"^注[：:0-9１-９]")
_INSTRUCTION = re.compile(r"请(?:填写|补充|根据|按照|说明|在此)|填报说明|填写说明")
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$|^第\s*\d+\s*页")


def _is_table_row(row: Row) -> bool:
    return row.grid is not None or len(row.cells) > 2


def _kind(text: str, in_toc: bool) -> LineKind | None:
    if _PART.match(text):
        return "part"
    if in_toc and _TOC_LINE.search(text):
        return "toc"
    if _NOTE.match(text):
        return "note"
    if _TABLE_TITLE.match(text) and len(text) <= 40:
        return "table_title"
    if _HEADING.match(text) and len(text) <= 40:
        return "heading"
    if _INSTRUCTION.search(text):
        return "instruction"
    return None


def _section(text: str, current: str | None) -> str | None:
    for key, words in SECTIONS:
        if any(word in text for word in words):
            return key
    return current


def printed_lines(doc: Document) -> tuple[PrintedLine, ...]:
    """Every non-table line of ``doc``: structural lines as they are, prose joined into sentences."""
    out: list[PrintedLine] = []
    buffer: list[tuple[str, int, int]] = []
    section: str | None = None
    in_toc, seen_title = False, False

    def flush() -> None:
        if not buffer:
            return
        text = "".join(t for t, _, _ in buffer)
        page, line = buffer[0][1], buffer[0][2]
        buffer.clear()
        kind: LineKind = "glossary" if section == "glossary" else "sentence"
        for piece in _SENTENCE_END.split(text):
            piece = piece.strip()
            if piece:
                out.append(PrintedLine(kind=kind, text=piece, section=section, page=page, line=line))

    for row in doc.rows():
        text = row.text.strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        if _is_table_row(row):
            flush()
            continue
        compact = re.sub(r"\s+", "", text)
        if compact in ("目录", "目錄"):
            flush()
            in_toc = True
            out.append(PrintedLine(kind="heading", text=compact, page=row.page, line=row.line))
            continue
        kind = _kind(text, in_toc)
        if in_toc and kind != "toc" and kind != "part":
            in_toc = kind == "table_title" or kind == "heading"
        if not seen_title and "决算" in compact and kind is None and len(compact) <= 60:
            kind, seen_title = "title", True
        if kind is not None:
            flush()
            if kind in ("part", "heading"):
                section = _section(compact, section)
            out.append(PrintedLine(kind=kind, text=text, section=section, page=row.page, line=row.line))
            continue
        buffer.append((text, row.page, row.line))
        if text.endswith(("。", "！", "？", "：", ":")):
            flush()
    flush()
    return tuple(out)
