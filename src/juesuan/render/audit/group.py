"""Findings grouped the way a reviewer reads the document: in its natural order.

The groups follow the profile's parts (``第一部分`` …) with the nine tables where the tables part
stands (公开01表 … 公开09表), the 情况说明 sections by their printed numbers (一、二、… 十、十一、,
then （一）（二）…, never string order), then the 绩效自评 projects in the order the document
prints them, then the rest.

Locations and messages are shown in plain Chinese: an item path that slips into a text
(``income.total.total``) is replaced by ``model.describe`` (``公开02表 收入决算表 合计 合计``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model.items import TABLE_LABELS, describe
from .order import Outline, outline_of, printed_numbers

SEVERITY_ORDER = {"错误": 0, "警告": 1, "提示": 2}
TABLE_ORDER = {key: i for i, key in enumerate(TABLE_LABELS)}
_PATH = re.compile(r"\b(" + "|".join(map(re.escape, TABLE_LABELS)) + r")((?:\.[A-Za-z0-9_]+)+)")
LAST = 10**6  # after everything the document numbers


@dataclass
class Group:
    key: str
    title: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    order: tuple = ()  # the group's place in the document (the earliest of its findings')


def plain(text: str) -> str:
    """Item paths inside a text said in Chinese; the rest unchanged."""
    return _PATH.sub(lambda m: describe(m.group(0)), text or "")


def where(finding: dict[str, Any]) -> str:
    """The location without the file path (the report's header names the file once)."""
    loc = finding.get("location", {})
    parts = []
    if loc.get("page") is not None:
        parts.append(f"第{loc['page']}页")
    if loc.get("line") is not None:
        parts.append(f"第{loc['line']}行")
    text = loc.get("text", "")
    if loc.get("file") and text.startswith(loc["file"]):
        text = text[len(loc["file"]):]
    text = re.sub(r"^(:第\d+页)?(:第\d+行)?:\s*", "", text)
    if loc.get("item") and not text:
        text = describe(loc["item"])
    return "，".join(parts + [plain(text)]) if text else "，".join(parts) or "全文"


def _table_key(finding: dict[str, Any]) -> str | None:
    loc = finding.get("location", {})
    if loc.get("table") in TABLE_LABELS:
        return loc["table"]
    item = loc.get("item") or ""
    head = item.split(".", 1)[0]
    if head in TABLE_LABELS and not loc.get("section"):
        return head
    return None


def section_titles(profile: str | None) -> dict[str, str]:
    """Section id → its printed number and title in the profile (``六、一般公共预算…说明``)."""
    return outline_of(profile).titles


def _section_title(loc: dict[str, Any], titles: dict[str, str]) -> str:
    """``第三部分四`` as printed; an internal section id (``overview_totals``) by its heading instead."""
    section = loc["section"]
    if not section.isascii():
        return section
    if section in titles:
        return titles[section]
    heading = re.sub(r"^(第\d+页)?(:第\d+行)?:?\s*(情况说明)?\s*", "", loc.get("text", ""))
    return heading.split("（", 1)[0].split("“", 1)[0].strip() or "（未注明小节）"


def _section_order(loc: dict[str, Any], heading: str, outline: Outline) -> tuple[int, tuple[int, ...]]:
    """(part, numbers): a profile section id where the profile prints it; a printed locator
    (``第三部分五(二)``) by its own numbers; an unnumbered heading by the profile's title."""
    if loc["section"] in outline.sections:
        return outline.sections[loc["section"]]
    part, numbers = printed_numbers(heading)
    if numbers:
        return (outline.narrative if part is None else part, numbers)
    return outline.by_title(heading) or (outline.narrative if part is None else part, (LAST,))


def _finding_order(f: dict[str, Any]) -> tuple:
    loc = f.get("location", {})
    return (SEVERITY_ORDER.get(f["severity"], 9), loc.get("page") or LAST, loc.get("line") or LAST, f["rule_id"])


def group_findings(findings: list[dict[str, Any]], profile: str | None = None,
                   projects: tuple[str, ...] | list[str] = ()) -> list[Group]:
    """Groups in the document's order (see the module's doc); ``projects``: the 绩效自评 projects as
    printed. Within a group: 错误 first, then by page and line."""
    outline = outline_of(profile)
    project_rank = {name: i for i, name in enumerate(projects)}
    groups: dict[str, Group] = {}
    for index, f in enumerate(findings):
        loc = f.get("location", {})
        table = _table_key(f)
        if table:
            key, title = f"table:{table}", TABLE_LABELS[table]
            order: tuple = (outline.tables, (0,), TABLE_ORDER[table])
        elif loc.get("section"):
            heading = _section_title(loc, outline.titles)
            key = title = "情况说明 " + heading  # two internal ids under one printed heading are one group
            part, numbers = _section_order(loc, heading, outline)
            order = (part, (1, *numbers), 0)
        elif loc.get("project"):
            key, title = f"project:{loc['project']}", f"绩效自评 {loc['project']}"
            order = (LAST, (project_rank.get(loc["project"], len(project_rank)),), index)
        else:
            key, title, order = "rest", "全文及其他", (LAST + 1, (0,), 0)
        group = groups.setdefault(key, Group(key, title, order=order))
        group.order = min(group.order, order)
        group.findings.append(f)
    for group in groups.values():
        group.findings.sort(key=_finding_order)
    return sorted(groups.values(), key=lambda g: g.order)
