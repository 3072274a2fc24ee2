"""Coded tables from text without columns (a viewer's copy, pdfplumber, pdftotext raw, single spaces).

Each line is read in order: 类/款/项 code parts, the 科目名称, then the amounts the row prints
(blank cells are simply absent). A line may hold only the name (printed above its code, or
wrapped below it) or only the amounts (centred in a tall cell): they join their record by
what it still lacks. Which column each amount is in is then decided by the table's own
identities (``placement``); what they leave open is unknown, never zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..model import Source
from .coded import _INLINE_CODE, _by_name
from .collect import Collector
from .locate import Block
from .numbers import FOLIO, clean, compact, is_amount, join_code, parse_amount, to_wanyuan
from .pages import Cell, Row
from .placement import (HALF_CENT, _decide, arrangements, as_printed, bounds, candidates, column_offsets, evidence,
                        misprints, solve, spec, under_columns, within)

ZERO_MARKS = {"-", "—", "--", "——", "－", "0"}
_GLUED = re.compile(r"^(.*?\D)(-?\d{1,3}(?:,\d{3})*\.\d{2}|-?\d+\.\d{2})$")  # "事务5.00"
_MARKERS = {"类", "款", "项"}
TOTAL_NAMES = ("合计", "总计")
_GARBLED = re.compile(r"\d,\d{3}|\d\.\d")  # an amount's digits inside a name
_PAGE_MARK = re.compile(r"^[—\-–－]*\d{1,3}[—\-–－]*$|^第\d+页")
_HEADER_WORDS = ("科目编码", "科目名称", "功能分类", "本年收入", "本年支出", "决算数", "单位：", "项目支出", "基本支出",
                 "财政拨款收", "年初结转", "年末结转", "事业收入", "经营收入", "其他收入", "上级补助", "附属单位")


def is_flat(block: Block) -> bool:
    """Most lines with amounts are one cell holding several tokens: no columns to read."""
    lines = [r for r in block.rows if any(_amount(t) for t in _tokens(r))]
    flat = [r for r in lines if len(r.cells) == 1]
    return bool(lines) and len(flat) * 2 > len(lines)


def blanks_omitted(block: Block) -> bool:
    """Grid rows with amounts carry different numbers of cells: the dump left blank cells out of
    the line (tab text without empty fields), so neither a cell's column nor the distance between
    two amounts says where they belong — only the identities can."""
    rows = [row for row in block.rows if row.grid is not None and any(_amount(t) for t in _tokens(row))]
    cols = [[c.col for c in row.cells if c.col is not None] for row in rows]
    # a complete grid keeps its empty fields' column numbers (gaps); a dump that left them out has none
    contiguous = all(c == list(range(c[0], c[0] + len(c))) for c in cols if c)
    return bool(rows) and contiguous and len({len(c) for c in cols}) > 1


def _tokens(row: Row) -> list[str]:
    return [t for t, _ in _banded(row)]


def _banded(row: Row) -> list[tuple[str, tuple]]:
    """The row's tokens with (the column band of their cell or None, their right edge)."""
    out = []
    for cell in row.cells:
        for match in re.finditer(r"\S+", cell.text):
            token, x1 = match.group(), cell.x0 + match.end()
            glued = _GLUED.match(token)
            if glued and not glued.group(1).replace(",", "").isdigit():
                out += [(glued.group(1), (cell.col, x1 - len(glued.group(2)))), (glued.group(2), (cell.col, x1))]
            else:
                out.append((token, (cell.col, x1)))
    return out


def _amount(token: str) -> bool:
    return is_amount(token) and not clean(token).isdigit() or clean(token) in ZERO_MARKS


@dataclass
class Record:
    row: Row
    code: str | None = None
    name: str = ""
    amounts: list[tuple[str, Row, tuple]] = field(default_factory=list)  # text, its line, (band, right edge)
    named_before: bool = False  # its name came on a line above its code
    tail: bool = False  # the line below its code gave the rest of a name centred on it
    total: bool = False
    joined: bool = False  # took the amounts of the line below, taken for its wrapped amounts


def _split(tokens: list[tuple[str, tuple]]) -> tuple[list[str], list[str], list[tuple[str, tuple]]]:
    codes, names, amounts = [], [], []
    for token, b in tokens:
        t = clean(token)
        if not names and not amounts and t.isdigit() and join_code(codes + [t]) is not None \
                or not names and not amounts and t.isdigit() and codes and len(t) == 2:
            codes.append(t)
        elif _amount(token) and (codes or names or amounts or "." in t or "," in t):
            amounts.append((token, b))
        elif t not in _MARKERS:
            names.append(compact(token))
    return codes, names, amounts


def records(block: Block, out: Collector, positions: bool = False, resolve=None) -> list[Record]:
    """``positions``: the lines keep their layout (pdftotext -layout), where amounts on a line of
    their own may be a tall cell's parts above the next row: they never complete the row above."""
    found: list[Record] = []
    current: Record | None = None
    pending = ""
    orphans: list = []  # amounts on a line of their own above their row (centred in a tall cell)
    earlier: list = []  # -layout: amounts-only lines before that one, kept for a 合计 label below

    def lost(amounts) -> None:
        for a, row, _ in amounts:
            out.unclear(row, f"{block.key}: 金额无法对应 / amount not placed: {a}", block.key)

    def opened(record: Record) -> Record:
        nonlocal orphans, earlier
        if record.total and earlier and not record.amounts and not placeable(orphans):
            # -layout: a tall 合计 prints its amounts on the lines above its label (its parts above
            # its 合计): all of them, in x order, when together they add up
            together = sorted(earlier + orphans, key=lambda a: a[2][1])
            if placeable(together):
                orphans, earlier = together, []
        if orphans and not record.amounts:
            record.amounts = orphans
        else:
            lost(orphans)
        lost(earlier)
        orphans, earlier = [], []
        found.append(record)
        return record

    table_spec = spec(block.key)

    def placeable(amounts: list) -> bool:
        """The amounts fit the table's row identities (a lone 合计 never does: 合计 = Σ parts)."""
        values = [parse_amount(text) for text, _, _ in amounts]
        return table_spec is None or None in values or bool(candidates(values, table_spec))

    split = [_split(_banded(row)) for row in block.rows]

    def tail_of(record: Record, name: str, index: int) -> bool:
        """Whether a name-only line below a code line named from above ends that name (centred on
        its code line) rather than heads the next row's: the code list says so when it knows the
        names; else the next line does — a code line printing no name of its own takes this one."""
        if resolve is not None and record.code:
            if resolve(record.name + name) == record.code:
                return True
            if resolve(record.name) == record.code:
                return False
        after = next((parts for parts in split[index + 1:] if any(parts)), None)
        return after is None or not (after[0] and not after[1])

    style: list[str] = []  # how the code list placed the name lines between two named rows so far

    def run_on() -> None:
        """The name lines ``pending`` end the row above, where ``_wrapped_below`` says so, when no
        code line follows them (a page break, a 合计 line, the table's end)."""
        if pending and (k := _wrapped_below(current, pending, "", current and current.code, resolve, style)):
            current.name += pending[:k]
    started = False
    header: set[str] = set()  # the header's lines, which a continuation page prints again
    repeating = False  # inside a header printed again (after its first known line)
    for index, row in enumerate(block.rows):
        if FOLIO.fullmatch("".join(t for t, _ in _banded(row))):
            continue  # "— 43 —": the page number, not a name and a zero
        codes, names, banded = split[index]
        amounts = [(a, _printed_on(row, b), b) for a, b in banded]
        name = "".join(names)
        if name.startswith("栏次"):
            continue
        if not started and not codes and not amounts and not (
                name in TOTAL_NAMES and index + 1 < len(split) and split[index + 1][2] and not any(split[index + 1][:2])):
            if _names_first_row(name, split[index + 1:], resolve):
                pending = name  # pdfplumber: the first row's name above its code line, under the header
            elif name not in TOTAL_NAMES:
                header.add(name)
            continue  # header lines ("合计" of a wrapped header "本年收入|合计" too); a line holding only
            # 合计 whose amounts follow on a line of their own (pdfplumber) opens the table
        if not codes and not amounts and (_PAGE_MARK.match(name) or name in ("项目", "栏次")
                                          or any(w in name for w in _HEADER_WORDS)
                                          or repeating and name in header):  # "编码 出" below "…科目名称…"
            run_on()  # the row above's name ran on to the foot of its page
            pending, repeating = "", True  # a page number, or the header repeated on a continuation page
            continue
        repeating = False
        started = True
        inline = _INLINE_CODE.match(name)
        if inline and not codes:
            codes, name = [inline.group(1)], inline.group(2)
        if any(t in name for t in TOTAL_NAMES) and not codes:
            run_on()  # the row above's name ran on past a page break
            current = opened(Record(row, name="合计", total=True, amounts=amounts))
            pending = ""
        elif not codes and current is not None and current.code and not current.amounts \
                and not current.named_before and (name or amounts):
            current.name += name  # the name wrapped below its code, the amounts on its last line
            current.amounts = amounts
        elif codes and amounts and not name and not pending and _parts_above(current, join_code(codes), block.rows, index,
                                                                 resolve):
            # pdfplumber of a tall row: the name line printed the parts above the code line's 合计
            # ("一般公共服务支出 1,503.52 603.14" | "201 2,106.66"): one row, its lines interleaved
            current.code, current.amounts = join_code(codes), current.amounts + amounts
        elif codes or (name and amounts):
            if _named_below(current, pending, resolve):
                current.name, pending = pending, ""
            elif codes and name:
                k = _tail_head(current, pending, name, join_code(codes), resolve)
                if k:  # the last name line of the row above ran into this row's name ("支出" + "其他…")
                    current.name, pending, name = pending + name[:k], "", name[k:]
                elif pending and (k := _wrapped_below(current, pending, name, join_code(codes), resolve, style)):
                    # top-aligned cells: the row above's name went on below its code line
                    current.name, pending = current.name + pending[:k], pending[k:]
            current = opened(Record(row, code=join_code(codes) if codes else None, name=pending + name,
                                    amounts=amounts, named_before=bool(pending) and not name))
            if codes and current.code is None:
                out.unclear(row, f"科目编码无法识别 / code not understood: {' '.join(codes)} {name}", block.key)
            pending = ""
        elif name and not amounts and current is not None and current.named_before and not current.tail \
                and tail_of(current, name, index):
            # a name centred on its code line (pdfplumber, -layout): head above, tail just below
            current.name, current.tail = current.name + name, True
        elif name:
            pending += name
        elif amounts:
            if current is not None and not current.amounts:
                current.amounts = amounts
            elif current is not None and not orphans and not positions and not placeable(current.amounts) \
                    and (table_spec is None or len(current.amounts) < len(table_spec.columns)):
                current.amounts = current.amounts + amounts  # its amounts wrapped onto this line
                current.joined = True  # (a row printing every column wraps nothing: a misprint)
            else:
                if positions and current is None:
                    earlier = earlier + orphans
                else:
                    lost(orphans)
                orphans = amounts
    if _named_below(current, pending, resolve):
        current.name = pending
    else:
        run_on()  # the last row's name ran on below its code line
    lost(earlier + orphans)
    return found


def _names_first_row(name: str, following: list, resolve) -> bool:
    """A name-only line under the header names the first code line just below it when the code
    list knows it as that code (公开05 in pdfplumber: "一般公共服务支出" | "201 2,106.66 …")."""
    after = next((parts for parts in following if any(parts)), None)
    return bool(name) and resolve is not None and after is not None and bool(after[0]) \
        and join_code(after[0]) is not None and resolve(name) == join_code(after[0])


def _parts_above(record: Record | None, code: str | None, rows: list, index: int, resolve) -> bool:
    """Whether a code line printing amounts and no name completes the row just above it: a name
    line with amounts and no code (the code list names this code so, or knows neither)."""
    if record is None or record.code or record.total or not record.name or not record.amounts or code is None:
        return False
    if record.row is not rows[index - 1] or any(a[1] is not record.row for a in record.amounts):
        return False
    return resolve is None or resolve(record.name) in (None, code)


def _wrapped_below(record: Record | None, pending: str, name: str, code: str | None, resolve,
                   style: list[str]) -> int:
    """How many characters of the name lines ``pending``, printed between a row named on its own
    code line and the next code line (named too), end the row above's name. The code list decides
    when it knows either row ("科技成果转化与扩" + "散"; or the next row's name is whole on its line);
    else the table's own rows decided so far do: every earlier decision a tail (top-aligned cells).
    Each decision is appended to ``style``; 0: the lines head the next row's name, as before."""
    if record is None or not record.code or not record.name or record.named_before or record.total \
            or not record.amounts or code is None:
        return 0
    known = resolve is not None and resolve(record.name) == record.code
    k = next((k for k in range(len(pending), 0, -1) if resolve is not None
              and resolve(record.name + pending[:k]) == record.code), 0)
    if not k and not known and resolve is not None and resolve(name) == code:
        k = len(pending)  # the next row's name is whole on its code line: the lines are the row above's
    if k or known:
        style.append("tail" if k else "head")
        return k
    return len(pending) if style and all(s == "tail" for s in style) else 0


def _tail_head(record: Record | None, pending: str, name: str, code: str | None, resolve) -> int:
    """How many characters of ``name`` end the unnamed row above's name, when the code list knows
    both halves: that row's name (``pending`` + the head) and this row's (the rest); else 0."""
    if record is None or not record.code or record.name or not pending or code is None or resolve is None:
        return 0
    return next((k for k in range(1, len(name)) if resolve(pending + name[:k]) == record.code
                 and resolve(name[k:]) == code), 0)


def _named_below(record: Record | None, pending: str, resolve) -> bool:
    """Name lines after a code line that printed its amounts and no name (-layout of a tall cell:
    "208 05 05 160.75 160.75", then "机关事业单位基本养老保险" | "缴费支出"): that row's name, not the
    head of the next row's, when the code list knows the joined lines as that row's code."""
    return bool(record is not None and record.code and not record.name and pending and resolve is not None
                and resolve(pending) == record.code)


def _printed_on(row: Row, band: tuple) -> Row:
    """The line an amount was printed on. In text the cells' y is their line number: a row that
    took an amounts-only line (virtual._join_split_rows) keeps each amount's own line, so the read
    coverage counts that line's amounts as placed, not lost."""
    if not any(c.y0 == row.line for c in row.cells) or any(c.y0 != int(c.y0) for c in row.cells):
        return row  # a PDF's rows: y in points
    cell = next((c for c in row.cells if c.col == band[0] and c.x0 < band[1] <= c.x1), None)
    return row if cell is None or cell.y0 == row.line else replace(row, line=int(cell.y0))


def parse_flat_coded(block: Block, out: Collector, resolve, positions: bool = False) -> dict:
    """``positions``: the lines keep their layout (pdftotext -layout): where the amounts sit is
    evidence too, a placement must put them under the columns of the complete rows."""
    table_spec = spec(block.key)
    if table_spec is None:
        return {}
    parents: dict[int, str] = {}
    kept: dict[str, Record] = {}
    for record in records(block, out, positions, resolve):
        if record.total:
            kept.setdefault("total", record)
            continue
        code = record.code or _by_name(record.name, parents, resolve)
        if code is None:
            out.unclear(record.row, f"科目编码无法识别 / code not understood: {record.name}", block.key)
            continue
        parents[len(code)] = code
        record.code = code
        kept.setdefault(code, record)  # a repeated row on a continuation page
    options, parent, conflict, loose = {}, {}, {}, {}
    misprinted: dict[str, dict] = {}  # label → {the row as it would add up: its printed placements}
    omitted = blanks_omitted(block)
    offsets = column_offsets(kept.values(), len(table_spec.columns)) if positions else None
    has_children = {_parent(label, kept) for label, record in kept.items() if record.amounts}
    unknown = {p for p, s in out.sources.items() if s.kind == "unread"} | set(out.set_aside)
    for label, record in kept.items():
        if not record.amounts and label in has_children:
            options[label], parent[label] = None, _parent(label, kept)  # a blank parent of printed rows
            continue
        values = [parse_amount(text) for text, _, _ in record.amounts]
        # guessed bands prove nothing, and neither do tab columns when blank cells were left out
        bands = [None] if positions or omitted else [w[0] for _, _, w in record.amounts]
        found = [] if None in values else _line_candidates(record, table_spec) if not positions and not omitted \
            else candidates(values, table_spec, bands if None not in bands else None)
        edges = [w[1] for _, _, w in record.amounts]
        if values and not found and None not in values and len(values) > 1 and not record.joined \
                and not _garbled(record):
            misprinted[label] = _misprinted(record, table_spec, bands if None not in bands else None,
                                            positions or omitted, offsets)
            found = list(misprinted[label])
        options[label] = found if offsets is None or label in misprinted else under_columns(found, edges, offsets)
        # the whole and its parts bound this row's columns; a bound no placement meets is not used
        bounded = within(options[label], table_spec.columns, bounds(block.key, label, out.values, unknown),
                         block.unit)
        options[label] = bounded or options[label]
        loose[label] = found
        if found and not options[label]:  # the layout contradicts every placement the row allows
            options[label], conflict[label] = None, found
        elif values and not found:  # its amounts fit no placement (a lone 合计: its parts not read):
            options[label] = None  # no evidence for its family either way, as amounts not seen
        parent[label] = _parent(label, kept)
    if options.get("total"):  # what other tables say of the 合计 row picks among its placements
        # (None: a blank 合计 over printed rows, or one whose every placement the layout contradicts)
        stated = evidence(block.key, out.values, unknown)
        agree = [v for v in options["total"]
                 if all(abs(to_wanyuan(v[table_spec.columns.index(c)] or Decimal(0), block.unit) - x) <= HALF_CENT * 4
                        for c, x in stated.items() if c in table_spec.columns)]
        options["total"] = agree or options["total"]
    decided = solve(options, parent, loose)
    decided = as_printed(decided, misprinted, len(table_spec.columns))
    table: dict = {"rows": []}
    for label, record in kept.items():
        entry = {"code": label if label != "total" else "合计", "name": record.name or "合计"}
        if _GARBLED.search(record.name):  # "科学技10,199.5910,术支出": amounts overflowed into the name
            out.unclear(record.row, f"科目名称夹杂金额，名称未读 / name garbled by amounts: {record.name}", block.key)
            entry["name"] = ""
        result = decided[label] if label not in conflict else _decide(conflict[label], len(table_spec.columns),
                                                                             False)
        unused = list(record.amounts)  # each printed token gives one cell its line
        for column, value in enumerate(result.vector):
            name = table_spec.columns[column]
            if column in result.unknown:
                continue
            if value is not None:
                text, line = _amount_at(record, value, unused)
                got = out.amount(f"{block.key}.{label}.{name}", line, Cell(text, 0, 0, line.line, line.line + 1),
                                 block.unit)
                if got is not None:
                    entry[name] = got
        if result.unknown:
            out.unclear(record.row, f"{block.key}: {label} 栏目无法确定 / column not certain: {result.reason}",
                        block.key)
            for column in result.unknown:
                out.sources[f"{block.key}.{label}.{table_spec.columns[column]}"] = Source(
                    kind="unread", ref=result.reason, file=out.file, page=record.row.page, line=record.row.line)
        if label == "total":
            table["total"] = entry
        else:
            table["rows"].append(entry)
    return table


def _line_candidates(record: Record, table_spec) -> list:
    """Placements of a row's amounts printed on several lines (parts above their 合计, 合计 on the
    line after its label): in printed order, else — when no placement keeps that order — each line
    keeps its own order and the lines interleave (text without bands: a grid's bands say the order)."""
    lines: list[list] = []
    for text, row, band in record.amounts:
        if lines and lines[-1][0][1] is row:
            lines[-1].append((text, row, band))
        else:
            lines.append([(text, row, band)])
    bands = [w[0] for _, _, w in record.amounts]
    found = candidates([parse_amount(t) for t, _, _ in record.amounts], table_spec,
                       bands if None not in bands else None)
    if found or None not in bands or len(lines) == 1 or len(lines) > 3 or len(record.amounts) > len(table_spec.columns):
        return found  # printed in order (a row wrapped onto the next line) unless no placement is
    for order in _interleavings(lines):
        for vector in candidates([parse_amount(t) for t, _, _ in order], table_spec):
            if vector not in found:
                found.append(vector)
    return found


def _misprinted(record: Record, table_spec, bands, in_order: bool, offsets) -> dict[tuple, list[tuple]]:
    """A row of two amounts or more that no placement makes add up: the document's own sums may be
    broken. Each order-keeping placement (lines interleaved as ``_line_candidates`` does, under the
    complete rows' columns over ``-layout`` positions) is kept with the row as it would add up were
    one printed amount wrong (``placement.misprints``): the family sums then choose among those, and a row
    whose kept ones agree is read as printed (a row printing every column has one placement).
    → {corrected row: [its printed placements]}."""
    width = len(table_spec.columns)
    orders = [record.amounts]
    if not in_order and bands is None and len(record.amounts) <= width:
        lines: list[list] = []
        for amount in record.amounts:
            if lines and lines[-1][0][1] is amount[1]:
                lines[-1].append(amount)
            else:
                lines.append([amount])
        if 1 < len(lines) <= 3:
            orders = _interleavings(lines)
    placements = []
    for order in orders:
        found = arrangements([parse_amount(t) for t, _, _ in order], width, bands)
        placements += found if offsets is None else under_columns(found, [w[1] for _, _, w in order], offsets)
    return misprints(placements, table_spec)


def _garbled(record: Record) -> bool:
    """Digits of an amount among the names of the record's lines ("资源勘 4,037.503,662.03": amounts
    run together, the glued token split at the wrong place): its amounts are not as printed."""
    lines = {id(r): r for r in [record.row, *(r for _, r, _ in record.amounts)]}
    return any(_GARBLED.search("".join(_split(_banded(r))[1])) for r in lines.values())


def _interleavings(lines: list[list]) -> list[list]:
    """Every merge of the lines that keeps each line's own order."""
    if not lines:
        return [[]]
    out = []
    for k, line in enumerate(lines):
        if line:
            rest = lines[:k] + [line[1:]] + lines[k + 1:]
            out += [[line[0], *tail] for tail in _interleavings(rest)]
    return out if out else [[]]


def _amount_at(record: Record, value: Decimal, unused: list) -> tuple[str, Row]:
    """The printed token of a placed value (for its line and text): the first not yet taken."""
    for index, (t, r, _) in enumerate(unused):
        if parse_amount(t) == value:
            del unused[index]
            return t, r
    return next(((t, r) for t, r, _ in record.amounts if parse_amount(t) == value), record.amounts[0][:2])


def _parent(label: str, kept: dict) -> str | None:
    if label == "total":
        return None
    for n in range(len(label) - 2, 2, -2):
        if label[:n] in kept:
            return label[:n]
    return "total" if "total" in kept else None
