"""Locations for findings: item paths → 表/行/列 and file/page; claims → 章节/句子."""

from __future__ import annotations

from ..model import Claim, Disclosure, describe
from .finding import Location

_TWO_SIDED = ("summary", "fiscal_summary")


def split_item(item: str) -> tuple[str | None, str | None, str | None]:
    """(table, row, column) of an item path; the middle parts form the row."""
    parts = item.split(".")
    if len(parts) == 1:
        return parts[0], None, None
    if len(parts) == 2:
        return parts[0], parts[1], None
    return parts[0], ".".join(parts[1:-1]), parts[-1]


def locate_item(disclosure: Disclosure, item: str) -> Location:
    """A table cell or other figure, with file/page/line when the value was parsed or printed."""
    table, row, column = split_item(item)
    source = disclosure.provenance.get(item)
    return Location(
        text=describe(item), item=item, table=table, row=row, column=column,
        file=source.file if source else None, page=source.page if source else None,
        line=source.line if source else None,
        section=source.ref if source and source.kind == "printed" else None,
    )


def locate_claim(claim: Claim) -> Location:
    """A narrative figure: section and sentence as printed, plus file/page when parsed."""
    head = f"情况说明{claim.section}" if claim.section else "情况说明"
    text = f"{head}“{claim.sentence}”" if claim.sentence else f"{head}（{describe(claim.item)}）"
    return Location(text=text, item=claim.item, section=claim.section, sentence=claim.sentence,
                    file=claim.file, page=claim.page)
