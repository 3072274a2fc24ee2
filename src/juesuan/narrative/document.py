"""The composed document: what narrative composition hands to every renderer.

Renderers lay this out; they never compute a figure. Tables are referenced by key and
drawn from the ``Disclosure`` by ``juesuan.render.layout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Claim


@dataclass(frozen=True)
class Paragraph:
    text: str
    claims: tuple[Claim, ...] = ()
    placeholder: bool = False
    """True when the text contains a 【请补充…】 placeholder for missing input."""


@dataclass(frozen=True)
class Section:
    """A heading with its paragraphs; ``level`` 1 = 第X部分, 2 = 一、, 3 = （一）.

    ``table`` names a table to insert after the paragraphs: a key of ``TABLE_KEYS``
    (``"summary"`` …) or ``"performance:<n>"`` for the n-th 自评表 (0-based).
    """

    id: str
    title: str
    level: int
    paragraphs: tuple[Paragraph, ...] = ()
    table: str | None = None


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str | None = None
    sections: tuple[Section, ...] = field(default_factory=tuple)
    draft: bool = False
    """Every renderer prints a visible 草稿 watermark on every page (``juesuan build --draft``)."""
    forced: str | None = None
    """Set by ``juesuan build --force``: what the gate found; renderers record it in the properties."""

    def claims(self) -> tuple[Claim, ...]:
        """Every printed claim, in document order (what 审核 and round-trip tests compare)."""
        return tuple(c for s in self.sections for p in s.paragraphs for c in p.claims)

    def text(self) -> str:
        """Plain text of the whole document (tests, search, diffing)."""
        lines = [self.title] + ([self.subtitle] if self.subtitle else [])
        for section in self.sections:
            lines.append(section.title)
            lines.extend(p.text for p in section.paragraphs)
        return "\n".join(lines)
