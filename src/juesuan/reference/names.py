"""Resolve names as documents print them to codes.

Documents write paths like ``科学技术支出（类）技术与开发（款）科技成果转化与扩散（项）``, with
full- or half-width brackets and stray spaces or line breaks inside names. Names repeat under
different parents (行政运行 sits under many 款), so a path is resolved level by level.
An old name of a renamed code (``data/<kind>-renames.csv``) resolves to the code too: reading
is not judging (rule K-004 reports the outdated name). Unresolvable input gives ``None``, never an
exception.
"""

from __future__ import annotations

import re

from .codes import Code, CodeBook, normalize_name, renames_of

LEVEL_MARKS = {"类": 1, "款": 2, "项": 3}
# The level marks themselves, either bracket width; names between them may hold brackets (办公厅（室）).
_MARK = re.compile(r"[（(]\s*([类款项])\s*[）)]")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]\s*")


def split_path(text: str) -> list[tuple[int, str]]:
    """``[(level, name), …]`` in printed order; ``[]`` when no （类）/（款）/（项） mark is found."""
    parts = _MARK.split(_LEADING_NUMBER.sub("", text or ""))
    # parts = [name, mark, name, mark, …, trailing text]; the trailing text is not a segment
    return [(LEVEL_MARKS[mark], re.sub(r"\s+", "", name)) for name, mark in zip(parts[0::2], parts[1::2])]


def resolve_path(text: str, year: int, kind: str = "function") -> str | None:
    """Code of the deepest level in a printed 类/款/项 path, or ``None`` when any step fails.

    Levels must come in order (类, then 款, then 项); each name is looked up among the children
    of the previous step, so repeated names resolve by their parents.
    """
    segments = split_path(text)
    if not segments or [level for level, _ in segments] != list(range(1, len(segments) + 1)):
        return None
    book = CodeBook.for_year(year, kind)
    parent: str | None = None
    for level, name in segments:
        hits = _find(book, name, level, parent)
        if level == 1:
            hits = [c for c in hits if c.parent is None]
        if len(hits) != 1:
            return None
        parent = hits[0].code
    return parent


def resolve_name(name: str, level: int | None = None, parent: str | None = None, *, year: int,
                 kind: str = "function") -> str | None:
    """Code of a single name, optionally narrowed by level and parent (a code or a printed path).

    ``None`` when no code or more than one code fits (e.g. 行政运行 without a parent).
    """
    marked = split_path(name)
    if len(marked) == 1:  # "信访事务（项）": the mark gives the level unless one was passed
        marked_level, name = marked[0]
        level = level or marked_level
    if parent is not None and not re.fullmatch(r"\s*\d+\s*", parent):
        parent = resolve_path(parent, year, kind)
        if parent is None:
            return None
    hits = _find(CodeBook.for_year(year, kind), name, level, parent)
    return hits[0].code if len(hits) == 1 else None


def _find(book: CodeBook, name: str, level: int | None, parent: str | None) -> list[Code]:
    """The book's codes of that name, else the codes that name is an old name of."""
    hits = book.find(name, level=level, parent=parent)
    if hits:
        return hits
    wanted = normalize_name(name)
    old = (book.get(r.code) for r in renames_of(book.kind) if normalize_name(r.old_name) == wanted)
    return [c for c in old if c is not None and (level is None or c.level == level)
            and (parent is None or c.parent == parent)]
