"""Find the nine tables in a row stream: title → header → data, across pages (续表)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.table_schema import schema
from .numbers import clean, find_unit, is_amount
from .pages import Document, Row
from .report import LocateStep, TitleCue

# Aliases per table key, longest first when matching (GBC alias list, spec tables.md): the
# schema's detection cues (model/table_schema.yaml ``titles``).
TITLES: dict[str, tuple[str, ...]] = {t.key: t.titles for t in schema().tables}
_ALIASES = sorted(((alias, key) for key, aliases in TITLES.items() for alias in aliases),
                  key=lambda item: -len(item[0]))
_PREFIX_RE = re.compile(r"^(?:公开\d{1,2}表|附表\d*|表\d+|\d{1,2}[.、])")
_QUOTES_RE = re.compile(r"[“”\"'‘’「」『』]")
EMPTY_RE = re.compile(r"(本表无数据|为空表|无此项|本表为空|没有.{0,30}收入和?支出)")


def title_key(row: Row) -> tuple[str, bool] | None:
    """(table key, is continuation) when ``row`` is a table title, else None."""
    cue = title_cue(row)
    return (cue.key, cue.continued) if cue else None


def title_cue(row: Row) -> TitleCue | None:
    """The title ``row`` prints (key, matched alias, 表号, 续表), else None."""
    if len(row.cells) > 3 or any(is_amount(c.text) for c in row.cells):
        return None
    text = _QUOTES_RE.sub("", clean(row.text))
    text = re.sub(r"(?:金额)?单位[:：](?:万元|千元|元)$", "", text)  # "收入支出决算总表    单位：万元"
    if "《" in text or text.endswith("情况说明") or re.match(r"^[一二三四五六七八九十]+、", text):
        return None
    continued = "续" in text
    text = re.sub(r"[（(]?续表?[）)]?$", "", text)
    number = _PREFIX_RE.match(text)
    text = _PREFIX_RE.sub("", text)
    text = re.sub(r"[（(]\d{4}年度?[）)]$", "", text)
    for alias, key in _ALIASES:
        if text.endswith(alias) and len(text) - len(alias) <= 30:
            return TitleCue(key, row.page, row.line, row.text, alias, number.group() if number else None, continued)
    return None


@dataclass(frozen=True)
class ColumnMap:
    """The columns a stage placed a block's cells in, said to the parser directly (issue 10: no
    stage writes header text for a later one to read): the name band(s) (coded tables read one),
    each amount band's field (names from model/table_schema.yaml), and how the stage knows them
    (``--explain``)."""

    names: tuple[int, ...]
    fields: tuple[tuple[int, str], ...]
    evidence: str


@dataclass
class Block:
    """The rows of one table, in order, with its unit and notes; ``columns`` when the stage that
    arranged the rows knows their columns (else the parser reads them from the header)."""

    key: str
    title: Row
    rows: list[Row] = field(default_factory=list)
    unit: str = "万元"
    unit_printed: bool = False
    notes: list[str] = field(default_factory=list)
    empty_note: str | None = None
    columns: ColumnMap | None = None


_GROUPING = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
"""A thousands separator (``clean`` made a full-width one ASCII)."""
_NARRATIVE_RE = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_PAGE_MARK_RE = re.compile(r"^(第\d+页(共\d+页)?|[—\-–－]*\d{1,3}[—\-–－]*|\d+/\d+)$")  # "— 11 —" too


def is_page_mark(row: Row) -> bool:
    return bool(_PAGE_MARK_RE.match(clean(row.text)))


_YEAR = re.compile(r"(?:19|20)\d\d")
_HEADER_CUES = ("科目", "项目", "预算数", "决算数", "合计", "单位")


def running_lines(doc: Document) -> set[int]:
    """Ids of the rows that are a running head or foot ("XX局2024年度部门决算" first on most pages):
    a line of words, no amount, printed first or last on at least three pages and a third of them
    (digits aside, so "— 5 —XX局" and "— 6 —XX局" are one). Inside a table such a line is neither a
    row's name nor its continuation."""
    pages = [page for page in doc.pages if page.rows]
    if len(pages) < 3:
        return set()
    seen: dict[str, list[Row]] = {}
    for page in pages:
        for row in {id(r): r for r in page.rows[:1] + page.rows[-1:]}.values():
            text = clean(row.text)
            if len(row.cells) > 2 or len(text) < 6 or any(is_amount(t) and not _YEAR.fullmatch(t) for t in row.text.split()) \
                    or any(cue in text for cue in _HEADER_CUES):
                continue
            seen.setdefault(re.sub(r"\d+", "#", text), []).append(row)
    least = max(3, len(pages) // 3)
    return {id(r) for rows in seen.values() if len({r.page for r in rows}) >= least for r in rows}


def locate(doc: Document, trace: list | None = None) -> list[Block]:
    """Every table block found, in document order (a key may repeat: 续表 merge later).
    ``trace`` (``--explain``) receives each title's ``TitleCue`` and the other decisions as
    ``LocateStep``s."""
    blocks: list[Block] = []
    current: Block | None = None
    # a bare 2- or 3-digit line inside a page is a 类/款 code on a line of its own (pdftotext -raw of 公开06), not
    # a page number: those sit first or last on their page
    edges = {id(r) for page in doc.pages for r in page.rows[:1] + page.rows[-1:]}
    running = running_lines(doc)
    sheet = 0  # the worksheet the current table's last row came from (XLSX)
    for row in doc.rows():
        cue = title_cue(row)
        if cue:
            sheet = row.page
            key, continued = cue.key, cue.continued
            if trace is not None:
                trace.append(cue)
            if current and (continued or key == current.key) and current.rows:
                if trace is not None:
                    trace.append(LocateStep("repeat", key, row.page, row.line, row.text,
                                            "续页重复的标题 / title repeated on a continuation page"))
                continue  # repeated title on a continuation page
            current = Block(key, row)
            unit = find_unit(clean(row.text))
            if unit:
                current.unit, current.unit_printed = unit, True
            blocks.append(current)
            continue
        if current is None or is_page_mark(row) and (id(row) in edges or not re.fullmatch(r"\d{2,3}", clean(row.text))):
            continue
        if id(row) in running:
            if trace is not None:
                trace.append(LocateStep("running", current.key, row.page, row.line, row.text,
                                        "页眉页脚，不是表中的行 / running head or foot, not a row of the table"))
            continue
        if doc.kind == "xlsx" and row.page != sheet and _sheet_heading(row):
            if trace is not None:
                trace.append(LocateStep("end", current.key, row.page, row.line, row.text,
                                        "新工作表以别的标题开始，表结束 / a new sheet headed otherwise ends the table"))
            current = None  # another sheet's own content (a 自评表, a 说明): not this table's rows
            continue
        sheet = row.page
        text = clean(row.text)
        unit = find_unit(text)
        if unit:
            current.unit, current.unit_printed = unit, True
            if trace is not None:
                trace.append(LocateStep("unit", current.key, row.page, row.line, row.text, f"单位 unit: {unit}"))
            if len(row.cells) <= 2 and len(text) < 40:
                continue
        if len(row.cells) <= 2 and (text.startswith(("注:", "注：", "说明:", "说明：")) or
                                    (EMPTY_RE.search(text) and len(text) < 120)):
            # a note under the table, also inside a spreadsheet (row.grid set)
            _note(trace, current.key, row, text)
            current.notes.append(row.text)
            if EMPTY_RE.search(text):
                current.empty_note = row.text
            continue
        if row.grid is None and len(row.cells) <= 2:
            if text.startswith(("注", "说明")) or (EMPTY_RE.search(text) and len(text) < 120):
                _note(trace, current.key, row, text)
                current.notes.append(row.text)
                if EMPTY_RE.search(text):
                    current.empty_note = row.text
                continue
            if text.startswith(("编制单位", "编制部门", "部门：", "单位名称")):
                continue
            single = len(row.cells) == 1
            heading = _NARRATIVE_RE.match(text) and ("说明" in text or "情况" in text or text.startswith("第"))
            # Long lines end a table only when they read as prose (a copied table row does not; the
            # commas of 10,424,543.84 are no punctuation, also where its label ran into it).
            prose = len(text) > 45 and any(p in _GROUPING.sub("", text) for p in "，。,；;") and \
                sum(is_amount(t) for t in row.text.split()) < 2
            if single and (heading or (prose and current.rows)):
                if trace is not None:
                    trace.append(LocateStep("end", current.key, row.page, row.line, row.text,
                                            "说明标题，表结束 / a narrative heading ends the table" if heading else
                                            "正文句子，表结束 / a prose sentence ends the table"))
                current = None  # narrative resumes: the table has ended
                continue
        current.rows.append(row)
    return blocks


_SHEET_TITLE_RE = re.compile(r"(表|说明|解释|情况|自评.*)$")


def _sheet_heading(row: Row) -> bool:
    """The first row of a worksheet heads something other than the table before it: a title the
    nine tables' cues do not know ("项目支出绩效自评表", "名词解释", "第三部分…") or a 自评表's
    项目名称 line. A unit, 编制单位, note or 续表 line, a header or a data row does not: such a sheet
    continues the table."""
    text = clean(row.text)
    if text.startswith("项目名称") and len(row.cells) <= 2:
        return True
    if len(row.cells) != 1 or len(text) < 4 or "续" in text or is_amount(text) or find_unit(text) \
            or text.startswith(("注", "说明", "编制单位", "编制部门", "部门：", "单位名称")) or EMPTY_RE.search(text):
        return False
    return bool(_SHEET_TITLE_RE.search(text) or _NARRATIVE_RE.match(text))


def _note(trace: list | None, key: str, row: Row, text: str) -> None:
    if trace is not None:
        trace.append(LocateStep("note", key, row.page, row.line, row.text,
                                "空表说明 / empty-table note" if EMPTY_RE.search(text) else "表注 / note under the table"))
