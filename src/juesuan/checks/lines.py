"""The printed lines text rules read, with a location each.

A disclosure read from a document carries ``printed`` (every non-table line, with page
and line); one built from data has none, so its narrative texts stand in (no page).
Rules over wording, years and names all read through here, so they see the same text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from ..model.printed import PrintedLine
from .finding import Location

KIND_LABELS = {"title": "标题", "part": "部分标题", "heading": "小标题", "table_title": "表标题", "toc": "目录",
               "instruction": "填报说明", "sentence": "正文", "glossary": "名词解释", "note": "表注"}


def printed(d: Any) -> tuple[PrintedLine, ...]:
    """The document's lines, or its narrative texts as sentences when it was built from data."""
    if d.printed:
        return d.printed
    out = [PrintedLine(kind="title", text=d.meta.title)] if d.meta.title else []
    out += [PrintedLine(kind="sentence", text=text, section=key) for key, text in d.narrative.items() if text]
    return tuple(out)


def where(line: PrintedLine, width: int = 30) -> Location:
    """A finding's location: the kind of line, its first words, section, page and line."""
    text = line.text if len(line.text) <= width else line.text[:width] + "…"
    return Location(text=f"{KIND_LABELS.get(line.kind, '正文')}“{text}”", section=line.section,
                    sentence=line.text, page=line.page, line=line.line)


@lru_cache(maxsize=8192)
def half_width(text: str) -> str:
    """Full-width letters, digits and punctuation as half-width (（ → (, ：→ :, ＸＸ → XX), so one
    pattern matches both ways of typing; CJK quotes and 【】 are left as they are. Memoised: the
    text rules of one check normalise the same sentences 285 times over 164 texts (Urumqi)."""
    return unicodedata.normalize("NFKC", text)


def leftmost(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    """What ``re.search`` of the patterns joined by ``|`` finds: the leftmost match, and at one place
    the first pattern that matches there. One search per pattern lets re skip ahead to each
    pattern's first characters, which it cannot do for an alternation of groups (3–4× faster)."""
    best = None
    for pattern in patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    return best


def lines_of(d: Any, *kinds: str) -> Iterator[PrintedLine]:
    return (line for line in printed(d) if not kinds or line.kind in kinds)


def half_lines(ctx: Any, *kinds: str) -> Iterator[tuple[PrintedLine, str]]:
    """(line, its half-width text) of ``kinds``; normalised once per check for every text rule."""
    cache = ctx.shared.get("half_lines")
    if cache is None:
        cache = ctx.shared["half_lines"] = [(line, half_width(line.text)) for line in printed(ctx.disclosure)]
    return ((line, text) for line, text in cache if not kinds or line.kind in kinds)


def cover(d: Any) -> Iterator[PrintedLine]:
    """Title-like lines: titles, 第N部分, table titles, 目录, and every line before 第一部分 (the cover)
    but prose: a sentence there means the 第一部分 heading was not seen as one (a 目录 the reader did
    not get, whose part headings were taken as its entries), not that the cover runs on."""
    before_parts = bool(d.printed)  # text composed from data has no cover
    for line in printed(d):
        before_parts = before_parts and line.kind != "part"
        if before_parts and line.kind != "sentence" or line.kind in ("title", "part", "table_title", "toc"):
            yield line
