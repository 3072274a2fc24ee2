"""Lists in the 说明 against the tables.

- N-102: the items the 说明 says 人员经费/公用经费 (主要)包括 against 公开06: a listed item the
  table prints as 0 is not part of the spending, and an item listed under the wrong heading
  (办公费 among 人员经费) contradicts the table's 类 (301/303 人员, 302/310 公用).
- N-103: 类/款/项 names the 说明 prints ("X（类）Y（款）Z（项）") against the coded tables: the
  chain must exist in 公开05 (or 公开03/08/09, whose items the 说明 may also name).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .lines import half_lines, half_width, where
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule

_GROUPS = {"人员经费": ("301", "303"), "公用经费": ("302", "310")}
_LIST = re.compile(r"(人员经费|公用经费)[^。;]{0,40}?包括[:]?([^。;]+)")
_SPACE = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[、,]|以及|和(?=[\u4e00-\u9fa5]{2,}费)")


@lru_cache(maxsize=4096)  # the same row names in every check (162 per Urumqi check)
def _name(text: str) -> str:
    return _SPACE.sub("", half_width(text))


def _items(listed: str) -> list[str]:
    listed = re.sub(r"等(?:支出|费用|经费)?$", "", listed.strip())
    return [item for item in (_name(s) for s in _SEPARATORS.split(listed)) if item]


@rule("N-102", family="说明↔表", severity="警告",
      title="说明中人员经费/公用经费“主要包括”的项目在公开06中有支出，且属于相应的类（人员 301/303，公用 302/310）")
def expense_lists(ctx: RuleContext):
    table = ctx.disclosure.tables.basic_expenditure
    if table.missing or table.empty or not table.rows:
        return
    rows = {_name(r.name): r for r in table.rows if len(r.code) == 5}
    for line, text in half_lines(ctx, "sentence"):
        if "包括" not in text:
            continue
        for match in _LIST.finditer(text):
            group, heads = match.group(1), _GROUPS[match.group(1)]
            for item in _items(match.group(2)):
                row = rows.get(item)
                if row is None:
                    continue
                if not row.code.startswith(heads):
                    other = next(g for g, h in _GROUPS.items() if row.code.startswith(h)) if \
                        row.code[:3] in ("301", "302", "303", "310") else "其他"
                    yield ctx.finding(where(line), f"说明称{group}包括“{item}”，公开06中该项（{row.code}）属于{other}",
                                      expected=other, actual=group, suggestion=f"将“{item}”列入{other}或删去")
                elif row.amount == 0:
                    yield ctx.finding(where(line), f"说明称{group}包括“{item}”，公开06中该项（{row.code}）为0",
                                      expected=row.amount, actual=item, suggestion="按公开06有支出的项目列举")


_CHAIN = re.compile(r"\((类|款|项)\)")


def _chains(d: Any) -> set[tuple[str, ...]]:
    """Every (类), (类, 款), (类, 款, 项) name chain of the coded tables."""
    out: set[tuple[str, ...]] = set()
    for key in ("general_budget", "expenditure", "government_fund", "state_capital"):
        table = getattr(d.tables, key)
        names = {r.code: _name(r.name) for r in table.rows}
        for code, name in names.items():
            chain = tuple(names.get(code[:n], "") for n in (3, 5, 7) if n <= len(code))
            out.add(chain)
    return out


@rule("N-103", family="说明↔表", severity="警告",
      title="说明中“X（类）Y（款）Z（项）”的科目名称与公开05（或公开03/08/09）的类、款、项一致")
def item_names(ctx: RuleContext):
    d = ctx.disclosure
    if d.tables.general_budget.missing or not d.tables.general_budget.rows:
        return
    chains = None
    for line, text in half_lines(ctx, "sentence", "heading"):
        if "(项)" not in text and "(款)" not in text:
            continue
        text = re.sub(r"\s+", "", text)
        pieces = _CHAIN.split(text)  # [before, 类, between, 款, between, 项, after]
        names: list[str] = []
        for i in range(1, len(pieces), 2):
            if pieces[i] != "类款项"[len(names)]:
                break
            segment = pieces[i - 1]
            names.append(re.split(r"[:,;。]|\d+[.、]", segment)[-1] if not names else segment)
            if len(names) == 3:
                break
        if not names:
            continue
        chains = chains if chains is not None else _chains(d)
        if tuple(names) not in chains:
            shown = "".join(f"{n}（{level}）" for n, level in zip(names, "类款项"))
            yield ctx.finding(where(line), f"说明所列科目“{shown}”在公开05等表中没有这一类、款、项名称",
                              actual=shown, suggestion="按表中科目名称改正")
