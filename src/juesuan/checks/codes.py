"""编码: every 科目 code exists in the year's edition, its name matches, level and parent agree.

The packaged editions are partial (``juesuan.reference``, ``data/editions.csv``), so what they
do not hold cannot be judged: a code missing from a partial edition, or a name that differs from
a row no source of that year confirms, is a 提示 at most. Only a complete (imported) list, a name
printed in a source of the document's own year, or a recorded rename can give a 警告. One finding
per code and printed name, with the other cells that print it as ``related``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from ..model.items import TABLE_LABELS
from ..reference import CodeBook, normalize_name
from ..reference.codes import Rename, renames_of
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule
FUNCTION_TABLES = ("income", "expenditure", "general_budget", "government_fund", "state_capital")
PARTIAL = "内置科目表不完整"


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


Printed = dict[tuple[str, str], dict[str, list[tuple[str, str]]]]


def _printed(ctx: RuleContext) -> Printed:
    """(kind, code) → normalised printed name → (item, name as printed) of each cell, in document order."""
    if "codes_printed" not in ctx.shared:
        found: Printed = {}
        for kind, item, row in _coded_rows(ctx.disclosure):
            found.setdefault((kind, row.code), {}).setdefault(normalize_name(row.name), []).append((item, row.name))
        ctx.shared["codes_printed"] = found
    return ctx.shared["codes_printed"]


def _books(ctx: RuleContext) -> dict[str, CodeBook]:
    if "codebooks" not in ctx.shared:
        ctx.shared["codebooks"] = {k: CodeBook.for_year(ctx.year, k) for k in ("function", "economic")}
    return ctx.shared["codebooks"]


def _renames(ctx: RuleContext) -> dict[tuple[str, str], tuple[Rename, ...]]:
    """(kind, code) → its renames, read once per check (the user's file may change between checks)."""
    if "coderenames" not in ctx.shared:
        found: dict[tuple[str, str], tuple[Rename, ...]] = {}
        for kind in ("function", "economic"):
            for rename in renames_of(kind):
                found[(kind, rename.code)] = (*found.get((kind, rename.code), ()), rename)
        ctx.shared["coderenames"] = found
    return ctx.shared["coderenames"]


def _consistent(cells: list[tuple[str, str]]) -> bool:
    """Printed with one name in at least two tables (e.g. 公开03 and 公开05)."""
    return len({item.split(".")[0] for item, _ in cells}) >= 2


def _related(cells: list[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(item for item, _ in cells[1:])


@lru_cache(maxsize=16)
def _names(book: CodeBook) -> dict[str, frozenset[str]]:
    """code → its normalised name and aliases (books are immutable and cached, so is this)."""
    return {c.code: frozenset(normalize_name(n) for n in (c.name, *c.aliases)) for c in book}


@rule("K-001", family="编码", severity="提示", title="科目编码在当年科目表中存在",
      description="导入了完整的官方科目表时，表中没有的编码为警告。内置科目表不完整：不在其中的编码无法判断，只给提示；"
                  "同一编码在两张及以上表中以同一名称列示的，视为有效，全文合并为一条提示。只在科目表列有该编码的类时判断。")
def known(ctx: RuleContext):
    books = _books(ctx)
    accepted: list[tuple[str, str, list[tuple[str, str]]]] = []
    for (kind, code), names in _printed(ctx).items():
        book = books[kind]
        if len(book) == 0 or code in book or code[:3] not in book:
            continue
        cells = [cell for group in names.values() for cell in group]
        printed = "、".join(dict.fromkeys(name for _, name in cells))
        if book.complete:
            yield ctx.finding(ctx.locate(cells[0][0]), f"科目编码 {code}（{printed}）不在{book.year}年科目表中",
                              severity="警告", actual=code, related=_related(cells),
                              suggestion="核对当年《政府收支分类科目》")
        elif len(names) == 1 and _consistent(cells):
            accepted.append((code, printed, cells))
        else:
            differ = f"，各表名称不一致（{printed}）" if len(names) > 1 else ""
            yield ctx.finding(ctx.locate(cells[0][0]),
                              f"科目编码 {code}（{printed}）不在{book.year}年内置科目表中；{PARTIAL}，无法判断{differ}",
                              actual=code, related=_related(cells),
                              suggestion="核对当年《政府收支分类科目》，或用 juesuan codes import 导入完整科目表")
    if accepted:
        listed = "、".join(f"{code} {name}" for code, name, _ in accepted)
        items = [item for _, _, cells in accepted for item, _ in cells]
        yield ctx.finding(ctx.locate(items[0]),
                          f"{len(accepted)} 个科目编码不在内置科目表中，但文档在多张表中以同一名称列示，视为有效（{PARTIAL}）：{listed}",
                          actual="、".join(code for code, _, _ in accepted),
                          related=tuple(items[1:]),
                          suggestion="如需核对，用 juesuan codes import 导入当年完整科目表")


@rule("K-002", family="编码", severity="警告", title="科目名称与编码在当年科目表中的名称一致",
      description="科目表中该编码的名称印在当年资料中（或导入了完整科目表）时为警告；名称印在其他年度资料中、"
                  "而文档在另一张表中用的正是这个名称（自相矛盾）时也为警告；名称为沿用或回忆所得、未经当年资料核实时只给提示。"
                  "已更名科目的旧名称由 K-004 报告。同一编码同一名称在多张表中只报一条。")
def names(ctx: RuleContext):
    books = _books(ctx)
    names_of = {kind: _names(book) for kind, book in books.items()}
    for (kind, code), printed in _printed(ctx).items():
        book, known = books[kind], names_of[kind].get(code)
        if known is None or all(not name or name in known for name in printed):
            continue
        official = book.get(code)
        renames = _renames(ctx).get((kind, code), ())
        in_force = normalize_name(book.name_in(code, ctx.year, renames))  # a name renamed later is right before then
        # The document contradicts itself when it prints the book's name for this code in another table.
        elsewhere = [cell for group, cells in printed.items() if group in known for cell in cells]
        for name, cells in printed.items():
            if not name or name in known or name == in_force or book.outdated(code, name, ctx.year, renames):
                continue
            shown = cells[0][1]
            also = f"；文档{_tables(elsewhere)}印为“{elsewhere[0][1]}”" if elsewhere else ""
            if book.verified_for(code, ctx.year) or (official.verified and elsewhere):
                yield ctx.finding(ctx.locate(cells[0][0]),
                                  f"科目 {code} 名称为“{shown}”，{book.year}年科目表为“{official.name}”{also}",
                                  expected=official.name, actual=shown, related=_related(cells),
                                  suggestion="使用当年科目表名称")
            else:
                yield ctx.finding(ctx.locate(cells[0][0]),
                                  f"科目 {code} 名称为“{shown}”，内置{book.year}年科目表为“{official.name}”"
                                  f"（该名称未经{ctx.year}年资料核实，{PARTIAL}）{also}",
                                  severity="提示", expected=official.name, actual=shown, related=_related(cells),
                                  suggestion="核对当年《政府收支分类科目》")


def _tables(cells: list[tuple[str, str]]) -> str:
    """The tables of ``cells`` by their printed codes (公开03表、公开05表 …)."""
    return "、".join(dict.fromkeys(TABLE_LABELS[item.split(".")[0]].split()[0] for item, _ in cells))


@rule("K-004", family="编码", severity="警告", title="科目名称不是已更名科目的旧名称",
      description="按 reference/data/<kind>-renames.csv（有出处的更名记录）：文档年度已在更名起始年度或之后，却印旧名称。")
def outdated_names(ctx: RuleContext):
    books, renames = _books(ctx), _renames(ctx)
    for (kind, code), printed in _printed(ctx).items():
        if (kind, code) not in renames:
            continue
        for name, cells in printed.items():
            book = books[kind]
            renamed = book.outdated(code, name, ctx.year, renames[(kind, code)])
            if renamed is None:
                continue
            shown = cells[0][1]
            yield ctx.finding(ctx.locate(cells[0][0]),
                              f"科目 {code} 印为旧名称“{shown}”：自{renamed.from_year}年起更名为“{renamed.new_name}”"
                              f"（{ctx.year}年度适用{book.year}年科目表）",
                              expected=renamed.new_name, actual=shown, related=_related(cells),
                              suggestion=f"改为“{renamed.new_name}”")


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
