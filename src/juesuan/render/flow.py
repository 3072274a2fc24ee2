"""Page flow shared by the paged renderers (DOCX, PDF): which sections start a page and
which go on a landscape page.

A table starts a new page; headings that only introduce it ("第二部分 …部门决算表", with no
text of their own) move with it, so no heading is left alone at the foot of a page or on
a portrait page before a landscape table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..narrative.document import Section
from .cells import Grid


@dataclass(frozen=True)
class Block:
    """Consecutive sections laid out together; ``grid`` is the table of the last one."""

    sections: tuple[Section, ...]
    grid: Grid | None = None

    @property
    def starts_page(self) -> bool:
        return self.grid is not None

    @property
    def landscape(self) -> bool:
        return self.grid is not None and self.grid.landscape


def blocks(sections: tuple[Section, ...], grid_of: Callable[[Section], Grid | None]) -> list[Block]:
    result: list[Block] = []
    pending: list[Section] = []
    for section in sections:
        grid = grid_of(section) if section.table else None
        if grid is None and not section.paragraphs:
            pending.append(section)  # a bare heading: keep it with what follows
            continue
        result.append(Block(tuple(pending) + (section,), grid))
        pending = []
    if pending:
        result.append(Block(tuple(pending)))
    return result
