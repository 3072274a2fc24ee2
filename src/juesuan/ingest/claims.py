"""情况说明 text → ``Claim``s: item, measure, value as printed, base, direction, reason.

The narrative is cut into sections by its headings (一、/（一）/1.), sections into
sentences at "。", and each figure is tied to the nearest label before it in the
same sentence, or else to the sentence's current subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..model import Claim
from .claim_labels import COUNT_ITEMS, LABELS, SECTION_KEYS, SHARE_BASE, VALUE_OF
from .collect import Collector
from .numbers import clean
from .pages import Document

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


def segments(doc: Document) -> list[Segment]:
    out: list[Segment] = []
    part, top, sub, key, started = "", "", "", None, False
    for row in doc.rows():
        if row.grid is not None:
            continue
        text = clean(row.text)
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
        if match and key in ("general_budget",):
            out.append(Segment(key, f"{part}{top}{sub}{match.group(1)}", row.page, text[match.end():]))
            continue
        if out:
            out[-1].text += text
        else:
            out.append(Segment(key, f"{part}{top}{sub}", row.page, text))
    return [s for s in out if s.text]


def _label(gap: str, key: str | None, resolver) -> str | None:
    """The item named last in ``gap`` (longest label, last position)."""
    best: tuple[int, int, str] | None = None
    gap = _QUOTES.sub("", gap)  # quote marks drift to other lines in PDF text
    for word, item in LABELS.get(key or "", ()):
        word = clean(_QUOTES.sub("", word))
        pos = gap.rfind(word)
        if pos >= 0 and (best is None or (pos + len(word), len(word)) > (best[0], best[1])):
            best = (pos + len(word), len(word), item)
    paths = list(_PATH.finditer(gap))
    if paths and key in ("general_budget", "government_fund", "state_capital"):
        path = paths[-1]
        if best is None or path.end() >= best[0]:
            code = resolver.function(path.group(1))
            if code:
                column = "total" if key == "general_budget" else "expenditure"
                return f"{key}.{code}.{column}"
    code = re.search(r"(?<!\d)(\d{7}|\d{5}|\d{3})(?!\d)\D{2,}$", gap)
    if code and key in ("government_fund", "state_capital", "general_budget") and (best is None or code.start() >= best[0] - len(best[2])):
        column = "total" if key == "general_budget" else "expenditure"
        return f"{key}.{code.group(1)}.{column}"
    return best[2] if best else None


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
        words = _BUDGET_KINDS.sub("", tail)
        if "预算" in words[-8:] and "决算" not in words[-8:] and "预算金额" not in words:
            return "amount", "full_year_budget" if "全年预算" in words else "initial_budget", None
        return "amount", None, None
    if unit in ("分", "平方米"):
        return "amount", None, None
    return "count", None, None


def extract_claims(doc: Document, resolver, out: Collector) -> list[Claim]:
    claims: list[Claim] = []
    for segment in segments(doc):
        pending: list[int] = []
        receptions = 0
        subject = None  # carries across sentences: "1、X（类）…（项）。…年初预算为 A 万元"
        # Clauses end at "。" or ";" (NFKC of "；"): a reason closes its own clause.
        for sentence in re.split(r"(?<=[。;])", segment.text):
            if not sentence:
                continue
            reason_match = REASON.search(sentence)
            reason = reason_match.group(1).rstrip("。；;") if reason_match else None
            body = sentence[:reason_match.start()] if reason_match else sentence
            if reason and pending and not FIGURE.search(body):
                for index in pending:
                    claims[index] = claims[index].model_copy(update={"reason": reason})
                pending = []
                continue
            pending = []
            last = 0
            if not FIGURE.search(body):  # "1、X（类）Y（款）Z（项）。" names the subject of what follows
                named = _label(body[:body.find("持平")] if "持平" in body else body, segment.key, resolver)
                subject = named or subject
                if "持平" in body and "预算" not in body and subject:
                    # "与上年相比，X持平": a change of zero with no figure printed
                    pending.append(len(claims))
                    claims.append(Claim(item=subject, measure="change_amount", value=Decimal("0.00"),
                                        base="prior_year", direction="持平", reason=reason,
                                        section=segment.label, sentence=sentence[:300], file=doc.path,
                                        page=segment.page))
            for figure in FIGURE.finditer(body):
                gap = body[last:figure.start()]
                last = figure.end()
                number, unit = figure.group(1), figure.group(2).replace("％", "%")
                if body[figure.end():figure.end() + 3].startswith(("(含)", "以上", "以下")):
                    continue  # a threshold ("单价100万元（含）以上设备"), not a figure
                try:
                    value = Decimal(number.replace(",", ""))
                except InvalidOperation:
                    continue
                measure, base, direction = _measure(gap, unit)
                named = _label(gap, segment.key, resolver)
                share_base = None
                if measure == "share" and "占" in gap:
                    share_base = _label(gap[gap.rfind("占"):], segment.key, resolver)
                    if share_base:  # "占政府采购支出总额的 100%": the label is the denominator
                        named = None
                item = named or subject
                if item is None:
                    continue
                if named:
                    subject = named
                item = _refine(item, measure, unit, gap, segment.key)
                if item.startswith(("performance.", "procurement.")) and measure == "amount":
                    base = None  # "全年预算数"/"预算金额" name the field itself, not a comparison
                if segment.key == "three_public" and unit == "人" and "接待" in gap:
                    item = f"three_public_details.receptions.{receptions}.people"  # "接待…9 人 260 元"
                elif segment.key == "three_public" and unit == "元" and claims \
                        and claims[-1].item.endswith(f"receptions.{receptions}.people"):
                    item = f"three_public_details.receptions.{receptions}.amount_yuan"
                    receptions += 1
                if measure == "share":
                    base = share_base or SHARE_BASE.get(segment.key or "")
                    if "本年支出合计" in gap:
                        base = "expenditure.total.total"
                claim = Claim(item=item, measure=measure, value=value, unit=unit, text=number, base=base,
                              direction=direction, section=segment.label, sentence=sentence[:300],
                              file=doc.path, page=segment.page)
                if measure in ("change_amount", "change_rate", "budget_variance_rate", "completion_rate"):
                    pending.append(len(claims))
                    if reason:
                        claim = claim.model_copy(update={"reason": reason})
                claims.append(claim)
            if reason:
                pending = []
    return claims
