"""Rows placed by the table's own identities, when nothing else says which column an amount is in.

A text extraction without layout prints a row's amounts in column order but drops its
blank cells: "201 06 02 一般行政管理事务 16.19 10.00 6.19" under seven columns. Every
order-keeping placement of the amounts into the columns is a candidate; a candidate must
satisfy the row identities of its table (合计 = Σ sources, 本年支出 = 基本 + 项目, …) and the
families must add up column by column (合计行 = Σ类, 类 = Σ款, 款 = Σ项). The identities are
data: ``checks/identities/tables.yaml`` (rules ``for_each: <table>`` give the row identities,
``where: has_children`` the columns in printed order and the family sums).

A row whose consistent placements all agree is placed; a column on which they disagree is
unknown (``Decided.unknown``), never zero. Rounding: a sum may differ from its total by half
a cent per term (the envelope of the printed figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from itertools import combinations
from typing import Callable, Iterable

import yaml

from .numbers import to_wanyuan

HALF_CENT = Decimal("0.005")
MAX_STATES = 20000  # reachable remainders kept per family search; beyond, the family is not used


@dataclass(frozen=True)
class Spec:
    """One table: its columns in printed order and its row identities (Σ coefficient × column = 0)."""

    columns: tuple[str, ...]
    identities: tuple[tuple[tuple[int, int], ...], ...]  # ((column index, ±1), …)
    families: bool


def _linear(expr: str, columns: tuple[str, ...]) -> tuple[tuple[int, int], ...] | None:
    """``row.a + row.b - row.c == row.d`` → ((a, 1), (b, 1), (c, -1), (d, -1)); None if not that form."""
    sides = expr.split("==")
    if len(sides) != 2:
        return None
    terms = []
    for side, sign in zip(sides, (1, -1)):
        for op, name in re.findall(r"([+-]?)\s*row\.(\w+)", side):
            if name not in columns:
                return None
            terms.append((columns.index(name), sign * (-1 if op == "-" else 1)))
        if re.sub(r"[+-]?\s*row\.\w+", "", side).strip():
            return None
    return tuple(terms)


@cache
def _rules() -> tuple[dict, ...]:
    text = resources.files("juesuan.checks").joinpath("identities/tables.yaml").read_text(encoding="utf-8")
    return tuple(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@cache
def spec(key: str) -> Spec | None:
    """The spec of a coded table from the identity rules, or None when they do not describe one."""
    rules = [r for r in _rules() if r.get("for_each") == key]
    family = next((r for r in rules if r.get("where") == "has_children" and "col" in r.get("vars", {})), None)
    if family is not None:
        columns = tuple(family["vars"]["col"])
    elif plain := [r for r in rules if "where" not in r]:  # rows without families (公开04 类 lines):
        columns = tuple(dict.fromkeys(re.findall(r"row\.(\w+)", plain[0]["expr"])))  # as the identity names them
    else:
        return None
    identities = tuple(t for r in rules if "where" not in r for t in [_linear(r["expr"], columns)] if t)
    return Spec(columns, identities, family is not None)


@cache
def _cross() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Cross-table identities ``path == path + path …`` (vars expanded), either way round."""
    text = resources.files("juesuan.checks").joinpath("identities/cross.yaml").read_text(encoding="utf-8")
    out = []
    for rule in yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        values = next(iter(rule.get("vars", {}).items()), (None, [None]))
        for value in values[1]:
            expr = rule["expr"] if value is None else rule["expr"].replace("{" + values[0] + "}", value)
            sides = [s.strip() for s in expr.split("==")]
            terms = [re.split(r"\s*\+\s*", side) for side in sides]
            if len(sides) != 2 or any(not re.fullmatch(r"[\w.]+", t) for side in terms for t in side):
                continue
            for one, other in ((terms[0], terms[1]), (terms[1], terms[0])):
                if len(one) == 1:
                    out.append((one[0], tuple(other)))
    return tuple(out)


def evidence(key: str, values: dict, unknown: set[str]) -> dict[str, Decimal]:
    """Columns of ``key``'s 合计 row that other tables already read state (X-001…: 公开02 合计 财政拨款
    = 公开01 三项财政拨款收入). A term that was not read counts as blank only when it is not unknown
    and some other term was read."""
    out = {}
    for target, terms in _cross():
        head, _, column = target.partition(f"{key}.total.")
        if head or not column or any(t.startswith(key + ".") for t in terms):
            continue
        if any(t in unknown for t in terms) or not any(t in values for t in terms):
            continue
        out[column] = sum((values.get(t, Decimal(0)) for t in terms), Decimal(0))
    return out


# A table whose rows are, column by column, the sum of rows of the same code in other tables and
# of what those do not cover: the 财政拨款 tables (公开05/07/08) are the fiscal part of 公开03's
# 基本支出 and 项目支出. A whole is never less than its read parts (amounts are not negative), so
# those parts are lower bounds: the one evidence that tells columns apart which the table's own
# identities treat alike (基本/项目/上缴上级/经营/对附属单位 all add up to 合计 the same way).
PART_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "expenditure": (("general_budget", "government_fund", "state_capital"), ("basic", "project")),
}


def bounds(key: str, label: str, values: dict, unknown: set[str]) -> dict[str, tuple]:
    """Column → (least, most) row ``label`` of ``key`` can hold (None: unbounded), from the tables
    already read (``PART_TABLES``): a whole is at least the sum of its parts; a part at most its
    whole less the other parts. A term that is unknown or negative bounds nothing; a whole bounds
    only when its row was read."""
    out: dict[str, tuple] = {}
    for whole, (parts, columns) in PART_TABLES.items():
        if key != whole and key not in parts:
            continue
        for column in columns:
            others = [f"{t}.{label}.{column}" for t in parts if t != key]
            terms = [values[p] for p in others if p in values]
            if any(p in unknown for p in others) or any(t < 0 for t in terms):
                continue
            least, most = None, None
            if key == whole and any(terms):
                least = sum(terms, Decimal(0))
            here = f"{whole}.{label}.{column}"
            if key != whole and here not in unknown and any(p.startswith(f"{whole}.{label}.") for p in values):
                most = values.get(here, Decimal(0)) - sum(terms, Decimal(0))
            if least is not None or most is not None:
                out[column] = (least, most)
    return out


def lower_bounds(key: str, label: str, values: dict, unknown: set[str]) -> dict[str, Decimal]:
    """Column → the least value row ``label`` of ``key`` can hold (``bounds``)."""
    return {c: lo for c, (lo, _) in bounds(key, label, values, unknown).items() if lo is not None}


def within(vectors: list, columns: tuple[str, ...], limits: dict, unit: str = "万元") -> list:
    """The placements that keep every bounded column within its bounds (a Decimal: the least;
    a pair: (least, most), None for no bound). Bounds come from the model (万元); the vectors hold
    the amounts as printed, in ``unit``."""
    slack = HALF_CENT * 4
    index = {c: columns.index(c) for c in limits if c in columns}
    kept = []
    for v in vectors:
        ok = True
        for c, i in index.items():
            least, most = limits[c] if isinstance(limits[c], tuple) else (limits[c], None)
            x = to_wanyuan(v[i] or Decimal(0), unit)
            if least is not None and x < least - slack or most is not None and x > most + slack:
                ok = False
        if ok:
            kept.append(v)
    return kept


Vector = tuple  # per column: Decimal (printed) or None (blank)


def holds(vector: Vector, spec: Spec) -> bool:
    for terms in spec.identities:
        values = [(vector[i] or Decimal(0)) * sign for i, sign in terms]
        printed = sum(1 for i, _ in terms if vector[i])
        if abs(sum(values, Decimal(0))) > HALF_CENT * max(printed, 1):
            return False
    return True


def arrangements(amounts: list[Decimal], width: int, bands: list[int] | None = None) -> list[Vector]:
    """Every order-keeping placement of ``amounts`` into ``width`` columns, whatever their sums.

    ``bands``: the grid column of each amount (tabs, cells), where the source has them: the
    amounts then keep their distances (a header spanning cells may still shift them all).
    """
    out = []
    for chosen in combinations(range(width), len(amounts)):
        if bands and any(c - chosen[0] != b - bands[0] for c, b in zip(chosen, bands)):
            continue
        vector = [None] * width
        for column, value in zip(chosen, amounts):
            vector[column] = value
        out.append(tuple(vector))
    return out


def candidates(amounts: list[Decimal], spec: Spec, bands: list[int] | None = None) -> list[Vector]:
    """Order-keeping placements of ``amounts`` that satisfy the row identities (``arrangements``)."""
    return [v for v in arrangements(amounts, len(spec.columns), bands) if holds(v, spec)]


def corrections(vector: Vector, spec: Spec) -> list[Vector]:
    """The row ``vector`` (a placement breaking its identities) as it would add up were one printed
    amount the document's error: per printed cell, the value every identity through it asks for
    (they must agree, and the identities not through it must hold already). A value below zero is
    no correction (amounts are not negative, as ``_reach`` assumes) unless the row prints one."""
    signed = any(x is not None and x < 0 for x in vector)
    out = []
    for column, printed in enumerate(vector):
        if printed is None:
            continue
        through = [t for t in spec.identities if any(i == column for i, _ in t)]
        others = [t for t in spec.identities if t not in through]
        if not through or not holds(vector, Spec(spec.columns, tuple(others), spec.families)):
            continue
        asked = set()
        for terms in through:
            sign = next(s for i, s in terms if i == column)
            asked.add(-sum(((vector[i] or Decimal(0)) * s for i, s in terms if i != column), Decimal(0)) * sign)
        value = asked.pop()
        if any(abs(value - a) > HALF_CENT * len(vector) for a in asked) or value < 0 and not signed:
            continue
        out.append(tuple(value if i == column else x for i, x in enumerate(vector)))
    return out


def misprints(placements: Iterable[Vector], spec: Spec,
              keep: Callable[[Vector, Vector], bool] = lambda printed, corrected: True) -> dict[Vector, list[Vector]]:
    """Each placement of a row that no placement makes add up, with the row as it would add up were
    one printed amount the document's error (``corrections``) → {corrected row: its printed
    placements}; ``keep`` refuses a pair for a reader's own reason. The corrected rows go to
    ``solve`` as the row's options, and ``as_printed`` reads its decision back."""
    out: dict[Vector, list[Vector]] = {}
    for printed in placements:
        for corrected in corrections(printed, spec):
            if keep(printed, corrected):
                out.setdefault(corrected, [])
                if printed not in out[corrected]:
                    out[corrected].append(printed)
    return out


def as_printed(decided: dict[str, Decided], misprinted: dict[str, dict[Vector, list[Vector]]],
               width: int) -> dict[str, Decided]:
    """The rows placed through ``misprints`` read as printed: where ``solve`` kept them by a family sum
    that holds once corrected (``summed``), the printed placements of the corrected rows it kept,
    each cell where they agree; unread otherwise (their amounts may not be the row's at all)."""
    out = dict(decided)
    for label, printed in misprinted.items():
        used = [p for v in decided[label].options for p in printed.get(v, ())] if decided[label].summed else []
        out[label] = _decide(list(dict.fromkeys(used)), width, False)
    return out


def _zero(v):
    return tuple(x or Decimal(0) for x in v)


def _reach(parent: Vector, children: list[list[Vector]], tolerance: Decimal) -> set | None:
    """Remainders of ``parent`` after every child took one of its vectors (None: too many).

    Amounts not negative, a column the parent prints as zero or blank holds no child amount:
    a child printing 0.01 is at least 0.005, so would its parent be, printed 0.01 at least —
    the rounding envelope of a sum does not let a cent slip into an empty column."""
    states = {_zero(parent)}
    for options in children:
        zeroed = {_zero(v) for v in _fits(parent, options)}
        signed = any(x < 0 for v in zeroed for x in v)  # negative amounts: no pruning by sign
        states = {r for state in states for v in zeroed
                  for r in [tuple(a - b for a, b in zip(state, v))] if signed or min(r) >= -tolerance}
        if len(states) > MAX_STATES:
            return None
    return states


def _closes(parent: Vector, children: list[list[Vector]]) -> bool | None:
    tolerance = HALF_CENT * (len(children) + 1)
    states = _reach(parent, children, tolerance)
    if states is None:
        return None
    return any(all(abs(x) <= tolerance for x in s) for s in states)


@dataclass(frozen=True)
class Decided:
    vector: Vector  # placed values; None also where ``unknown``
    unknown: tuple[int, ...]  # columns the consistent placements disagree on
    reason: str = ""
    options: tuple[Vector, ...] = ()  # the consistent placements it was decided from
    summed: bool = False  # a family sum it is in (as the whole or a part) was checked and holds


def solve(rows: dict[str, list[Vector] | None], parent: dict[str, str | None],
          loose: dict[str, list[Vector]] | None = None) -> dict[str, Decided]:
    """Each row's placement from its candidates and the family sums.

    ``rows``: label → candidates (None: its amounts were not seen); ``parent``: label → the
    printed row it adds up into (None at the top). A family is used only when its search stays
    small. A family that cannot add up under any placement (the evidence disagrees) keeps, for
    each of its rows, only what every placement of the row alone agrees on (``loose``: the
    row's candidates before other evidence, such as the layout, narrowed them).
    """
    loose = loose or {}
    broken: set[str] = set()
    children: dict[str | None, list[str]] = {}
    for label in rows:
        children.setdefault(parent.get(label), []).append(label)
    feasible: dict[str, list[Vector]] = {}
    usable: dict[str, bool] = {}

    def up(label: str) -> list[Vector]:  # bottom-up: candidates that their children can fill
        kids = children.get(label, [])
        options = [up(k) for k in kids]
        own = rows[label]
        if own is None:  # amounts not seen (lost, not blank): no constraint either way
            usable[label], feasible[label] = False, []
            return []
        usable[label] = bool(kids) and all(options)
        if usable[label]:
            checked = [(v, _closes(v, options)) for v in own]
            if any(ok is None for _, ok in checked):
                usable[label] = False
            else:
                own = [v for v, ok in checked if ok]
                if not own:  # no placement of this family adds up
                    broken.update([label, *kids])
                    usable[label] = False
        feasible[label] = own
        return own

    for top in children.get(None, []):
        up(top)
    supported = {label: list(feasible[label]) for label in children.get(None, [])}

    def down(label: str) -> None:  # top-down: the child vectors some consistent parent uses
        kids = children.get(label, [])
        for index, kid in enumerate(kids):
            if not usable[label] or len(feasible[kid]) < 2:
                supported[kid] = list(feasible[kid])
            else:
                supported[kid] = _used(supported[label], [feasible[k] for k in kids], index)
            down(kid)

    for top in children.get(None, []):
        down(top)
    width = next((len(v[0]) for v in rows.values() if v), 0)
    return {label: _decide(loose.get(label) or rows[label] or [], width, rows[label] is None, broken=True)
            if label in broken else replace(_decide(supported.get(label, []), width, rows[label] is None),
                                            summed=usable[label] or usable.get(parent.get(label), False))
            for label in rows}


def _used(parents: list[Vector], options: list[list[Vector]], index: int) -> list[Vector]:
    """The vectors of child ``index`` that some parent vector and some choice of the others close."""
    tolerance = HALF_CENT * (len(options) + 1)
    others = options[:index] + options[index + 1:]
    kept: dict[Vector, None] = {}
    for p in parents:
        rest = _reach(p, others, tolerance)  # what the other children leave of p
        if rest is None:
            return list(options[index])
        for v in _fits(p, options[index]):
            if v not in kept and any(all(abs(a - b) <= tolerance for a, b in zip(r, _zero(v))) for r in rest):
                kept[v] = None
    return list(kept)


def _fits(parent: Vector, options) -> set:
    """The child vectors (zeroed) that leave the parent's zero or blank columns empty (``_reach``)."""
    zeroed = {_zero(v): v for v in options}
    if any(x < 0 for v in zeroed for x in v) or min(_zero(parent), default=0) < 0:
        return set(zeroed.values())  # negative amounts: no pruning by sign
    empty = [i for i, x in enumerate(_zero(parent)) if x == 0]
    return {original for v, original in zeroed.items() if all(v[i] == 0 for i in empty)}


def _decide(options: list[Vector], width: int, lost: bool, broken: bool = False) -> Decided:
    if not options:
        return Decided((None,) * width, tuple(range(width)), "金额未见 / amounts not seen" if lost
                       else "无满足表内关系的排列 / no placement satisfies the table's identities")
    first = options[0]
    unknown = tuple(i for i in range(len(first))
                    if any((v[i] or Decimal(0)) != (first[i] or Decimal(0)) for v in options))
    vector = tuple(None if i in unknown else first[i] for i in range(len(first)))
    reason = "" if not unknown else ("类款项之和与各行排列不符 / the family does not add up under any placement"
                                     if broken else f"有 {len(options)} 种一致排列 / {len(options)} consistent placements")
    return Decided(vector, unknown, reason, tuple(options))


TOLERANCE = 1  # characters: right edges of right-aligned amounts agree to within one


def column_offsets(kept, width: int) -> list[tuple] | None:
    """(lowest, highest) right edge of each column relative to the first, from rows printing every
    column (pdftotext keeps what follows a CJK name in characters, so offsets hold line to line)."""
    complete = [[w[1] for _, _, w in r.amounts] for r in kept if len(r.amounts) == width]
    if not complete:
        return None
    return [(min(e[i] - e[0] for e in complete), max(e[i] - e[0] for e in complete)) for i in range(width)]


def under_columns(found: list, edges: list, offsets: list[tuple]) -> list:
    """Placements that put each amount under a column whose offset (from the row's first amount's
    column, in the complete rows) it matches; an amount matching no column says nothing."""
    kept = []
    for vector in found:
        columns = [i for i, v in enumerate(vector) if v is not None]
        if not columns or len(columns) != len(edges):
            kept.append(vector)  # nothing printed, or zeros placed: no positions to compare
            continue
        base = columns[0]
        fits = True
        for c, e in zip(columns, edges):
            under = [k for k in range(len(offsets)) if offsets[k][0] - offsets[base][1] - TOLERANCE
                     <= e - edges[0] <= offsets[k][1] - offsets[base][0] + TOLERANCE]
            if under and c not in under:
                fits = False
        if fits:
            kept.append(vector)
    return kept
