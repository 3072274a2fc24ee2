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
_CODED = re.compile(r"(?<!\d)(\d{7}|\d{5}|\d{3})\s*([\u4e00-\u9fa5、“”（）]{2,40}?)(?=\s*[\d，,。；;：:])")
_TABLES = ("general_budget", "expenditure", "government_fund", "state_capital", "income")


def _rows(d: Any) -> list[Any]:
    return [row for key in _TABLES for row in getattr(d.tables, key).rows]


def _strip_lead(name: str) -> str:
    """Drop list numbering and 1–2 leading words that are not part of a 科目 name."""
    return re.sub(r"^[\d一二三四五六七八九十]+[、.．]", "", name).strip()


def _chains(d: Any) -> Iterator[tuple[str, tuple[str, str, str]]]:
    for section, text in d.narrative.items():
        for match in _CHAIN.finditer(text):
            yield section, tuple(_strip_lead(n) for n in match.groups())  # type: ignore[misc]


@rule("N-009", family="说明↔表", severity="警告",
      title="说明中的类/款/项名称与表中同一科目的名称一致（GBC V33-227）")
def subject_names(ctx: RuleContext):
    d = ctx.disclosure
    rows = _rows(d)
    names: dict[str, set[str]] = {}
    for row in rows:
        names.setdefault(row.code, set()).add(normalize_name(row.name))
    by_level = {level: {normalize_name(r.name): r.code for r in rows if r.level == level} for level in (1, 2, 3)}
    reported = set()
    for section, (cls, kuan, xiang) in _chains(d):
        class_code = next((c for n, c in by_level[1].items() if n.endswith(normalize_name(cls))), None)
        if class_code is None:
            continue
        parent = class_code
        for level, name, label in ((2, kuan, "款"), (3, xiang, "项")):
            candidates = [r for r in rows if r.level == level and r.code.startswith(parent)]
            exact = [r for r in candidates if normalize_name(r.name) == normalize_name(name)]
            if exact:
                parent = exact[0].code
                continue
            close = sorted((r for r in candidates if _similar(r.name, name)),
                           key=lambda r: -len(set(normalize_name(r.name)) & set(normalize_name(name))))
            if close or len(candidates) == 1:
                row = (close or candidates)[0]
                key = (section, row.code, name)
                if key not in reported:
                    reported.add(key)
                    yield ctx.finding(Location(text=f"情况说明{section}“{name}（{label}）”", section=section,
                                               item=f"general_budget.{row.code}.total"),
                                      f"说明写“{name}”（{label}），表中 {row.code} 为“{row.name}”",
                                      expected=row.name, actual=name, suggestion="使用表中（当年科目表）的名称")
                parent = row.code
            else:
                break
    for section, text in d.narrative.items():
        for code, name in _CODED.findall(text):
            known = names.get(code)
            if known and normalize_name(name) not in known and not any(normalize_name(name).startswith(k) for k in known):
                yield ctx.finding(Location(text=f"情况说明{section}“{code} {name}”", section=section),
                                  f"说明中 {code} 的名称“{name}”与表中“{'、'.join(sorted(known))}”不一致",
                                  expected=sorted(known)[0], actual=name, suggestion="使用表中的科目名称")


def _similar(a: str, b: str) -> bool:
    a, b = normalize_name(a), normalize_name(b)
    return len(set(a) & set(b)) >= min(len(a), len(b)) * 0.6
