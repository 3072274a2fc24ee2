"""The document's own words as printed: titles, 目录, instructions and every sentence, with page.

A reviewer reads these, not only the figures: a wrong year in a title, a template
instruction left in, another department's name. Readers fill ``Disclosure.printed``;
a disclosure built from data (YAML) has none until its narrative is composed.
"""

from __future__ import annotations

from typing import Literal

from .base import Frozen

LineKind = Literal["title", "part", "heading", "table_title", "toc", "instruction", "sentence", "glossary", "note"]
"""What a printed line is: 封面/文档标题, 第N部分, 一、二、 headings, 公开NN表 titles, 目录 lines,
fill-in instructions (填报说明), sentences of the 说明, glossary entries, table notes (注：…)."""


class PrintedLine(Frozen):
    """One line or sentence as printed, located for findings."""

    kind: LineKind
    text: str
    section: str | None = None
    """Section key of the 情况说明 it belongs to (``ingest.sections.SECTIONS``), if known."""
    page: int | None = None
    line: int | None = None
    toc_page: str | None = None
    """For a 目录 entry: the page number it names, as printed ("3"); ``None`` when none is printed."""
