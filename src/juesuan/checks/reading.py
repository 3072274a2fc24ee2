"""读取: what the reader of a published document could not do, in the check report itself.

A reviewer running ``juesuan check FILE.pdf`` must see, next to the findings, which pages,
tables and amounts were not read — a check that found nothing on a page nobody read proves
nothing. The reader leaves these as ``Disclosure.reading`` (``model.ReadingNote``); the rules
here turn them into located findings. They are 提示: they say what was not checked, never
that the document is wrong (unknown is never zero; R-003/R-004 set the comparisons aside).
"""

from __future__ import annotations

from ..model import TABLE_KEYS
from .finding import Location
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule
_NAMES = {key: f"{code} {title}" for key, code, title in TABLE_KEYS}
SHOWN = 5
"""Notes quoted per finding; the rest are counted."""


def _notes(ctx: RuleContext, kind: str):
    return [n for n in ctx.disclosure.reading if n.kind == kind]


def _where(note, text: str, table: str | None = None) -> Location:
    return Location(text=text, table=table, file=note.file, page=note.page, line=note.line)


@rule("D-001", family="读取", severity="提示", title="未能读取的页面（图片、扫描件未做 OCR、超出页数限制）")
def pages_not_read(ctx: RuleContext):
    """Pages of a read document that gave no text: their figures were not checked."""
    for note in _notes(ctx, "pages"):
        yield ctx.finding(_where(note, "页面未读 / pages not read"), f"{note.message}；这些页面上的内容未审核",
                          suggestion="安装 OCR（pip install 'juesuan[ocr]'）后重新审核，或人工核对这些页面")


@rule("D-002", family="读取", severity="提示", title="整表按未读处理：表中有未能读入的行，或多数金额未能读入")
def tables_not_read(ctx: RuleContext):
    """A table whose printed rows were not all placed: its cells are unknown, its identities unchecked."""
    for note in _notes(ctx, "table"):
        name = _NAMES.get(note.table or "", note.table or "表")
        yield ctx.finding(_where(note, name, note.table), f"{name}：{note.message}；该表数字视为未知，相关核对未进行",
                          suggestion="以 PDF 原件或 DOCX/XLSX 审核，或人工核对该表")


@rule("D-003", family="读取", severity="提示", title="未能读入或未能确定栏目的金额与行（按表、按页汇总）")
def cells_not_read(ctx: RuleContext):
    """Amounts the reader saw and could not place, one finding per table and page."""
    groups: dict[tuple[str | None, int | None], list] = {}
    for note in _notes(ctx, "cells"):
        groups.setdefault((note.table, note.page), []).append(note)
    for (table, page), notes in groups.items():
        name = _NAMES.get(table or "", table or "表格")
        shown = "；".join(n.message for n in notes[:SHOWN])
        more = f"；另有 {len(notes) - SHOWN} 处" if len(notes) > SHOWN else ""
        yield ctx.finding(_where(notes[0], name, table),
                          f"{name}有 {len(notes)} 处未能读入：{shown}{more}",
                          suggestion="这些金额视为未知，未据此报错；请人工核对")


@rule("D-004", family="读取", severity="提示", title="未能识别的部门名称、年度或其他说明内容")
def other_not_read(ctx: RuleContext):
    """Department, year and narrative facts the reader could not take from the document."""
    for note in _notes(ctx, "meta") + _notes(ctx, "other"):
        yield ctx.finding(_where(note, "读取 / reading"), note.message)
