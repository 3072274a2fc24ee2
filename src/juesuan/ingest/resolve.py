"""Printed names → classification codes: the document's own tables first, then ``juesuan.reference.names``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference import names
from .numbers import clean

ECONOMIC_TABLES = ("basic_expenditure",)


# 类 names before the 2018/2019 editions (spec tables.md, "Variants to support"): old → current name.
RENAMED_CLASSES = {
    "医疗卫生与计划生育支出": "卫生健康支出", "文化体育与传媒支出": "文化旅游体育与传媒支出",
    "国土海洋气象等支出": "自然资源海洋气象等支出",
}


class Resolver:
    def __init__(self, year: int | None):
        self.year = year or 2024

    def function(self, text: str, level: int | None = None) -> str | None:
        if not text:
            return None
        try:
            if "（" in text or "(" in text:
                code = names.resolve_path(text, self.year)
                if code:
                    return code
            code = names.resolve_name(text, level=level, year=self.year)
            if code is None and text in RENAMED_CLASSES:
                code = names.resolve_name(RENAMED_CLASSES[text], level=level, year=self.year)
            return code
        except Exception:  # a missing edition must not stop a parse
            return None

    def child(self, text: str, parent: str | None, level: int) -> str | None:
        """A name printed without a code, under the 类/款 read just before it."""
        if not text or not parent:
            return None
        try:
            return names.resolve_name(text, level=level, parent=parent, year=self.year)
        except Exception:
            return None

    def economic(self, text: str) -> str | None:
        try:
            return names.resolve_name(text, year=self.year, kind="economic")
        except Exception:
            return None

    def for_table(self, key: str):
        if key in ECONOMIC_TABLES:
            return self.economic
        if key in ("summary", "fiscal_summary"):
            return lambda text: self.function(text, level=1)
        return self.function


_LEVELS = {"类": 1, "款": 2, "项": 3}
_PART_RE = re.compile(r"([^（）()]+?)[（(]([类款项])[）)]")


@dataclass(frozen=True)
class Resolved:
    """A 类/款/项 path of the narrative, resolved: the code, and what a reviewer must be told."""

    code: str | None
    flags: tuple[str, ...] = ()
    """``name_differs``: the table prints another name for this code; ``not_in_table``: the code
    list knows the name but the table has no such row; ``unresolved``: neither knows it."""
    table_name: str | None = None


def _same(a: str, b: str) -> bool:
    return clean(a) == clean(b)


def resolve_path(text: str, rows, resolver: Resolver) -> Resolved:
    """The document's own table first (code and printed name, level by level), then the code list.

    ``rows``: the coded rows of the table the section describes (empty when it was not read).
    """
    parts = [(name.strip("，,：:。 "), _LEVELS[level]) for name, level in _PART_RE.findall(text)]
    code = None
    for name, level in parts:
        hits = [r for r in rows if r.level == level and (code is None or r.code.startswith(code))
                and _same(r.name, name)]
        if len(hits) != 1:
            break
        code = hits[0].code
    else:
        if code:
            return Resolved(code)
    listed = resolver.function(text)
    if listed is None and code and len(parts) > 1:  # the deepest name under the parent the table gave
        listed = resolver.child(parts[-1][0], code, parts[-1][1])
    if listed is None:
        return Resolved(None, ("unresolved",)) if parts else Resolved(None)
    row = next((r for r in rows if r.code == listed), None)
    if row is None:
        return Resolved(listed, ("not_in_table",) if rows else ())
    if parts and not _same(row.name, parts[-1][0]):
        return Resolved(listed, ("name_differs",), row.name)
    return Resolved(listed)


def check_coded_name(code: str, printed: str, rows) -> Resolved:
    """A code printed with its name ("2290402 其他地方…支出"): the name is compared with the table's."""
    row = next((r for r in rows if r.code == code), None)
    if row is None:
        return Resolved(code, ("not_in_table",) if rows else ())
    if printed and not clean(printed).startswith(clean(row.name)):
        return Resolved(code, ("name_differs",), row.name)
    return Resolved(code)
