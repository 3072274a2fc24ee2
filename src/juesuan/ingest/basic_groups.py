"""公开06 printed as tall rows over several text lines (pdfplumber's text, ``pdftotext -layout``).

Each printed row of the two blocks comes as two or three lines: the codes ("301 01 302"), the
names with the right block's 款 ("基本工资 01 办公费"), and the amounts on a line of their own —
below the names in pdfplumber's text, above the codes in ``-layout`` — where a lone amount may be
either block's ("0.09": 301 06 伙食补助费 or 302 04 手续费).

Read as groups: a line opening with a 类 code starts a row of the blocks (its first 类 the left
item, a second one the right); 款 codes and names on the lines after it are that row's (a 款 goes
to the last item still without one; a name before the right item's code on its line is the left
item's). Amounts on a line without codes float: a reading puts every such line with the group above
it, or every one with the group below, and a group's amounts go to its items in printed order
(one amount for two items: either). A reading is kept when each 类 = Σ its 款 (T06-001) and the
footers = Σ their 类 (T06-002/003) hold to the cent; a cell is placed when every kept reading
gives it the same amount, else it is unread (never zero).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from .basic_stream import FOOTERS, HALF_CENT, _amount, _not_items
from .numbers import clean, compact, parse_amount
from .pages import Cell, Row

MAX_OPEN = 16  # lone amounts whose block is open, per reading: 2**16 readings at most
PERSONNEL = ("301", "303")  # T06-002; every other 类 is 公用经费 (T06-003)


@dataclass
class Item:
    code: str
    row: Row
    names: list[str] = field(default_factory=list)


@dataclass
class Group:
    items: list[Item] = field(default_factory=list)
    fixed: list[tuple[tuple[int, int, int], str, Row]] = field(default_factory=list)  # amounts on its lines
    open_lines: list[list[str | None]] = field(default_factory=list)  # names' pieces (None: an amount)
    """Lines of the group's names without a code saying which block each piece is in."""


@dataclass
class Parsed:
    groups: list[Group]
    floating: list[tuple[int, tuple[int, int, int], str, Row]]  # (groups before it, order, text, line)
    footers: list[tuple[str, str, Row]]


def _footer(tokens: list[str], row: Row) -> list[tuple[str, str | None, Row]] | None:
    """人员经费合计 | amount | 公用经费合计 | amount: (label, its amount or None) of a footer line."""
    if not any(f in t for t in tokens for f in FOOTERS):
        return None
    out: list[tuple[str, str | None, Row]] = []
    for t in tokens:
        label = next((f for f in FOOTERS if f in t), None)
        if label is not None:
            out.append((label, None, row))
        elif out and out[-1][1] is None and _amount(t):
            out[-1] = (out[-1][0], t, row)
    return out


def _amounts_only(tokens: list[str]) -> bool:
    return bool(tokens) and all(_amount(t) for t in tokens)


def _footer_amounts(labels: list, floating: list, row: Row, previous: Row | None) -> list:
    """Footer labels printing no amount take those of the amounts-only line just above them, in
    order, when that line prints as many (-layout prints the footers' amounts a little higher)."""
    missing = [i for i, (_, text, _) in enumerate(labels) if text is None]
    above = [f for f in floating if previous is not None and f[3] is previous]
    if missing and len(above) == len(missing):
        for i, (_, _, text, line) in zip(missing, above):
            labels[i] = (labels[i][0], text, line)
        floating[:] = [f for f in floating if f[3] is not previous]
    return [f for f in labels if f[1] is not None]


def parse(rows: list[Row], resolve=None) -> Parsed | None:
    """The block's lines as groups, floating amount lines and footers; None when a line does not
    read so (a third 类 in a group, a 款 with no 类 before it)."""
    groups: list[Group] = []
    floating: list = []
    footers: list = []
    previous: Row | None = None  # the line before, when it printed amounts only
    for row in rows:
        if _not_items(row):
            continue
        raw = row.text.split()
        tokens = [clean(t) for t in raw]
        labels = _footer(tokens, row) if tokens else None
        if labels is not None:
            footers += _footer_amounts(labels, floating, row, previous)
        previous = row if _amounts_only(tokens) else None
        if not tokens or labels is not None:
            continue
        codes = [t for t in tokens if re.fullmatch(r"\d{2}|\d{3}|\d{5}", t)]
        if re.fullmatch(r"\d{3}|\d{5}", tokens[0]):
            groups.append(Group())
        elif not groups:
            continue  # header words above the first code line
        group = groups[-1]
        if not codes:  # a line of amounts (and names' pieces): its amounts float
            for i, t in enumerate(tokens):
                if _amount(t):
                    floating.append((len(groups), (row.page, row.line, i), t, row))
            pieces = [None if _amount(t) else compact(r) for t, r in zip(tokens, raw)]
            if len(group.items) == 1:
                group.items[0].names += [p for p in pieces if p]
            elif any(pieces):
                group.open_lines.append(pieces)
            continue
        if not _take(group, tokens, raw, row):
            return None
    for group in groups:
        _name(group, resolve)
    return Parsed(groups, floating, footers) if groups else None


def _take(group: Group, tokens: list[str], raw: list[str], row: Row) -> bool:
    """Codes, names and amounts of one line of the group."""
    marker = _right_marker(group, tokens)
    for i, t in enumerate(tokens):
        if re.fullmatch(r"\d{3}|\d{5}", t):
            if len(group.items) == 2:
                return False
            group.items.append(Item(t, row))
        elif re.fullmatch(r"\d{2}", t):
            last = group.items[-1] if group.items else None
            if last is None or len(last.code) != 3:
                return False
            last.code += t
        elif _amount(t):
            group.fixed.append(((row.page, row.line, i), t, row))
        elif not group.items:
            return False
        elif marker is not None:
            group.items[0 if i < marker else -1].names.append(compact(raw[i]))
        elif len(group.items) == 1:
            group.items[0].names.append(compact(raw[i]))
        else:
            group.open_lines.append([compact(raw[i])])
    return True


def _right_marker(group: Group, tokens: list[str]) -> int | None:
    """Index of the right item's first code on a line (its 类, or its 款 when the 类 came before):
    a name before it is the left item's, one after it the right's."""
    count = len(group.items)
    for i, t in enumerate(tokens):
        if re.fullmatch(r"\d{3}|\d{5}", t):
            count += 1
            if count == 2:
                return i
        elif re.fullmatch(r"\d{2}", t) and count == 2:
            return i
    return None


def readings(parsed: Parsed) -> list[dict[int, tuple[str, Row] | None]]:
    """Every consistent reading: id(item) → (amount, line) or None (blank), over both directions."""
    items = [item for g in parsed.groups for item in g.items]
    found: list[dict] = []
    for below in (True, False):  # amounts under their names (pdfplumber) / above their codes (-layout)
        amounts: list[list[tuple[tuple[int, int, int], str, Row]]] = [list(g.fixed) for g in parsed.groups]
        ok = True
        for before, order, text, row in parsed.floating:
            index = before - 1 if below else before
            if not 0 <= index < len(parsed.groups):
                ok = False
                break
            amounts[index].append((order, text, row))
        if not ok:
            continue
        fixed: dict[int, tuple[str, Row] | None] = {id(i): None for i in items}
        choices: list[tuple[Item, Item, tuple[str, Row]]] = []
        for group, mine in zip(parsed.groups, amounts):
            mine.sort(key=lambda a: a[0])
            if len(mine) > len(group.items):
                ok = False
                break
            if len(mine) == 1 and len(group.items) == 2:
                choices.append((group.items[0], group.items[1], mine[0][1:]))
            elif mine:
                for item, (_, text, row) in zip(group.items, mine):
                    fixed[id(item)] = (text, row)
        if not ok or len(choices) > MAX_OPEN:
            continue
        # each code's sum with every open amount left out, then each reading adds its picks: the
        # printed amounts are parsed once, not once per reading (2**16 readings of 50 items)
        base: dict[str, Decimal] = {}
        for item in items:
            amount = fixed[id(item)]
            base[item.code] = base.get(item.code, Decimal(0)) + (parse_amount(amount[0]) if amount else 0)
        opened = [(left.code, right.code, parse_amount(amount[0])) for left, right, amount in choices]
        holds = _holds(list(base), parsed.footers)
        for picks in product((0, 1), repeat=len(choices)):
            value = dict(base)
            for (left, right, amount), pick in zip(opened, picks):
                value[right if pick else left] += amount
            if holds(value):
                reading = dict(fixed)
                for (left, right, amount), pick in zip(choices, picks):
                    reading[id(right if pick else left)] = amount
                found.append(reading)
    return found


def _holds(codes: list[str], footers):
    """T06-001/002/003 within the rounding of the printed figures (each ±0.005, blanks exact), as a
    test of each code's value in a reading."""
    classes = [c for c in codes if len(c) == 3]
    kids = {c: [k for k in codes if len(k) == 5 and k.startswith(c)] for c in classes}
    totals = [(parse_amount(text), label == FOOTERS[0]) for label, text, _ in footers]

    def holds(value: dict[str, Decimal]) -> bool:
        for code in classes:
            if kids[code] and not _adds_up(value[code], [value[k] for k in kids[code]]):
                return False
        for total, personnel in totals:
            part = [value[c] for c in classes if (c in PERSONNEL) == personnel]
            if classes and not _adds_up(total, part):
                return False
        return True

    return holds


def _adds_up(total: Decimal | None, parts: list[Decimal]) -> bool:
    if total is None:
        return False
    printed = sum(1 for v in [total, *parts] if v)
    return abs(total - sum(parts, Decimal(0))) <= HALF_CENT * printed


def rows(title: Row, data: list[Row], unclear, resolve=None) -> list[Row] | None:
    """The block's rows as the 公开06 reader takes them (code | 名称 | 决算数, the footers on a line
    of their own; columns ``basic_stream.BLOCKS``), or None when the lines do not read as groups or no reading holds."""
    parsed = parse(data, resolve)
    if parsed is None or not parsed.floating:
        return None
    found = readings(parsed)
    if not found:
        return None
    out = []
    for group in parsed.groups:
        for item in group.items:
            cells = [Cell(item.code, 0, 1, col=0), Cell("".join(item.names), 1, 2, col=1)]
            line = item.row
            options = {(r[id(item)] or ("", None))[0] for r in found}
            if len(options) == 1 and found[0][id(item)] is not None:
                text, line = found[0][id(item)]
                cells.append(Cell(text, 2, 3, col=2))
            elif len(options) > 1:
                for text, row in {r[id(item)] for r in found if r[id(item)] is not None}:
                    unclear(row, f"basic_expenditure: 有 {len(found)} 种一致读法，{item.code} 金额未定 / "
                                 f"{len(found)} consistent readings, amount not certain: {text}")
            out.append(Row(tuple(cells), line.page, line.line, -1))
    for label, text, row in parsed.footers:
        out.append(Row((Cell(label, 0, 1, col=0), Cell(text, 1, 2, col=1)), row.page, row.line, -1))
    return out


def _name(group: Group, resolve) -> None:
    """Lines of names' pieces without a code ("工资福利支出 商品和服务支出", a tail "费"): each line's
    pieces are the left name's then the right's; the split where the code list names both items
    so, else at an amount printed between them, else all the left's."""
    lines = group.open_lines
    if not lines:
        return
    left, right = group.items
    splits = [range(len(line) + 1) for line in lines]
    if resolve is not None and sum(len(line) for line in lines) <= 12:
        for cut in product(*splits):
            names = _split(lines, cut)
            if resolve("".join(left.names + names[0])) == left.code and \
                    resolve("".join(right.names + names[1])) == right.code:
                left.names += names[0]
                right.names += names[1]
                return
    cut = [line.index(None) if None in line and line.index(None) > 0 else len(line) for line in lines]
    names = _split(lines, cut)
    left.names += names[0]
    right.names += names[1]


def _split(lines: list[list[str | None]], cut) -> tuple[list[str], list[str]]:
    return ([p for line, k in zip(lines, cut) for p in line[:k] if p],
            [p for line, k in zip(lines, cut) for p in line[k:] if p])
