"""情况说明 text → ``Claim``s: item, measure, value as printed, base, direction, reason.

The narrative is cut into sections by its headings (一、/（一）/1.), sections into
sentences at "。", and each figure is tied to the nearest label before it in the
same sentence, or else to the sentence's current subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from ..model import Claim
from .claim_labels import COUNT_ITEMS, LABELS, SECTION_KEYS, SHARE_BASE, VALUE_OF
from .collect import Collector
from .numbers import clean
from .pages import Document
from .prose import prose_rows
from .resolve import Resolved, check_coded_name, resolve_path

_TOP = re.compile(r"^([一二三四五六七八九十]+)、")
_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_ITEM = re.compile(r"^(\d{1,2})[.、．](?!\d)")
_PART = re.compile(r"^第([一二三四五六七八九十]+)部分")
FIGURE = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|%|％|个|人次|人|辆|批次|台（套）|台\(套\)|平方米|次|分)")
_DIRECTIONS = ("增加", "减少", "增长", "下降", "持平")
_NOT_NAME = r"[^，。；：:,;%\d]"
_PATH = re.compile(rf"({_NOT_NAME}{{2,40}}?[（(]类[）)](?:{_NOT_NAME}{{1,40}}?[（(]款[）)])?(?:{_NOT_NAME}{{1,40}}?[（(]项[）)])?)")
_QUOTES = re.compile(r"[“”\"'‘’]")
REASON = re.compile(r"主要原因(?:是|为)?[:：]?\s*(.+?)(?:。|$)")
# A page number line ("— 2 —", "-2-", "第2页", "第2页共9页", "2/9", "2"): a paragraph running on
# to the next page must not carry it into its sentence ("年初结转和—2—结余69.14万元").
PAGE_NUMBER = re.compile(r"^(?:[-—–－]+\d{1,4}[-—–－]+|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|\d{1,4}/\d{1,4}|\d{1,4})$")


@dataclass
class Segment:
    key: str | None
    label: str
    page: int
    text: str
    pages: list[tuple[int, int]] | None = None
    """(offset in ``text``, page) where each printed line starts: a sentence's own page."""

    def add(self, text: str, page: int) -> None:
        self.pages = (self.pages or [(0, self.page)]) + [(len(self.text), page)]
        self.text += text

    def page_at(self, offset: int) -> int:
        return next((p for o, p in reversed(self.pages or []) if o <= offset), self.page)


def segments(doc: Document) -> list[Segment]:
    out: list[Segment] = []
    part, top, sub, key, started = "", "", "", None, False
    for row, printed in prose_rows(doc):
        if row.grid is not None:
            continue
        text = clean(printed)
        if not text or PAGE_NUMBER.match(text):
            continue
        if _PART.match(text):
            part = f"第{_PART.match(text).group(1)}部分"
            started = "情况说明" in text
            if "名词解释" in text or "报表" in text or "决算表" in text:
                started = False
            continue
        if "项目支出绩效自评表" in text and len(text) < 20:
            started = False
        if not started:
            if "收入支出决算总体情况" in text and _TOP.match(text):
                started = True
            else:
                continue
        match = _TOP.match(text)
        if match and len(text) < 40 and "万元" not in text:
            top, sub = match.group(1), ""
            key = next((k for w, k in SECTION_KEYS if w in text), key)
            out.append(Segment(key, f"{part}{top}", row.page, ""))
            continue
        match = _SUB.match(text)
        if match and len(text) < 40 and "万元" not in text:
            sub = f"({match.group(1)})"
            key = next((k for w, k in SECTION_KEYS if w in text), key)
            out.append(Segment(key, f"{part}{top}{sub}", row.page, ""))
            continue
        match = _ITEM.match(text)
        if match and key in CODED_KEYS:  # "1、X（类）Y（款）Z（项）…": one item of 公开05/08/09 each
            out.append(Segment(key, f"{part}{top}{sub}{match.group(1)}", row.page, text[match.end():]))
            continue
        if out:
            out[-1].add(text, row.page)
        else:
            out.append(Segment(key, f"{part}{top}{sub}", row.page, text))
    return [s for s in out if s.text]


CODED_KEYS = ("general_budget", "government_fund", "state_capital")


@dataclass(frozen=True)
class Label:
    item: str
    printed: str | None = None
    """The 类/款/项 path or coded name as printed, for a classified row."""
    resolved: Resolved | None = None
    heading: bool = False
    """Named by a clause without figures ("1、X（类）Y（款）Z（项）。"): the subject of what follows."""


RECEPTION = Label("three_public.final.reception")
"""The subject of an itemised 公务接待 entry ("接待…考察组8人240元") when its clause names none."""


def _truncated(path: str, rest: str, rows) -> bool:
    """A path whose next level's name is cut off before the figure: ``rest`` begins the name of
    a row of the document's own table one level down ("机关事业单位基本养老" of 2080505)."""
    rest = clean(rest)
    if len(rest) < 4 or not re.fullmatch(r"[\u4e00-\u9fa5]+", rest) or "（项）" in path or "(项)" in path:
        return False
    return any(clean(r.name).startswith(rest) and clean(r.name) != rest for r in rows)


def _label(gap: str, key: str | None, resolver, rows=()) -> Label | None:
    """The item named last in ``gap`` (longest label, last position); a 类/款/项 path is
    resolved by the document's own table first (``rows``), then the code list."""
    best: tuple[int, int, str] | None = None
    gap = _QUOTES.sub("", gap)  # quote marks drift to other lines in PDF text
    for word, item in LABELS.get(key or "", ()):
        word, anchored = clean(_QUOTES.sub("", word.rstrip("$"))), word.endswith("$")
        pos = gap.rfind(word)
        if anchored and pos + len(word) != len(gap):
            continue  # a word that names a figure only right before it (claim_labels)
        if pos >= 0 and (best is None or (pos + len(word), len(word)) > (best[0], best[1])):
            best = (pos + len(word), len(word), item)
    column = "total" if key == "general_budget" else "expenditure"
    paths = list(_PATH.finditer(gap))
    if paths and key in CODED_KEYS:
        path = paths[-1]
        if best is None or path.end() >= best[0]:
            rest = gap[path.end():]
            if _truncated(path.group(1), rest, rows):  # "…（款）机关事业单位基本养老161.62": text out of order
                return Label(f"{key}.unresolved.{column}", path.group(1) + rest, Resolved(None, ("unresolved",)))
            resolved = resolve_path(path.group(1), rows, resolver)
            if resolved.code or resolved.flags:  # kept and reported, never dropped silently
                return Label(f"{key}.{resolved.code or 'unresolved'}.{column}", path.group(1), resolved)
    code = re.search(r"(?<!\d)(\d{7}|\d{5}|\d{3})(?!\d)(\D{2,})$", gap)
    if code and key in CODED_KEYS and (best is None or code.start() >= best[0] - len(best[2])):
        resolved = check_coded_name(code.group(1), code.group(2).strip(), rows)
        return Label(f"{key}.{code.group(1)}.{column}", clean(code.group(0)), resolved)
    return Label(best[2]) if best else None


def _refine(item: str, measure: str, unit: str, gap: str, key: str | None) -> str:
    """Pick the item a label means for this measure (count vs amount, 预算 vs 决算, 价值 of what)."""
    if "|" in item:
        count_item, amount_item = item.split("|")
        item = count_item if measure == "count" else amount_item
    item = COUNT_ITEMS.get((item, unit), item)
    if "价值" in gap[-6:]:
        item = VALUE_OF.get(item, item)
    if key == "three_public" and item.startswith("three_public.final.") and measure == "amount" \
            and "预算" in gap[-8:] and "决算" not in gap[-8:]:
        item = item.replace(".final.", ".budget.")
    return item


_BUDGET_KINDS = re.compile(r"(?:一般公共|政府性基金|国有资本经营)预算")


def _measure(gap: str, unit: str) -> tuple[str, str | None, str | None]:
    """(measure, base, direction) from the words just before a figure."""
    tail = re.sub(r"[(（](?:增加|减少|增长|下降)[)）]$", "", gap[-16:])[-12:]  # "减少（减少）" template leftovers
    for word, meaning in (("增幅", "增长"), ("涨幅", "增长"), ("减幅", "下降"), ("降幅", "下降")):
        if unit in ("%", "％") and tail.endswith(word):
            return "change_rate", "prior_year", meaning
    direction = None
    for word in _DIRECTIONS:
        pos = tail.rfind(word)
        if pos >= 0 and (direction is None or pos > tail.rfind(direction)):
            direction = word
    if unit in ("%", "％"):
        if "差异率" in tail:
            return "budget_variance_rate", "full_year_budget" if "全年" in gap else "initial_budget", None
        if "完成" in tail:
            return "completion_rate", "initial_budget", None
        if direction:
            return "change_rate", "prior_year", direction
        return "share", None, None  # "占 X%", or a bare percentage after an amount
    if unit in ("万元", "元", "亿元"):
        if direction in ("增加", "减少") and tail.endswith(direction):
            return "change_amount", "prior_year", direction
        # "一般公共预算财政拨款支出2940.05万元" names a 预算 kind, not a budget figure
        words = _BUDGET_KINDS.sub("", gap[-28:])[-12:]  # the kind's name may start before the tail
        if "预算" in words[-8:] and "决算" not in words[-8:] and "预算金额" not in words:
            return "amount", "full_year_budget" if "全年预算" in words else "initial_budget", None
        return "amount", None, None
    if unit in ("分", "平方米"):
        return "amount", None, None
    return "count", None, None


# "决算数小于预算数的主要原因", "决算数与预算数基本持平", "支出决算数大于年初预算数": the direction of a
# 预决算 comparison, stated in words. "大于（小于）" is a template leftover and states nothing.
_BUDGET_DIRECTION = re.compile(
    r"决算(?:数)?(?:(大于|小于|等于|高于|低于)(?![(（])|与(?:年初|全年)?预算(?:数)?(?:基本)?(持平|相等|一致))")
_DIRECTION_WORDS = {"高于": "大于", "低于": "小于", "相等": "等于", "一致": "等于"}
_LISTED = re.compile(r"^[^，,。;]{0,8}?[，,]?(?:主要)?包括[:：]\s*([^;。]+)")
_BUDGET_BASES = ("initial_budget", "full_year_budget")
_PURPOSE = re.compile(r"^主要用于[:：]?\s*(.+)$")  # "主要用于：…" after a "1、X（类）…（项）。" header


def _listed(after: str) -> tuple[str, ...]:
    """The items a figure's own clause lists after it: "X 万元，主要包括：基本工资、津贴补贴……"."""
    match = _LISTED.match(after)
    if not match:
        return ()
    text = re.sub(r"[(（][^)）]*[)）]$|等$|……", "", match.group(1).strip())
    return tuple(p.strip() for p in re.split(r"[、,，]", text) if p.strip())


def _is_budget(claim: Claim) -> bool:
    return claim.base in _BUDGET_BASES or claim.measure in ("completion_rate", "budget_variance_rate")


def _budget_directions(claims: list[Claim], first: int, statements: list[tuple[str, str | None, str | None]]) -> None:
    """Give each 预决算 claim of the segment the direction (and reason) its statement prints;
    a statement that names an item ("“三公”经费支出决算数小于预算数") applies to that item only."""
    for direction, item, reason in statements:
        for index in range(first, len(claims)):
            claim = claims[index]
            if not _is_budget(claim) or claim.direction is not None:
                continue
            if item and claim.item != item:
                continue
            claims[index] = claim.model_copy(update={"direction": direction, "reason": claim.reason or reason})


def _rows(tables, key: str | None):
    table = getattr(tables, key, None) if tables is not None and key in CODED_KEYS else None
    return tuple(getattr(table, "rows", ()) or ())


def _with_label(claim: Claim, label: Label | None) -> Claim:
    if label is None or label.printed is None:
        return claim
    resolved = label.resolved or Resolved(None)
    return claim.model_copy(update={"printed_name": label.printed, "table_name": resolved.table_name,
                                    "flags": resolved.flags})


def extract_claims(doc: Document, resolver, out: Collector, tables=None,
                   skipped: list | None = None) -> list[Claim]:
    """Every figure of the 情况说明 as a claim; ``tables`` (the document's own, as read) resolve
    its 类/款/项 names before the code list does. ``skipped`` (``--explain``) receives
    (page, section, sentence, figure, why) for each printed figure not made a claim."""
    claims: list[Claim] = []

    def skip(why: str) -> None:
        if skipped is not None:
            skipped.append((page, segment.label, sentence[:300], figure.group(), why))

    for segment in segments(doc):
        rows = _rows(tables, segment.key)
        first = len(claims)
        statements: list[tuple[str, str | None, str | None]] = []
        purposes: dict[str, str] = {}
        pending: list[int] = []
        receptions = 0
        subject: Label | None = None  # carries across sentences: "1、X（类）…（项）。…年初预算为 A 万元"
        offset = 0
        # Clauses end at "。" or ";" (NFKC of "；"): a reason closes its own clause.
        for sentence in re.split(r"(?<=[。;])", segment.text):
            page = segment.page_at(offset)
            offset += len(sentence)
            if not sentence:
                continue
            reason_match = REASON.search(sentence)
            reason = reason_match.group(1).rstrip("。；;") if reason_match else None
            body = sentence[:reason_match.start()] if reason_match else sentence
            used = _PURPOSE.match(body) if not FIGURE.search(body) else None
            if used and subject:
                purposes[subject.item] = used.group(1).rstrip("。;")
            stated = _BUDGET_DIRECTION.search(body)
            if stated:
                word = stated.group(1) or stated.group(2)
                named = _label(body[:stated.start()], segment.key, resolver, rows)
                statements.append((_DIRECTION_WORDS.get(word, word), named.item if named else None, reason))
            if reason and not FIGURE.search(body) and not stated:
                # "因公出国（境）费支出增加的主要原因是…": the reason of the item it names, where that item's
                # change was stated before (each item's reason a sentence of its own), else of the last clause
                named = _label(body, segment.key, resolver, rows)
                own = [i for i in range(first, len(claims)) if named and claims[i].item == named.item
                       and claims[i].base == "prior_year" and claims[i].reason is None]
                pending = own or pending
            if reason and pending and not FIGURE.search(body):
                for index in pending:
                    claims[index] = claims[index].model_copy(update={"reason": reason})
                pending = []
                continue
            pending = []
            last = 0
            if segment.key not in CODED_KEYS and not (subject and subject.heading):
                subject = None  # a new clause names its own item; only a "1、X（类）…（项）。" header carries on
            budget_base = None  # "全年预算数 A 万元，决算数 B 万元，预决算差异率 C%": C is against A's base
            if not FIGURE.search(body):  # "1、X（类）Y（款）Z（项）。" names the subject of what follows
                named = _label(body[:body.find("持平")] if "持平" in body else body, segment.key, resolver, rows)
                subject = replace(named, heading=True) if named else subject
                if "持平" in body and "预算" not in body and subject:
                    # "与上年相比，X持平": a change of zero with no figure printed
                    pending.append(len(claims))
                    claims.append(_with_label(Claim(
                        item=subject.item, measure="change_amount", value=Decimal("0.00"), base="prior_year",
                        direction="持平", reason=reason, section=segment.label, sentence=sentence[:300],
                        file=doc.path, page=page), subject))
            for figure in FIGURE.finditer(body):
                gap = body[last:figure.start()]
                last = figure.end()
                number, unit = figure.group(1), figure.group(2).replace("％", "%")
                if body[figure.end():figure.end() + 3].startswith(("(含)", "以上", "以下")):
                    skip("门槛而非数值（含/以上/以下） / a threshold, not a figure")
                    continue  # a threshold ("单价100万元（含）以上设备"), not a figure
                try:
                    value = Decimal(number.replace(",", ""))
                except InvalidOperation:
                    skip("不是数 / not a number")
                    continue
                measure, base, direction = _measure(gap, unit)
                named = _label(gap, segment.key, resolver, rows)
                share_base = None
                if measure == "share" and "占" in gap:
                    share_base = _label(gap[gap.rfind("占"):], segment.key, resolver, rows)
                    if share_base:  # "占政府采购支出总额的 100%": the label is the denominator
                        named = None
                if named is None and ("其中" in gap or (measure == "share" and not gap.strip("，,、 ") and claims
                                                        and claims[-1].measure == "share")):
                    # A figure of a sub-clause ("其中：接待外宾0批次") whose item is not named is not the
                    # clause's main figure; nor is a second share with no name (text out of order).
                    skip("分句（其中…）中未指明项目的数字 / a figure of a sub-clause whose item is not named")
                    continue
                label = named or subject or (RECEPTION if segment.key == "three_public" and (
                    unit == "人" and "接待" in gap or unit == "元" and claims and claims[-1].unit == "人") else None)
                if label is None:
                    skip("找不到它说的是哪一项 / no item named for it")
                    continue
                if named:
                    subject = named
                item = _refine(label.item, measure, unit, gap, segment.key)
                if base in _BUDGET_BASES and measure == "amount":
                    budget_base = base
                if item.startswith(("performance.", "procurement.", "three_public.budget.")) and measure == "amount":
                    base = None  # "全年预算数"/"预算金额"/"三公 预算数" name the field itself, not a comparison
                elif measure in ("budget_variance_rate", "completion_rate") and budget_base:
                    base = budget_base
                if segment.key == "three_public" and unit == "人" and "接待" in gap:
                    item = f"three_public_details.receptions.{receptions}.people"  # "接待…9 人 260 元"
                elif segment.key == "three_public" and unit == "元" and claims \
                        and claims[-1].item.endswith(f"receptions.{receptions}.people"):
                    item = f"three_public_details.receptions.{receptions}.amount_yuan"
                    receptions += 1
                if item.startswith("three_public_details.") and ".receptions." not in item \
                        and unit in ("万元", "元", "亿元"):
                    skip("模型中没有对应字段的金额 / an amount the model has no field for")
                    continue  # "（含外宾接待支出 X 万元）": an amount the model has no field for, not a count
                if measure == "share":
                    base = share_base.item if share_base else SHARE_BASE.get(segment.key or "")
                    if "本年支出合计" in gap:
                        base = "expenditure.total.total"
                claim = Claim(item=item, measure=measure, value=value, unit=unit, text=number, base=base,
                              direction=direction, section=segment.label, sentence=sentence[:300],
                              file=doc.path, page=page, listed=_listed(body[figure.end():]))
                claim = _with_label(claim, label if item == label.item else None)
                if measure in ("change_amount", "change_rate", "budget_variance_rate", "completion_rate"):
                    pending.append(len(claims))
                    if reason:
                        claim = claim.model_copy(update={"reason": reason})
                claims.append(claim)
            if reason:
                pending = []
        _budget_directions(claims, first, statements)
        for index in range(first, len(claims)):
            if claims[index].item in purposes and claims[index].measure == "amount":
                claims[index] = claims[index].model_copy(update={"purpose": purposes[claims[index].item]})
    _report_names(claims, out)
    return claims


_FLAG_WORDS = {
    "name_differs": "说明中的科目名称与表中不同 / the narrative names this row otherwise than the table",
    "not_in_table": "说明中的科目表中没有 / the narrative names a row the table does not have",
    "unresolved": "说明中的科目名称无法识别，其数字未作比对 / a row named in the narrative could not be "
                  "identified; its figures are not compared",
}


def _report_names(claims: list[Claim], out: Collector) -> None:
    """One problem per name a reviewer must look at, with the page it is printed on."""
    seen = set()
    for claim in claims:
        for flag in claim.flags:
            if (flag, claim.printed_name) in seen:
                continue
            seen.add((flag, claim.printed_name))
            table = f"（表中为“{claim.table_name}”）" if claim.table_name else ""
            out.problem(f"{_FLAG_WORDS.get(flag, flag)}: {claim.printed_name}{table}", claim.page,
                        field_name=claim.item)
