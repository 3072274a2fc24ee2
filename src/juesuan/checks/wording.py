"""Writing rules: reasons for changes, leftover template text, one department name, 科目 names."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

from .. import figures
from ..model import TABLE_KEYS, Claim
from .finding import Location
from .lines import half_lines, half_width, leftmost, where
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule

REASON_THRESHOLD = Decimal("10")
"""增减率 (%) from which a change needs a 主要原因. From one public fixture only
(rule REASON_REQUIRED_MISSING); no regulation states a threshold — unverified, configurable."""

_DIRECTIONS = "增加|减少|增长|下降|上升|降低|大于|小于|等于|持平|增|减"
TEMPLATE_LEFTOVERS: tuple[tuple[str, str], ...] = (
    (r"[Xx][Xx]+|××+|某某", "占位符（XX/××/某某）"),  # [Xx]{2,}: spelt so that re can skip ahead (4× faster)
    (rf"(?:{_DIRECTIONS})\s*[(/]\s*(?:{_DIRECTIONS})\s*\)?", "未选定的方向词"),
    (r"主要原因(?:是|为)?\s*[:]?\s*[。;]", "空的“主要原因是”"),
    (r"【[^】]*[\u4e00-\u9fa5][^】]*】|\[请[^\]]*\]", "模板填写提示"),
    (r"请(?:填写|补充|说明|根据|按照|在此|选择|删除)|填报说明|此处填写", "模板填写说明"),
)
"""Matched against the text made half-width (``lines.half_width``): "下降（增长）" and "下降(增长)",
"主要原因是：。" and "主要原因是:。" are one pattern each. 【2019】-style document numbers
(digits only) are not template brackets."""


_LEFTOVERS = tuple(re.compile(pattern) for pattern, _ in TEMPLATE_LEFTOVERS)
"""Searched one by one (``lines.leftmost``): the match of the joined alternation, 3× faster."""


def _texts(d: Any) -> Iterator[tuple[Location | str, str, Claim | None]]:
    """(where, text, claim) for every printed text field: the document's lines when it was read
    from one (they hold every sentence), else the texts of the data."""
    if d.printed:
        for line in d.printed:
            yield where(line), line.text, None
        return
    for key, text in d.narrative.items():
        yield f"情况说明 {key}", text, None
    for claim in d.claims:
        for text in (claim.sentence, claim.reason):
            if text:
                yield "", text, claim
    for item, comparison in d.comparisons.items():
        for text in (comparison.reason, comparison.budget_reason, comparison.purpose):
            if text:
                yield f"{item} 说明", text, None
    for text in (d.overview.functions, d.overview.composition_text, d.meta.title, d.meta.department):
        if text:
            yield "单位概况", text, None
    s = d.performance.summary
    for text in (s.text, s.achievements, s.problems, s.improvements):
        if text:
            yield "预算绩效情况说明", text, None
    details = d.three_public_details
    for text in (details.overseas_content, details.vehicle_operation_content, details.reception_content):
        if text:
            yield "“三公”经费支出决算情况说明", text, None
    for entry in d.glossary:
        yield f"名词解释 {entry.term}", entry.definition, None
    for key, _code, _title in TABLE_KEYS:
        table = getattr(d.tables, key)
        for text in (table.note, table.empty_note):
            if text:
                yield f"{_code}注", text, None


def _location(ctx: RuleContext, place: Location | str, claim: Claim | None) -> Location:
    if isinstance(place, Location):
        return place
    return ctx.locate_claim(claim) if claim else Location(text=place, section=place)


@rule("C-007", family="完整性", severity="警告",
      title="增减变化须说明主要原因（阈值可配置，默认增减率≥10%，未经核实）")
def reasons(ctx: RuleContext):
    d = ctx.disclosure
    seen = set()
    for claim in d.claims:
        if claim.measure not in ("change_amount", "change_rate", "budget_variance_rate") or claim.item in seen:
            continue
        if claim.direction in ("持平", "等于") or claim.reason:
            continue
        comparison = d.comparisons.get(claim.item)
        if comparison and (comparison.reason if claim.measure != "budget_variance_rate" else comparison.budget_reason):
            continue
        current = figures.value(d, claim.item)
        prior = figures.prior_of(d, claim.item) if claim.measure != "budget_variance_rate" else \
            figures.budget_of(d, claim.item, claim.base or "initial_budget")
        rate = figures.change_rate(current, prior)
        if rate is None:
            rate = _stated_rate(d, claim, current)
        if rate is None or abs(rate) < REASON_THRESHOLD:
            continue  # under the threshold, or not known to reach it (a read document prints no 上年数)
        seen.add(claim.item)
        yield ctx.finding(ctx.locate_claim(claim), "增减变化未说明主要原因", suggestion="补充“主要原因是……”")


def _stated_rate(d, claim: Claim, current: Decimal | None) -> Decimal | None:
    """The change its own sentence states where the other figure is not known: the printed rate
    of the item, else its printed change over the current figure (prior = current − change)."""
    measures = ("change_rate", "change_amount") if claim.measure != "budget_variance_rate" \
        else ("budget_variance_rate",)
    stated = [c for c in d.claims if c.item == claim.item and c.measure in measures]
    rate = next((c for c in stated if c.measure in ("change_rate", "budget_variance_rate")), None)
    if rate is not None:
        return rate.value
    amount = next((c for c in stated if c.measure == "change_amount"), None)
    if amount is None or current is None or amount.direction not in ("增加", "减少", "增长", "下降"):
        return None
    signed = amount.value if amount.direction in ("增加", "增长") else -amount.value
    return figures.change_rate(current, current - signed)


@rule("C-008", family="完整性", severity="错误", title="没有残留的模板文字（XX局、下降（增长）、主要原因是。、【请补充…】）")
def template_leftovers(ctx: RuleContext):
    d = ctx.disclosure
    if d.printed:  # the lines, made half-width once per check for every text rule
        texts: Iterator = ((where(line), text, None) for line, text in half_lines(ctx))
    else:  # a sentence stating several figures comes once per claim: judge it once
        first: dict[str, tuple] = {}
        for place, text, claim in _texts(d):
            first.setdefault(text, (place, text, claim))
        texts = ((place, half_width(text), claim) for place, text, claim in first.values())
    for place, text, claim in texts:
        match = leftmost(_LEFTOVERS, text)  # one pass, one finding per text: enough to send the writer there
        if match:
            what = next((w for p, w in TEMPLATE_LEFTOVERS if re.search(p, match.group(0))), "模板文字")
            location = _location(ctx, place, claim)
            yield ctx.finding(location, f"残留模板文字（{what}）：“{_around(text, match)}”",
                              actual=match.group(0), suggestion="按实际情况填写")


def _around(text: str, match: re.Match[str], width: int = 12) -> str:
    return text[max(0, match.start() - width): match.end() + width].replace("\n", " ")


_NAME = re.compile(r"[\u4e00-\u9fa5（）()]{2,40}?(?:局|厅|委员会|委|办公室|中心|院|所)")
_SPACE = re.compile(r"\s+")


def _norm(name: str) -> str:
    return _SPACE.sub("", name).replace("(", "（").replace(")", "）").replace("（本级）", "")


def _variant(name: str, official: str) -> bool:
    """Whether ``name`` looks like a mis-written form of ``official`` (same region, similar rest)."""
    cut = max((official.rfind(c) for c in "省市区县州盟旗"), default=-1) + 1
    if name[:cut] != official[:cut]:
        return False
    rest, wanted = set(name[cut:]), set(official[cut:])
    return bool(wanted) and len(rest & wanted) >= 0.6 * len(wanted)


@rule("C-009", family="完整性", severity="警告", title="全文单位名称一致（封面、目录、正文）")
def department_names(ctx: RuleContext):
    d = ctx.disclosure
    official = _norm(d.meta.department)
    stem = official.split("（")[0]
    reported = set()
    anchor = stem[:3]
    for place, text, claim in _texts(d):
        start = text.find(anchor)
        while start != -1:
            match = _NAME.match(text, start)
            start = text.find(anchor, start + 1)
            if match is None:
                continue
            name = _norm(match.group(0))
            head = name.split("（")[0]
            if not name.startswith(stem[:3]) or name in official:
                continue
            if head == stem or stem.startswith(head) or head.startswith(stem) or name in reported:
                continue
            if not _variant(head, stem):  # another body (市人民政府, 上级主管局) is not a variant
                continue
            reported.add(name)
            location = _location(ctx, place, claim)
            yield ctx.finding(location, f"单位名称“{match.group(0)}”与封面名称“{d.meta.department}”不一致",
                              expected=d.meta.department, actual=match.group(0), suggestion="全文使用同一单位全称")
