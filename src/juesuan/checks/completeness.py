"""完整性: the nine tables (or 空表说明) and the required sections of disclosure-requirements.md."""

from __future__ import annotations

import re

from ..model import TABLE_KEYS, iter_table_cells
from ..model.printed import PrintedLine
from .finding import Location
from .lines import where as where_printed
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule


def _has_data(d, key: str) -> bool:
    """Whether a table holds a non-zero cell; its printed totals usually tell at once."""
    t = d.tables
    headline = {
        "summary": t.summary.income.grand_total, "fiscal_summary": t.fiscal_summary.income.grand_total,
        "three_public": t.three_public.budget.total or t.three_public.final.total,
        "basic_expenditure": t.basic_expenditure.personnel_total or t.basic_expenditure.public_total,
    }.get(key)
    if headline is None and hasattr(getattr(t, key), "total"):
        headline = any(value for _, value in getattr(t, key).total.amounts())
    if headline:
        return True
    return any(value != 0 for path, value in iter_table_cells(d) if path.split(".", 1)[0] == key)


_EMPTY_WORDS = re.compile(r"空表|无数据|没有数据|无此项|无相关数据")


def _names_table(text: str, code: str, title: str, *, whole: bool) -> bool:
    """Whether a printed line names the table: its code (公开09), or its title — the whole line
    (a 目录 entry "九、《…决算表》") or, for a sentence, anywhere in it."""
    compact = re.sub(r"[\s《》“”\"]", "", text)
    if code[:4] in compact:
        return True
    entry = re.sub(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]", "", compact).rstrip(".．…·0123456789")
    title = re.sub(r"[“”\"]", "", title)
    return entry == title if whole else title in compact


def _listed(d, code: str, title: str) -> PrintedLine | None:
    return next((line for line in d.printed if line.kind == "toc"
                 and _names_table(line.text, code, title, whole=True)), None)


def _empty_said(d, code: str, title: str) -> bool:
    """A sentence or 注 of the text says the table is empty (the 空表说明 printed apart from it)."""
    return any(_EMPTY_WORDS.search(line.text) and _names_table(line.text, code, title, whole=False)
               for line in d.printed if line.kind in ("sentence", "note", "instruction"))


@rule("C-001", family="完整性", severity="警告",
      title="九张表齐全：无数据的表应列出空表并说明（基层政务公开标准目录）；目录列出的表须在文件中")
def tables_present(ctx: RuleContext):
    d = ctx.disclosure
    attached = _attachment_line(d)
    missing = []
    for key, code, title in TABLE_KEYS:
        table = getattr(d.tables, key)
        where = Location(text=f"{code} {title}", table=key)
        if table.missing and attached is not None:
            missing.append(code)
        elif table.missing:
            listed = _listed(d, code, title)
            said = f"目录列出{code}{title}，但文件中未见该表" if listed else f"文件中未见{code}{title}"
            yield ctx.finding(where, f"{said}（公开文件应包括九张表，无数据的表列出空表并说明）",
                              suggestion="附上该表；若为附件，请一并公开")
        elif table.empty and not (table.empty_note or table.note or _empty_said(d, code, title)):
            yield ctx.finding(where, f"{code}为空表但没有空表说明", suggestion="加注“本单位本年度无……，故本表无数据”")
        elif not table.empty and not _has_data(d, key):
            yield ctx.finding(where, f"{code}没有任何数据，也未标明为空表并说明",
                              suggestion="列出空表并说明无数据的原因")
    if missing:  # the document says its tables are published beside it: not a missing table, a look
        yield ctx.finding(where_printed(attached),
                          f"文件称报表另附（“{attached.text}”），本文件未含{'、'.join(missing)}，"
                          "各表及与之相关的核对未进行", severity="提示",
                          suggestion="请与附表一并审核；附表应与本文件同时公开")


_ATTACHED = re.compile(r"(?:见|详见|另见|参见)?附(?:表|件)|另附")


def _attachment_line(d) -> PrintedLine | None:
    """A 目录 entry or part title saying the tables are attached (SEED: 第四部分 部门决算报表（见附表）)."""
    return next((line for line in d.printed if line.kind in ("toc", "part", "heading")
                 and _ATTACHED.search(line.text) and re.search(r"报表|决算表|公开表", line.text)), None)


def _missing(ctx: RuleContext, section: str, what: str, suggestion: str):
    return ctx.finding(Location(text=f"情况说明 {section}", section=section), f"{section}缺少{what}",
                       suggestion=suggestion)


@rule("C-002", family="完整性", severity="警告",
      title="“三公”经费说明：出国团组数和人次、公务用车购置数和保有量、公务接待批次和人次")
def three_public_details(ctx: RuleContext):
    if _no_narrative(ctx.disclosure):
        return
    details = ctx.disclosure.three_public_details
    final = ctx.disclosure.tables.three_public.final
    for fields, what, amount in ((("overseas_groups", "overseas_people"), "因公出国（境）团组数和人次", final.overseas),
                                 (("vehicles_purchased", "vehicles_held"), "公务用车购置数和保有量", final.vehicle_total),
                                 (("reception_batches", "reception_people"), "国内公务接待批次和人次", final.reception)):
        # With no spending on the item, "无此项支出" suffices (SH-T); otherwise the counts are required.
        if amount and any(getattr(details, f) is None for f in fields):
            yield _missing(ctx, "“三公”经费支出决算情况说明", what, f"补充{what}（无此项时写0）")


@rule("C-003", family="完整性", severity="警告",
      title="政府采购：支出总额、货物/工程/服务、授予中小企业合同金额（及占比）")
def procurement(ctx: RuleContext):
    d = ctx.disclosure
    if _no_narrative(d):
        return
    p = d.procurement
    sme_given = p.sme_contracts is not None or p.sme_awarded_in_reserved is not None  # SH-T 2024 wording
    for given, what, words in ((p.total is not None, "政府采购支出总额", r"政府采购(支出)?(总额|金额)|采购支出"),
                               (sme_given, "授予中小企业合同金额", r"中小企业")):
        if not given:
            yield _missing_or_unread(ctx, "procurement", words, "政府采购情况", what,
                                     f"补充{what}（无政府采购时说明“无政府采购支出”）")
    if p.total and p.goods is None and p.works is None and p.services is None:
        yield _missing_or_unread(ctx, "procurement", r"货物|工程|服务", "政府采购情况", "货物、工程、服务的分类金额",
                                 "按货物、工程、服务分别列示")


@rule("C-004", family="完整性", severity="警告", title="机关运行经费的金额（无则写“无机关运行经费支出”）")
def operating_costs(ctx: RuleContext):
    d = ctx.disclosure
    if d.operating_costs.amount is None and not _no_narrative(d):
        yield _missing_or_unread(ctx, "operating_costs", r"机关运行经费", "机关运行经费支出情况", "机关运行经费金额",
                                 "按预算法第十四条说明机关运行经费")


def _printed(d, section: str, words: str) -> PrintedLine | None:
    """A sentence of the 说明's ``section`` naming the item (``words``, a pattern): the item is printed,
    so a field left empty is one the reader did not read — unknown, not missing."""
    return next((line for line in d.printed if line.kind == "sentence" and line.section == section
                 and re.search(words, line.text)), None)


def _unread(ctx: RuleContext, line: PrintedLine, section: str, item: str):
    return ctx.finding(where_printed(line), f"{section}提到{item}，但其数未能读出（数值未知，不作缺项）",
                       severity="提示", suggestion="请对照原文核对该数是否印出")


def _missing_or_unread(ctx: RuleContext, key: str, words: str, section: str, item: str, suggestion: str):
    """The item's figure is absent: a 警告 when the section prints nothing naming it, a 提示 when a
    sentence names it and the reader did not read its figure (unknown is not missing)."""
    line = _printed(ctx.disclosure, key, words)
    return _unread(ctx, line, section, item) if line else _missing(ctx, section, item, suggestion)


def _no_narrative(d) -> bool:
    """A file read back that prints no sentence of a 说明 (a workbook of the nine tables, the tables
    cut from a document): its items are not each missing — C-011 says once that the 说明 is not there.
    A disclosure kept as data (nothing printed) is judged item by item."""
    return bool(d.printed) and not any(line.kind == "sentence" for line in d.printed)


@rule("C-005", family="完整性", severity="警告", title="国有资产占用：车辆（分类）与单价100万元以上设备数")
def assets(ctx: RuleContext):
    d = ctx.disclosure
    if _no_narrative(d):
        return
    a = d.assets
    for value, words, item, suggestion in (
            (a.vehicles, r"车辆|用车", "车辆", "列出车辆总数及分类"),
            (a.equipment_over_1m, r"设备", "单价100万元（含）以上设备", "列出设备台（套）数，无则写0")):
        if value is not None:
            continue
        line = _printed(d, "assets", words)
        yield _unread(ctx, line, "国有资产占用情况", item) if line else \
            _missing(ctx, "国有资产占用情况", f"{item}数", suggestion)


@rule("C-006", family="完整性", severity="警告", title="预算绩效情况说明（项目数、金额或说明文字）")
def performance(ctx: RuleContext):
    d = ctx.disclosure
    if _no_narrative(d):
        return
    s = d.performance.summary
    # any figure or text of the summary states it; so does a sentence printed in the section (说明文字)
    stated = any(value is not None for name, value in s if name != "grade_counts") or s.grade_counts
    if not stated and _printed(d, "performance", r"绩效") is None:
        yield _missing(ctx, "预算绩效情况说明", "预算绩效管理情况", "说明绩效评价项目数、金额与结果")


@rule("C-010", family="完整性", severity="错误",
      title="有政府性基金/国有资本经营预算财政拨款收支时，公开08/09不能是空表")
def fund_tables_not_empty(ctx: RuleContext):
    d = ctx.disclosure
    for key, source in (("government_fund", "government_fund"), ("state_capital", "state_capital")):
        amount = getattr(d.tables.fiscal_summary.income, source)
        spent = getattr(d.tables.fiscal_summary.expenditure.total, source)
        if getattr(d.tables, key).empty and (amount or spent):
            code = "公开08表" if key == "government_fund" else "公开09表"
            yield ctx.finding(Location(text=code, table=key), f"{code}标为空表，但公开04该来源收入 {amount}、支出 {spent}",
                              suggestion="填列该表或更正公开04")


@rule("C-011", family="完整性", severity="警告", title="文件中有情况说明（第三部分）：读回的文件没有说明正文时报告一次，各项不再逐一报缺")
def narrative_present(ctx: RuleContext):
    d = ctx.disclosure
    if _no_narrative(d):
        yield ctx.finding(Location(text="情况说明", section="narrative"),
                          "文件中未见部门决算情况说明的正文：“三公”经费、政府采购、机关运行经费、国有资产、绩效等各项说明"
                          "的完整性核对未进行", suggestion="公开文件应包含情况说明；若只核对报表，可忽略此条")
