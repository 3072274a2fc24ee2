"""Findings grouped the way a reviewer reads the document: by table, then by 情况说明 section, then the rest.

Locations and messages are shown in plain Chinese: an item path that slips into a text
(``income.total.total``) is replaced by ``model.describe`` (``公开02表 收入决算表 合计 合计``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model.items import TABLE_LABELS, describe

SEVERITY_ORDER = {"错误": 0, "警告": 1, "提示": 2}
TABLE_ORDER = {key: i for i, key in enumerate(TABLE_LABELS)}
_PATH = re.compile(r"\b(" + "|".join(map(re.escape, TABLE_LABELS)) + r")((?:\.[A-Za-z0-9_]+)+)")


@dataclass
class Group:
    key: str
    title: str
    findings: list[dict[str, Any]] = field(default_factory=list)


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
    from ...reference.profiles import Profile

    try:
        parts = Profile.load(profile).parts if profile else ()
    except Exception:  # an unknown profile: the location's own words are shown instead
        return {}
    return {s.id: f"{s.number}{s.title}" for part in parts for top in part.sections for s in top.walk()}


def _section_title(loc: dict[str, Any], titles: dict[str, str]) -> str:
    """``第三部分四`` as printed; an internal section id (``overview_totals``) by its heading instead."""
    section = loc["section"]
    if not section.isascii():
        return section
    if section in titles:
        return titles[section]
    heading = re.sub(r"^(第\d+页)?(:第\d+行)?:?\s*(情况说明)?\s*", "", loc.get("text", ""))
    return heading.split("（", 1)[0].split("“", 1)[0].strip() or "（未注明小节）"


def group_findings(findings: list[dict[str, Any]], profile: str | None = None) -> list[Group]:
    """Tables in their printed order, then sections, then the 绩效 projects, then the rest."""
    titles = section_titles(profile)
    groups: dict[str, Group] = {}
    for f in findings:
        loc = f.get("location", {})
        table = _table_key(f)
        if table:
            key, title = f"0:{TABLE_ORDER[table]:02d}:{table}", TABLE_LABELS[table]
        elif loc.get("section"):
            title = "情况说明 " + _section_title(loc, titles)
            key = f"1:{title}"  # two internal ids under one printed heading are one group
        elif loc.get("project"):
            key, title = f"2:{loc['project']}", f"绩效自评 {loc['project']}"
        else:
            key, title = "3:", "全文及其他"
        groups.setdefault(key, Group(key, title)).findings.append(f)
    for group in groups.values():
        group.findings.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f["rule_id"]))
    return [groups[k] for k in sorted(groups)]
