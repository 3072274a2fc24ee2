"""Inputs a composed document still lacks: every visible 【请补充…】 placeholder.

审核 registers a 警告 rule (I-001) on them: a 主要原因, a text or a figure that the user must
supply before publication. It takes them from ``gated.missing_inputs_of``, which gives the
same list without rendering the sections that print none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document

_PLACEHOLDER = re.compile(r"【请补充[^】]*】")


@dataclass(frozen=True)
class MissingInput:
    """One placeholder: where it is (section id and title) and what it asks for."""

    section: str
    title: str
    placeholder: str
    """The placeholder text, e.g. 【请补充原因】."""
    paragraph: str
    """The paragraph that prints it, for context."""
    items: tuple[str, ...] = ()
    """Item paths of the claims printed in that paragraph (what the missing input concerns)."""


def missing_inputs(document: Document) -> list[MissingInput]:
    """Every placeholder of ``document``, in document order."""
    found = []
    for section in document.sections:
        for paragraph in section.paragraphs:
            if not paragraph.placeholder:
                continue
            items = tuple(dict.fromkeys(claim.item for claim in paragraph.claims))
            for match in _PLACEHOLDER.finditer(paragraph.text):
                found.append(MissingInput(section.id, section.title, match.group(0),
                                          paragraph.text, items))
    return found
