"""编码: every 科目 code exists in the year's edition, its name matches, level and parent agree.

The packaged editions are partial (``juesuan.reference``): an unknown code is a 警告, and
only when the edition holds the code's 类 (a class the edition does not list at all is
outside what the packaged list covers, so nothing can be said).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from ..reference import CodeBook, normalize_name
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule
FUNCTION_TABLES = ("income", "expenditure", "general_budget", "government_fund", "state_capital")


def _coded_rows(d: Any) -> Iterator[tuple[str, str, Any]]:
    """(kind, item path of the row's first cell, row) for every coded row."""
    for key in FUNCTION_TABLES:
        for row in getattr(d.tables, key).rows:
            yield "function", f"{key}.{row.code}.{row.amount_columns[0]}", row
    for line in d.tables.summary.expenditure.classes:
        yield "function", f"summary.expenditure.{line.code}", line
    for line in d.tables.fiscal_summary.expenditure.classes:
        yield "function", f"fiscal_summary.expenditure.{line.code}.total", line
    for row in d.tables.basic_expenditure.rows:
        yield "economic", f"basic_expenditure.{row.code}.amount", row


def _books(ctx: RuleContext) -> dict[str, CodeBook]:
    if "codebooks" not in ctx.shared:
        ctx.shared["codebooks"] = {k: CodeBook.for_year(ctx.year, k) for k in ("function", "economic")}
    return ctx.shared["codebooks"]


@lru_cache(maxsize=16)
def _names(book: CodeBook) -> dict[str, frozenset[str]]:
    """code → its normalised name and aliases (books are immutable and cached, so is this)."""
    return {c.code: frozenset(normalize_name(n) for n in (c.name, *c.aliases)) for c in book}


@rule("K-001", family="编码", severity="警告", title="科目编码在当年科目表中存在")
def known(ctx: RuleContext):
    books = _books(ctx)
    for kind, item, row in _coded_rows(ctx.disclosure):
        book = books[kind]
        if len(book) == 0 or row.code in book or row.code[:3] not in book:
            continue
        yield ctx.finding(ctx.locate(item), f"科目编码 {row.code}（{row.name}）不在{book.year}年科目表中",
                          actual=row.code, suggestion="核对当年《政府收支分类科目》；如为新增科目可导入完整科目表")


@rule("K-002", family="编码", severity="警告", title="科目名称与编码在当年科目表中的名称一致")
def names(ctx: RuleContext):
    books = _books(ctx)
    names_of = {kind: _names(book) for kind, book in books.items()}
    for kind, item, row in _coded_rows(ctx.disclosure):
        known = names_of[kind].get(row.code)
        if row.name and known is not None and normalize_name(row.name) not in known:
            official = books[kind].get(row.code)
            yield ctx.finding(ctx.locate(item), f"科目 {row.code} 名称为“{row.name}”，科目表为“{official.name}”",
                              expected=official.name, actual=row.name, suggestion="使用当年科目表名称")


@rule("K-003", family="编码", severity="错误", title="编码层级正确（类3位、款5位、项7位），款/项的上级科目在表中列出")
def levels(ctx: RuleContext):
    codes_of = {key: {r.code for r in getattr(ctx.disclosure.tables, key).rows} for key in FUNCTION_TABLES}
    codes_of["basic_expenditure"] = {r.code for r in ctx.disclosure.tables.basic_expenditure.rows}
    for kind, item, row in _coded_rows(ctx.disclosure):
        allowed = (3, 5, 7) if kind == "function" else (3, 5)
        table = item.split(".")[0]
        if table in ("summary", "fiscal_summary"):
            allowed = (3,)
        if len(row.code) not in allowed or not row.code.isdigit():
            yield ctx.finding(ctx.locate(item), f"科目编码“{row.code}”位数或格式不符（应为{'/'.join(map(str, allowed))}位数字）",
                              actual=row.code)
            continue
        if len(row.code) > 3 and table not in ("summary", "fiscal_summary"):
            parent = row.code[: len(row.code) - 2]
            if parent not in codes_of[table]:
                yield ctx.finding(ctx.locate(item), f"科目 {row.code} 的上级科目 {parent} 未在表中列出",
                                  severity="警告", expected=parent, suggestion="按类、款、项逐级列示")
