"""Text defects to inject, one class per family of text rules (used by ``mutation.text_mutations``).

Each operator takes the rendered text's lines and the disclosure and returns
``(line index, new line)`` candidates, in document order. A candidate is a defect a
reviewer would mark as printed: it never needs the tables to be certain of that, except
the list and parts classes, which change a figure or item the tables contradict.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterator

Candidate = tuple[int, str]
_CENT = Decimal("0.01")
_SWAP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "大于": "小于", "小于": "大于"}
_DIRECTION = re.compile("|".join(_SWAP))
_EFFECT = re.compile(r"导致|致使|使得|造成|从而")
_FIGURES = re.compile(r"\d+(?:\.\d+)?万元")


def _figure_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Lines of 第二部分 on that state a figure (not the 职能, 名词解释 or table lists)."""
    started = False
    for i, line in enumerate(lines):
        if re.match(r"\s*第[二三]部分.*(?:情况说明|决算情况)", line):
            started = True
        elif re.match(r"\s*第[三四五]部分.*(?:名词|报表|附)", line):
            started = False
        elif started and _FIGURES.search(line):
            yield i, line


def directions(lines: list[str], d: Any) -> Iterator[Candidate]:
    """The direction word of a change (增加→减少, 大于→小于), and the effect a reason names."""
    for i, line in _figure_lines(lines):
        for clause in re.split(r"(?<=[。；])", line):
            start = line.find(clause)
            head, _, _ = clause.partition("主要原因")
            for m in _DIRECTION.finditer(head):
                if re.search(r"\d", head[m.end():m.end() + 3]):
                    yield i, line[:start + m.start()] + _SWAP[m.group(0)] + line[start + m.end():]
            if m := re.search(r"决算数(大于|小于|等于)预算数|决算数与预算数(?:基本)?持平", clause):
                word = {"大于": "小于", "小于": "大于"}.get(m.group(1) or "", "大于")
                yield i, line[:start + m.start()] + f"决算数{word}预算数" + line[start + m.end():]
            effects = list(_EFFECT.finditer(clause))
            if "主要原因" in clause and effects:
                tail = clause[effects[-1].end():]
                if m := list(_DIRECTION.finditer(tail)):
                    at = start + effects[-1].end() + m[-1].start()
                    yield i, line[:at] + _SWAP[m[-1].group(0)] + line[at + 2:]


_YEAR_PLACES = (r"截至(\d{4})年", r"与(\d{4})年度相比", r"(\d{4})年度(?:收入|支出|本年|财政拨款|一般公共|政府性|“三公”|机关运行|政府采购|部门决算|开展)")


def years(lines: list[str], d: Any) -> Iterator[Candidate]:
    """Last year's figure in this year's text: title, 截至…12月31日, 与…相比, "YYYY年度收入…"."""
    for i, line in enumerate(lines):
        title = i < 3 or re.match(r"\s*第[一二三四五]部分", line)
        patterns = (r"(\d{4})年",) if title else _YEAR_PLACES
        for pattern in patterns:
            if m := re.search(pattern, line):
                year = int(m.group(1))
                yield i, line[:m.start(1)] + str(year - 1) + line[m.end(1):]
                break


def _region_cut(name: str) -> int:
    return max(name.rfind(c) for c in "省市区县州盟旗") + 1


def names(lines: list[str], d: Any) -> Iterator[Candidate]:
    """The department's name without its region, 和→与, as another department's, as XX局."""
    stem = d.meta.department.split("（")[0]
    cut = _region_cut(stem)
    region, core = stem[:cut], stem[cut:]
    other = region + ("财政局" if "财政" not in core else "税务局")
    variants = [core, other]
    if "和" in core:
        variants.append(region + core.replace("和", "与"))
    for i, line in enumerate(lines):
        at = line.find(stem)
        if at == -1 or line.lstrip().startswith(("（", "第一条", "第二条", "第三条")):
            continue
        for variant in variants:
            yield i, line[:at] + variant + line[at + len(stem):]


def leftovers(lines: list[str], d: Any) -> Iterator[Candidate]:
    """Template text left in: XX amounts, 增加（减少）, an empty 主要原因, 【请…】, both widths."""
    for n, (i, line) in enumerate(_figure_lines(lines)):
        wide = n % 2 == 0
        if m := _FIGURES.search(line):
            yield i, line[:m.start()] + ("ＸＸ" if wide else "XX") + "万元" + line[m.end():]
        if m := _DIRECTION.search(line):
            word = m.group(0)
            alt = f"{word}（{_SWAP[word]}）" if wide else f"{word}({_SWAP[word]})"
            yield i, line[:m.start()] + alt + line[m.end():]
        if m := re.search(r"主要原因(?:是)?[：:][^。；]*", line):
            yield i, line[:m.start()] + ("主要原因是：" if wide else "主要原因是:") + line[m.end():]
        if n % 5 == 0:
            yield i, line.rstrip("。") + ("【请补充说明】" if wide else "[请填写]") + "。"


def malformed(lines: list[str], d: Any) -> Iterator[Candidate]:
    """A rate without %, an amount without 万元, 大小于/减增加/上一度, 。。 and ，，."""
    for n, (i, line) in enumerate(_figure_lines(lines)):
        if m := re.search(r"(?:增长|下降|占)\d+(?:\.\d+)?(%)", line):
            yield i, line[:m.start(1)] + line[m.end(1):]
        if m := re.search(r"(?:增加|减少|支出|收入)\d+(?:\.\d+)?(万元)(?=[，。；,])", line):
            yield i, line[:m.start(1)] + line[m.end(1):]
        if m := re.search(r"增加|减少|大于|小于", line):
            doubled = {"增加": "减增加", "减少": "增减少", "大于": "大小于", "小于": "大小于"}[m.group(0)]
            yield i, line[:m.start()] + doubled + line[m.end():]
        if m := re.search(r"上年", line):
            yield i, line[:m.start()] + "上一度" + line[m.end():]
        if m := re.search("，" if n % 2 else "、", line):
            yield i, line[:m.end()] + m.group(0) + line[m.end():]


def stops(lines: list[str], d: Any) -> Iterator[Candidate]:
    """A doubled 。 or ；. Kept apart from ``malformed``: the reader splits sentences at 。 and ；
    and drops a piece that is only punctuation, so the defect does not survive reading."""
    for n, (i, line) in enumerate(_figure_lines(lines)):
        if m := re.search("；" if n % 2 else "。", line):
            yield i, line[:m.end()] + m.group(0) + line[m.end():]


def lists(lines: list[str], d: Any) -> Iterator[Candidate]:
    """A zero row of 公开06 listed among 人员/公用经费; an item moved to the other list; a 项 name
    replaced by another 项 of 公开05."""
    rows = [r for r in d.tables.basic_expenditure.rows if len(r.code) == 5]
    zero = {head: [r.name for r in rows if r.code.startswith(head) and r.amount == 0] for head in ("301", "302", "303")}
    projects = [(r.code, r.name) for r in d.tables.general_budget.rows if len(r.code) == 7]
    for i, line in enumerate(lines):
        for group, heads in (("人员经费", ("301", "303")), ("公用经费", ("302",))):
            m = re.search(group + r"[^。；]{0,30}?包括[：:]([^。；]+)", line)
            if not m:
                continue
            listed = m.group(1).split("、")
            spare = [name for head in heads for name in zero[head] if name not in listed]
            for k, name in enumerate(spare[:4]):
                changed = listed[:k] + [name] + listed[k + 1:]
                yield i, line[:m.start(1)] + "、".join(changed) + line[m.end(1):]
            moved = "302" if group == "人员经费" else "301"  # a non-zero item of the other list
            for name in [r.name for r in rows if r.code.startswith(moved) and r.amount][:2]:
                yield i, line[:m.start(1)] + "、".join(listed + [name]) + line[m.end(1):]
        m = re.search(r"（款）([^（）]+)（项）", line)
        if m and projects:  # a 项 of another 款: the chain the line prints then exists nowhere
            parents = {code[:5] for code, name in projects if name == m.group(1)}
            replacement = next((name for code, name in projects if code[:5] not in parents
                                and not any(c[:5] in parents for c, n in projects if n == name)), None)
            if replacement:
                yield i, line[:m.start(1)] + replacement + line[m.end(1):]


def parts(lines: list[str], d: Any) -> Iterator[Candidate]:
    """A part that no longer adds up: 货物/工程/服务, 中小企业 awards, 人员经费 or 公用经费, a 三公
    part or its change on last year — changed by 1.00 (and by 10 %) in the text."""
    keys = ("货物", "工程", "服务", "中小企业", "小微企业", "人员经费", "公用经费", "因公出国", "公务用车购置及运行",
            "公务接待费支出")
    for i, line in enumerate(lines):
        for key in keys:
            figures = [m for m in re.finditer(re.escape(key) + r"[^，。；\d]{0,24}?(\d+(?:\.\d+)?)万元", line)][:1]
            if key in keys[-3:]:  # the 三公 parts' changes: "比上年减少7万元"
                figures += [m for m in re.finditer(re.escape(key) + r"[^。；]*?比上年(?:增加|减少)(\d+(?:\.\d+)?)万元",
                                                   line)][:1]
            for m in figures:
                value = Decimal(m.group(1))
                for new in (value + 1, value * Decimal("1.1") + Decimal("0.5")):
                    yield i, line[:m.start(1)] + f"{new.quantize(_CENT, ROUND_HALF_UP)}" + line[m.end(1):]


CLASSES: dict[str, Callable[[list[str], Any], Iterator[Candidate]]] = {
    "directions": directions, "years": years, "names": names, "leftovers": leftovers,
    "malformed": malformed, "lists": lists, "parts": parts,
}
EXTRA_CLASSES: dict[str, Callable[[list[str], Any], Iterator[Candidate]]] = {"stops": stops}
"""Measured by the bench, not held to the recall bar (see ``stops``)."""
