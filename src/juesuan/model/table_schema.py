"""The nine 公开表 described once, as data (``table_schema.yaml``; issue 10).

Title, detection cues, note wording, the amount columns in printed order with their printed
headers and reading keywords, and which columns sum to which. The model's columns
(``tables.py``), the renderers' headers, the readers' keywords, the narrative labels and the
trust check all derive from it; a region's other headers or order are overrides in its
profile (``reference/profiles.py``), so adding a region's layout is adding data.

The loader lives in ``model/`` rather than ``reference/``: the model's own table definitions
derive from it and ``model/`` may import nothing of juesuan (tests/test_architecture.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

SCHEMA_FILE = Path(__file__).with_name("table_schema.yaml")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ColumnSpec(_Frozen):
    """One amount column: model field, printed header, reading keywords."""

    field: str
    header: str
    group: str | None = None  # a header printed over several columns (公开08 本年支出)
    keywords: tuple[str, ...] = ()  # document reader: header words, most specific first
    pattern: str | None = None  # workbook reader: header regex
    claims: tuple[str, ...] = ()  # 情况说明 words naming this column's 合计 cell
    reads: tuple[str, ...] = ()  # document reader's words where not ``keywords`` (公开01/04 lines, sources)

    @property
    def reading(self) -> tuple[str, ...]:
        """The words the document reader knows this line or column by."""
        return self.reads or self.keywords


class SumSpec(_Frozen):
    """``whole`` = Σ ``parts`` on every row of the table."""

    whole: str
    parts: tuple[str, ...]


class RowFamily(_Frozen):
    """The coded rows of a table: 功能分类 类/款/项 or 经济分类 类/款."""

    code_lengths: tuple[int, ...]
    levels: tuple[str, ...]


class TableSchema(_Frozen):
    key: str
    code: str  # 公开0X表
    title: str
    titles: tuple[str, ...] = ()  # what the document reader looks for (detection cues)
    note: str
    empty_subject: str | None = None
    rows: str | None = None  # row family (coded tables)
    columns: tuple[ColumnSpec, ...] = ()
    match_order: tuple[str, ...] = ()
    sums: tuple[SumSpec, ...] = ()
    lines: dict[str, tuple[ColumnSpec, ...]] = {}  # 公开01/04: income, income_tail, expenditure_tail

    @model_validator(mode="after")
    def _consistent(self) -> "TableSchema":
        fields = [c.field for c in self.columns]
        if len(set(fields)) != len(fields):
            raise ValueError(f"{self.key}: 栏重复 / duplicate column")
        if self.match_order and sorted(self.match_order) != sorted(fields):
            raise ValueError(f"{self.key}: match_order 须列出每一栏 / must list every column once")
        for total in self.sums:
            unknown = {total.whole, *total.parts} - set(fields)
            if unknown:
                raise ValueError(f"{self.key}: sums 名称不是栏 / not a column: {sorted(unknown)}")
        return self

    @property
    def fields(self) -> tuple[str, ...]:
        """Amount columns in printed order."""
        return tuple(c.field for c in self.columns)

    def column(self, field: str) -> ColumnSpec:
        return next(c for c in self.columns if c.field == field)

    def line_fields(self, side: str) -> tuple[str, ...]:
        return tuple(line.field for line in self.lines.get(side, ()))

    def line(self, side: str, field: str) -> str:
        """The printed label of a fixed line of a two-sided table."""
        return next(line.header for line in self.lines[side] if line.field == field)

    def matching(self) -> tuple[ColumnSpec, ...]:
        """Columns in the order the readers try them (most specific keyword first)."""
        return tuple(self.column(f) for f in self.match_order) if self.match_order else self.columns


class Schema(_Frozen):
    labels: dict[str, str]
    row_families: dict[str, RowFamily]
    tables: tuple[TableSchema, ...]

    @model_validator(mode="after")
    def _known_families(self) -> "Schema":
        unknown = {t.rows for t in self.tables if t.rows} - set(self.row_families)
        if unknown:
            raise ValueError(f"未知的行族 / unknown row family: {sorted(unknown)}")
        return self

    def table(self, key: str) -> TableSchema:
        return next(t for t in self.tables if t.key == key)


def _resolved(raw: dict) -> dict:
    """``columns_from: <key>``: the same columns, sums and match order as that table."""
    by_key = {t["key"]: t for t in raw["tables"]}
    for table in raw["tables"]:
        source = table.pop("columns_from", None)
        if source:
            for name in ("columns", "match_order", "sums"):
                if name in by_key[source]:
                    table.setdefault(name, by_key[source][name])
    return raw


@lru_cache(maxsize=1)
def schema() -> Schema:
    """The packaged schema, loaded once."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(SCHEMA_FILE.read_text(encoding="utf-8"), Loader=loader)
    return Schema.model_validate(_resolved(raw))


def table_schema(key: str) -> TableSchema:
    return schema().table(key)


__all__ = ["ColumnSpec", "RowFamily", "Schema", "SumSpec", "TableSchema", "schema", "table_schema"]
