"""The document's own lines → ``PrintedLine`` records (titles, 目录, headings, sentences, 名词解释).

Table rows are left to the table reader; every other line is kept with its page, and
lines broken mid-sentence (PDF line ends) are joined back into sentences, each sentence
located on the page where it starts.
"""

from __future__ import annotations

import re

from ..model import GlossaryEntry
from ..model.printed import LineKind, PrintedLine
from .pages import Document, Row
from .prose import prose_rows
from .sections import SECTIONS

_NUMERAL = "[一二三四五六七八九十]+"
_PART = re.compile(rf"^第{_NUMERAL}部分")
_HEADING = re.compile(rf"^(?:{_NUMERAL}[、.．]|[（(]{_NUMERAL}[）)])")
_TABLE_TITLE = re.compile(r"^(?:公开\d{1,2}表|表\d{1,2}[：:\s]|.{0,30}决算(?:总)?表》?$|《.{2,30}决算(?:总)?表》$)")
# A 目录 entry: leaders or spaces, then the page number as printed ("……3", "  12", " - 3 -").
_TOC_PAGE = re.compile(r"^(?P<entry>.*?\S)\s*(?:[.．…·。]{2,}|\s)\s*[-—–]?\s*(?P<page>\d{1,3})\s*[-—–]?$")
_TOC_BULLET = re.compile(rf"\s*[-•·]\s+(?=第{_NUMERAL}部分|{_NUMERAL}[、.．]|[（(]{_NUMERAL}[）)]|\d{{1,2}}[、.．]|《)")
_NOTE = re.compile(r"^注[：:0-9１-９]")
_INSTRUCTION = re.compile(
    r"请(?:填写|补充|根据|按照|说明|在此)|填报说明|填写说明|作下述说明|如持平作持平表述|按上述格式|不涉及的不列"
    r"|根据.{0,30}填写。?$|本部分内容(?:为|填写)")
_BRACKETED = re.compile(r"[（(][^（）()]{0,30}(?:如持平作持平表述|不涉及的不列|本部分内容)[^（）()]{0,30}[）)]")
_SENTENCE_END = re.compile(r"(?<=[。！？；])(?![。！？；])")  # "。。" stays with its sentence (C-105 finds it)
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$|^第\s*\d+\s*页")
_MARKUP = re.compile(r"^[#>\s]+|^[-*•]\s+|\*\*|__")  # markdown: headings, quotes, bullets, bold
# A 名词解释 entry: optional number, a short term, "：", its definition.
_GLOSSARY_ENTRY = re.compile(rf"^(?:{_NUMERAL}[、.．]|\d{{1,2}}[、.．])?\s*(?P<term>[^：:，。；\s]{{2,24}})[：:]\s*(?P<definition>.+)$")


def _is_entry(text: str) -> bool:
    """"术语：指……。": a definition is a sentence; "编制单位：XX局2022年度" after the list is not one."""
    match = _GLOSSARY_ENTRY.match(text)
    return bool(match) and (match.group("definition").startswith("指") or text.rstrip().endswith("。"))


def _is_table_row(row: Row) -> bool:
    """A ruled row, or several cells without sentence punctuation ("增加 8746.99 万元，增长" is prose)."""
    return row.grid is not None or len(row.cells) > 2 and not re.search(r"[，。；：]", row.text)


def _kind(text: str) -> LineKind | None:
    if _PART.match(text):
        return "part"
    if _NOTE.match(text):
        return "note"
    if _TABLE_TITLE.match(re.sub(rf"^{_NUMERAL}[、.．]", "", text)) and len(text) <= 40 and "。" not in text:
        return "table_title"
    if _HEADING.match(text) and len(text) <= 40 and not re.search(r"[：:；，]|。.|\d\.\d", text) \
            and len(_HEADING.findall(text)) == 1 and (not text.endswith("。") or text.endswith(("说明。", "情况。"))):
        return "heading"
    return None


def section_of(text: str) -> str | None:
    """The 说明 section a heading names: the longest matching phrase wins
    ("财政拨款收入支出决算总体情况" is fiscal_summary, not summary)."""
    best: tuple[int, str] | None = None
    for key, words in SECTIONS:
        for word in words:
            if word in text and (best is None or len(word) > best[0]):
                best = (len(word), key)
    return best[1] if best else None


def _toc_entries(text: str) -> list[tuple[str, str | None]]:
    """(entry, page as printed) for each entry of a 目录 line; run-on lines ("- 一、… - 二、…") are split."""
    out = []
    for piece in _TOC_BULLET.split(" " + text):
        piece = piece.strip(" -•·")
        if not piece:
            continue
        match = _TOC_PAGE.match(piece)
        entry, page = (match.group("entry").rstrip(" .．…·。"), match.group("page")) if match else (piece, None)
        out.append((entry, page))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Reader:
    def __init__(self) -> None:
        self.out: list[PrintedLine] = []
        self.buffer: list[tuple[str, int, int]] = []
        self.section: str | None = None

    def emit(self, kind: LineKind, text: str, page: int, line: int, toc_page: str | None = None) -> None:
        self.out.append(PrintedLine(kind=kind, text=text, section=self.section, page=page, line=line,
                                    toc_page=toc_page))

    def flush(self) -> None:
        if not self.buffer:
            return
        starts, text = [], ""
        for piece, page, line in self.buffer:
            starts.append((len(text), page, line))
            text += piece
        self.buffer.clear()
        if self.section == "glossary" and _is_entry(text):
            self.emit("glossary", text, starts[0][1], starts[0][2])
            return
        offset = 0
        for piece in _SENTENCE_END.split(text):
            start = offset + len(piece) - len(piece.lstrip())
            offset += len(piece)
            piece = piece.strip()
            if not piece:
                continue
            _, page, line = next(s for s in reversed(starts) if s[0] <= start)
            rest = _BRACKETED.sub("", piece).strip("。；; ")
            if rest:
                self.emit("instruction" if _INSTRUCTION.search(rest) else "sentence", piece, page, line)
            for bracket in _BRACKETED.finditer(piece):  # "（如持平作持平表述）" left in or after a sentence
                self.emit("instruction", bracket.group(0), page, line)


def printed_lines(doc: Document) -> tuple[PrintedLine, ...]:
    """Every non-table line of ``doc``: structural lines as they are, prose joined into sentences."""
    r = _Reader()
    toc_state = "before"  # before → inside → after the 目录
    toc_first: str | None = None
    in_table = False  # after a table's title: its label lines are the table reader's, up to its 注 or the next part
    for row, printed in prose_rows(doc):
        text = _MARKUP.sub("", printed).strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        if _is_table_row(row) and not (toc_state == "inside" and len(row.cells) <= 3):
            r.flush()
            continue
        compact = _squash(text)
        if compact in ("目录", "目錄"):
            r.flush()
            toc_state = "inside"
            r.emit("heading", compact, row.page, row.line)
            continue
        if toc_state == "inside":
            entries = _toc_entries(text)
            first = _squash(entries[0][0]) if entries else ""
            ends = (first == toc_first and entries[0][1] is None) or len(compact) > 60 or compact.endswith("。")
            if not ends:
                for entry, page in entries:
                    toc_first = toc_first or _squash(entry)
                    r.emit("toc", entry, row.page, row.line, toc_page=page)
                continue
            toc_state = "after"
        kind = _kind(text)
        if in_table and kind not in ("part", "table_title", "note") and not (kind == "heading" and section_of(compact)):
            continue
        in_table = kind == "table_title" or (in_table and kind not in ("part", "note", "heading"))
        if r.section == "glossary" and kind in (None, "heading") and _GLOSSARY_ENTRY.match(text):
            r.flush()  # one entry per "术语：定义" paragraph, its wrapped lines joined
            r.buffer.append((text, row.page, row.line))
            continue
        if kind is not None:
            r.flush()
            if kind == "table_title":
                r.section = None
            if kind == "part":
                toc_state = "after" if toc_state == "inside" else toc_state
                r.section = section_of(compact)
            elif kind == "heading":
                key = section_of(compact)
                if key or not text.startswith(("（", "(")):  # a sub-heading keeps its parent's section
                    r.section = key
            r.emit(kind, text, row.page, row.line)
            continue
        if toc_state == "before" and all(line.kind == "title" for line in r.out) and len(compact) <= 60 \
                and not compact.endswith("。"):
            r.emit("title", text, row.page, row.line)  # the cover: short lines before the 目录 or the first part
            continue
        if r.section == "glossary" and r.buffer and r.buffer[-1][0].endswith("。") and not re.search(r"[，。；：,;:]", text):
            r.flush()  # a running footer after the last entry ("XX局 · 2024 年度"), not its continuation
        alone = not r.buffer  # "…作下述说明：" on its own line ends there; a wrapped "主要原因是：" does not
        r.buffer.append((text, row.page, row.line))
        if r.section != "glossary" and (text.endswith(("。", "！", "？")) or alone and text.endswith(("：", ":"))):
            r.flush()
    r.flush()
    return tuple(r.out)


def glossary(lines: tuple[PrintedLine, ...]) -> tuple[GlossaryEntry, ...]:
    """名词解释 entries as printed: "术语：定义" (a leading 一、/1. dropped)."""
    out = []
    for line in lines:
        match = _GLOSSARY_ENTRY.match(line.text) if line.kind == "glossary" and _is_entry(line.text) else None
        if match:
            out.append(GlossaryEntry(term=match.group("term"), definition=_squash(match.group("definition"))))
    return tuple(out)
