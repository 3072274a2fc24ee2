"""说明↔表: 类/款/项 names written in the text must be the table's names for the same code."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..reference import normalize_name
from .finding import Location
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule
_CHAIN = re.compile(r"([\u4e00-\u9fa5、“”（）]+?)[（(]类[)）]\s*([\u4e00-\u9fa5、“”（）]+?)[（(]款[)）]"
                    r"\s*([\u4e00-\u9fa5、“”（）]+?)[（(]项[)）]")
_CODED = re.compile(r"(\d(?<!\d\d)\d{6}|\d(?<!\d\d)\d{4}|\d(?<!\d\d)\d{2})\s*([\u4e00-\u9fa5、“”（）]{2,40}?)(?=\s*[\d，,。；;：:])")
r"""``(?<!\d)(\d{7}|\d{5}|\d{3})…``, the no-digit-before test moved after the first digit so that re
can skip ahead to digits (3× faster over the Urumqi 说明)."""
_CLASS = re.compile(r"[（(]类[)）]")
_TABLES = ("general_budget", "expenditure", "government_fund", "state_capital", "income")


def _rows(d: Any) -> list[Any]:
    return [row for key in _TABLES for row in getattr(d.tables, key).rows]


def _strip_lead(name: str) -> str:
    """Drop list numbering and 1–2 leading words that are not part of a 科目 name."""
    return re.sub(r"^[\d一二三四五六七八九十]+[、.．]", "", name).strip()


def _chains(d: Any) -> Iterator[tuple[str, tuple[str, str, str]]]:
    for section, text in d.narrative.items():
        if not _CLASS.search(text):  # pre-filter: no chain without a （类）; most sections have none
            continue
        for match in _CHAIN.finditer(text):
            yield section, tuple(_strip_lead(n) for n in match.groups())  # type: ignore[misc]


@rule("N-009", family="说明↔表", severity="警告",
      title="说明中的类/款/项名称与表中同一科目的名称一致（GBC V33-227）")
def subject_names(ctx: RuleContext):
    d = ctx.disclosure
    rows = {row.code: row for row in _rows(d)}  # one row per code; names compared normalised
    normal = {code: normalize_name(row.name) for code, row in rows.items()}
    classes = {normal[c]: c for c in rows if len(c) == 3}
    under: dict[str, list[str]] = {}  # code → codes one level down (2 digits longer), in row order
    for c in rows:
        if len(c) > 3:
            under.setdefault(c[:-2], []).append(c)
    reported = set()
    for section, (cls, kuan, xiang) in _chains(d):
        wanted = normalize_name(cls)
        class_code = next((c for n, c in classes.items() if n.endswith(wanted)), None)
        if class_code is None:
            continue
        parent = class_code
        for length, name, label in ((5, kuan, "款"), (7, xiang, "项")):
            wanted = normalize_name(name)
            candidates = [c for c in under.get(parent, ()) if len(c) == length]
            exact = [c for c in candidates if normal[c] == wanted]
            if exact:
                parent = exact[0]
                continue
            close = sorted((c for c in candidates if _similar(normal[c], wanted)),
                           key=lambda c: -len(set(normal[c]) & set(wanted)))
            if not close and len(candidates) != 1:
                break
            row = rows[(close or candidates)[0]]
            if (section, row.code, name) not in reported:
                reported.add((section, row.code, name))
                yield ctx.finding(Location(text=f"情况说明{section}“{name}（{label}）”", section=section,
                                           item=f"general_budget.{row.code}.total"),
                                  f"说明写“{name}”（{label}），表中 {row.code} 为“{row.name}”",
                                  expected=row.name, actual=name, suggestion="使用表中（当年科目表）的名称")
            parent = row.code
    for section, text in d.narrative.items():
        for code, name in _CODED.findall(text):
            known = normal.get(code)
            if known and not normalize_name(name).startswith(known):
                yield ctx.finding(Location(text=f"情况说明{section}“{code} {name}”", section=section),
                                  f"说明中 {code} 的名称“{name}”与表中“{rows[code].name}”不一致",
                                  expected=rows[code].name, actual=name, suggestion="使用表中的科目名称")


def _similar(a: str, b: str) -> bool:
    """Names sharing most of their characters (技术与开发 ~ 技术研究与开发)."""
    return len(set(a) & set(b)) >= min(len(a), len(b)) * 0.6
