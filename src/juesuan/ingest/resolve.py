"""Printed names → classification codes via ``juesuan.reference.names`` (no local tables)."""

from __future__ import annotations

from ..reference import names

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
