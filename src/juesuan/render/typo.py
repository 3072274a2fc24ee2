"""Printed text as a 公文 sets it: no space between a figure and the Chinese around it.

Text typed by hand or pasted from another program often carries a space around a figure
("本年度增加 2020 年政务云项目", "=1 人"); a printed 公文 sets "2020年", "1人". Every
renderer prints table cells (``Cell.text``) and the document (``registry.render`` passes
``typeset(document)``) through ``tidy``; the words themselves are never changed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..narrative.document import Document

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"  # ideographs, CJK and full-width punctuation
# A figure (digit, %, ‰, a decimal point's digits) next to a Chinese character, spaces between.
_AFTER_FIGURE = re.compile(rf"(?<=[0-9A-Za-z%‰])[ \t\u00a0]+(?=[{_CJK}])")
_BEFORE_FIGURE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[0-9A-Za-z])")


def tidy(text: str) -> str:
    """``text`` without the spaces between a figure and Chinese text ("2019 年" → "2019年")."""
    if " " not in text and "\t" not in text and "\u00a0" not in text:
        return text
    return _BEFORE_FIGURE.sub("", _AFTER_FIGURE.sub("", text))


def typeset(document: Document) -> Document:
    """The document as printed: titles and paragraphs through ``tidy``."""
    sections = tuple(
        replace(section, title=tidy(section.title),
                paragraphs=tuple(replace(p, text=tidy(p.text)) for p in section.paragraphs))
        for section in document.sections)
    return replace(document, title=tidy(document.title),
                   subtitle=tidy(document.subtitle) if document.subtitle else document.subtitle,
                   sections=sections)
