"""Tables copied from a PDF viewer: blank cells dropped, cells joined by one space.

Without positions, columns come from order: codes, then the name, then amounts. A row
is placed only when it is unambiguous (as many amounts as columns, one amount per side
of a 总表, one per 公开06 block); otherwise its amounts are reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from . import wrapped
from .collect import Collector
from .columns import COLUMNS, ORDER
from .locate import Block, ColumnMap
from .numbers import FOLIO, clean, is_amount
from .pages import Cell, Row

CODED = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
         "government_fund": "fund", "state_capital": "fund"}
# the table's number on a line of its own ("公开 07 表", "表 7"): its digits are no amount
_TABLE_NUMBER = re.compile(r"(?:公开\s*\d{1,2}\s*表|表\s*\d{1,2})")
FISCAL_RIGHT = ("合计", "一般公共预算", "政府性基金", "国有资本")


def is_collapsed(block: Block) -> bool:
    rows = [r for r in block.rows if r.grid is None and len(r.cells) == 1]
    with_amounts = [r for r in rows if sum(is_amount(t) for t in r.cells[0].text.split()) >= 1]
    # a 总表 whose amounts came on lines of their own (pdfplumber) prints at most two on a line, and
    # so may 公开07 (two of its twelve): read by order and its identities, each cell left open said so
    least = 2 if block.key in ("summary", "fiscal_summary", "three_public") else 3
    return len(rows) == len(block.rows) and len(with_amounts) >= 1 and any(
        len(r.cells[0].text.split()) >= least for r in with_amounts)


def _cell(text: str, col: int) -> Cell:
    return Cell(text, col, col + 1, col=col)


def _row(template: Row, cells: list[Cell]) -> Row:
    return Row(tuple(cells), template.page, template.line, -1)


def _split_code(tokens: list[str]) -> tuple[str, list[str]]:
    code = []
    while tokens and re.fullmatch(r"\d{2,7}", tokens[0]) and not is_amount_like(tokens[0], code):
        code.append(tokens.pop(0))
    return "".join(code), tokens


def is_amount_like(token: str, code: list[str]) -> bool:
    """A bare integer after a complete code is an amount, not a code part."""
    joined = "".join(code)
    return len(joined) >= 7 or (bool(code) and len(token) > 2)


def _name_and_amounts(tokens: list[str]) -> tuple[str, list[str]]:
    names, amounts = [], []
    for token in tokens:
        if is_amount(token) or clean(token) in ("-", "—"):
            amounts.append(token)
        elif amounts:  # text after amounts: not this shape
            return "", []
        else:
            names.append(token)
    return "".join(names), amounts


def _header_order(kind: str, header: list[Row]) -> tuple[tuple[str, ...], bool]:
    """The amount fields in the order the header words print them (True), else the schema's (False)."""
    order = ORDER[kind]
    if kind == "fund":
        return order, False
    fields = []
    for row in header:
        for token in row.text.split():
            field = next((f for f, keywords in COLUMNS[kind] if any(k in token for k in keywords)), None)
            if field and field not in fields:
                fields.append(field)
    return (tuple(fields), True) if sorted(fields) == sorted(order) else (order, False)


def _split(block: Block) -> tuple[list[Row], list[Row]] | None:
    """(header rows, data rows from the first line with an amount), None when no line has one."""
    first = next((i for i, r in enumerate(block.rows) if any(is_amount(t) for t in r.text.split())
                  and not _TABLE_NUMBER.fullmatch(r.text.strip())), None)
    return None if first is None else (block.rows[:first], block.rows[first:])


def columns_of(block: Block) -> ColumnMap | None:
    """The columns ``to_columns`` puts a coded table's cells in (code 0, 科目名称 1, amounts from 2 in
    the header's order), 公开06's (``basic_stream.BLOCKS``), a 总表's (``sequence.order_columns``) or
    公开07's (``three_public_columns``), for its parser to take instead of header words."""
    from .basic_stream import BLOCKS
    from .sequence import order_columns

    split = _split(block)
    if split is not None and block.key == "basic_expenditure":
        return BLOCKS
    if split is not None and block.key in ("summary", "fiscal_summary"):  # as ``place_by_order`` places them
        return replace(order_columns(block.key), evidence="空格分隔行，按顺序 space-joined rows, in order")
    if split is not None and block.key == "three_public":
        return three_public_columns(split[0])
    if split is None or block.key not in CODED:
        return None
    order, printed = _header_order(CODED[block.key], split[0])
    return ColumnMap((1,), tuple((2 + i, f) for i, f in enumerate(order)),
                     "空格分隔行，表头词序 space-joined rows, the header words' order" if printed else
                     "空格分隔行，表定栏序 space-joined rows, the schema's order")


def to_columns(block: Block, out: Collector) -> list[Row]:
    """The block's rows restated with column bands the ordinary parsers understand (a new list;
    a coded table's body only, its columns said by ``columns_of``)."""
    split = _split(block)
    if split is None:
        return list(block.rows)
    header, data = split
    builder = {"summary": _two_sided, "fiscal_summary": _two_sided, "basic_expenditure": _basic,
               "three_public": _three_public}.get(block.key, _coded)
    return builder(block, header, data, out)


def _coded(block: Block, header: list[Row], data: list[Row], out: Collector) -> list[Row]:
    order, _ = _header_order(CODED[block.key], header)
    rows = []
    for row in data:
        code, rest = _split_code(row.text.split())
        name, amounts = _name_and_amounts(rest)
        if not name and not code:
            continue
        cells = ([_cell(code, 0)] if code else []) + [_cell(name, 1)]
        if len(amounts) == len(order):
            cells += [_cell(a, 2 + i) for i, a in enumerate(amounts)]
        elif amounts:
            out.unclear(row, f"空格分隔的行列数不明 / space-joined row, columns ambiguous: {row.text}", block.key)
        rows.append(_row(row, cells))
    return rows


def _groups(tokens: list[str]) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    label: list[str] = []
    amounts: list[str] = []
    for token in tokens:
        if is_amount(token) or clean(token) in ("-", "—"):
            amounts.append(token)
            continue
        # a new label: after amounts, a numbered one, or a 支出 side's 合计/结余/结转/总计 after a label
        # printed without amounts ("本年收入合计 本年支出合计", "总计 总计": pdfplumber)
        if amounts or (label and (re.match(r"^[一二三四五六七八九十]+、", token) or _right_tail(token))):
            groups.append(("".join(label), amounts))
            label, amounts = [], []
        label.append(token)
    if label or amounts:
        groups.append(("".join(label), amounts))
    return groups


def _right_tail(token: str) -> bool:
    from .twosided import EXPENSE_TAIL

    return any(token.startswith(k) or k in token and k != "总计" for k, _ in EXPENSE_TAIL)


def _two_sided(block: Block, header: list[Row], data: list[Row], out: Collector) -> list[Row]:
    fiscal = block.key == "fiscal_summary"
    right_labels = FISCAL_RIGHT if fiscal else ("决算数",)
    rows: list[Row] = []  # in the columns ``columns_of`` says
    from .twosided import INCOME_LINES

    lines, spans = [], []  # spans: the physical lines of each line and how many of its amounts each printed
    first = _first_income(header)
    if first is not None and data and not _groups(data[0].text.split())[0][0]:
        data = [*header[first:], *data]  # the first income line, its amount on the line after it (and its tail)
    for row, tokens, span in wrapped.lines(data):
        if FOLIO.fullmatch(clean(row.text)):
            continue  # "— 11 —": the page's number, not a row
        groups = _groups(tokens)
        if len(groups) == 1:
            label = groups[0][0]
            income_like = any(k in label for k, _ in INCOME_LINES) and "支出" not in label
            groups = [groups[0], ("", [])] if income_like else [("", []), groups[0]]
        groups = groups[:2]
        side = _waiting(lines[-1][1]) if lines else None
        if side is not None and not any(label for label, _ in groups) and groups[1][1] and not groups[0][1] \
                and len(row.cells) == 1:
            # amounts on a line of their own after an income or 合计/总计 label that printed none
            # (pdftotext -raw); never after a 类 (in -layout a tall cell's amounts may sit above the
            # next label), never a line whose cells kept positions
            merged = list(lines[-1][1])
            merged[side] = (merged[side][0], merged[side][1] + groups[1][1])
            lines[-1] = (lines[-1][0], merged)
            spans[-1].append((row, len(groups[1][1])))
            continue
        lines.append((row, groups))
        spans.append(span)
    lines, spans = _amounts_below(lines, spans, len(right_labels))
    empty = _empty_sources(lines) if fiscal else set()
    decided = _right_side(lines, empty) if fiscal else [None] * len(lines)
    for (row, groups), decision, span in zip(lines, decided, spans):
        cells: list[Cell] = []
        for side, (label, amounts) in enumerate(groups):
            base = 0 if side == 0 else 2
            width = 1 if side == 0 else len(right_labels)
            if label:
                cells.append(_cell(label, base))
            if len(amounts) == width:
                cells += [_cell(a, base + 1 + i) for i, a in enumerate(amounts)]
            elif amounts and side == 1 and fiscal and decision is not None and not decision.unknown:
                columns = [i for i, v in enumerate(decision.vector) if v is not None]
                cells += [_cell(a, 3 + c) for a, c in zip(amounts, columns)]
            elif amounts and side == 1 and fiscal:
                cells += _by_sources(row, amounts, empty, block, out)
            elif amounts:
                out.unclear(row, f"空格分隔的行列数不明 / space-joined row, columns ambiguous: {row.text}", block.key)
        rows += _spread(row, cells, span)
    return rows


def _amounts_below(lines: list, spans: list, width: int) -> tuple[list, list]:
    """A 总表 whose amounts sit a little below their labels (pdfplumber): each amounts-only line
    joins the label line above it — the left side, if still open, takes the first amount, the right
    side the rest (up to its ``width`` columns) — when the 总表 then adds up (Σ收入 = 本年收入合计,
    Σ类 = 本年支出合计, 合计 + 结转 = 总计, both 总计 equal; 公开04 in its 合计 column) and joined to the
    label line below instead it does not; else nothing is joined."""
    after, before = _joined(lines, spans, -1, width), _joined(lines, spans, 1, width)
    if after is None or not _adds_up(after[0], width) or before is not None and _adds_up(before[0], width):
        return lines, spans
    return after


def _joined(lines: list, spans: list, step: int, width: int) -> tuple[list, list] | None:
    """Each amounts-only line joined to its neighbour line (``step`` −1: above, 1: below); None when
    there is none such or one does not fit its neighbour's open sides."""
    alone = [i for i, (_, groups) in enumerate(lines) if not any(label for label, _ in groups)]
    if not alone:
        return None
    joined, joined_spans, taken = [list(g) for _, g in lines], [list(s) for s in spans], set()
    for i in alone:
        k = i + step
        if not 0 <= k < len(lines) or k in alone or k in taken:
            return None
        amounts = [a for _, found in lines[i][1] for a in found]
        groups = joined[k]
        left = bool(groups[0][0]) and not groups[0][1]
        right = bool(groups[1][0]) and len(groups[1][1]) + len(amounts) - left <= width
        if not amounts or not left and not right or not right and len(amounts) != 1 \
                or left and right and len(amounts) < 2:
            return None
        if left:
            groups[0] = (groups[0][0], amounts[:1])
        if right:
            groups[1] = (groups[1][0], groups[1][1] + amounts[left:])
        taken.add(k)
        physical = (lines[i][0], len(amounts))
        if len(joined_spans[k]) == 1:  # the label line's own amounts, printed before the joined ones
            joined_spans[k] = [(lines[k][0], sum(len(found) for _, found in lines[k][1]))]
        joined_spans[k] = joined_spans[k] + [physical] if step < 0 else [physical, *joined_spans[k]]
    keep = [i for i in range(len(lines)) if i not in alone]
    return [(lines[i][0], joined[i]) for i in keep], [joined_spans[i] for i in keep]


def _adds_up(lines: list, width: int) -> bool:
    """A 总表's identities over the labelled amounts (every total printed, within the rounding); of
    公开04's 支出 side its 合计 column (the first amount of a line: 合计 is printed where a source is)."""
    from .numbers import parse_amount
    from .twosided import EXPENSE_TAIL, INCOME_LINES, SOURCES as FISCAL_SOURCES, strip_numbering

    income, expense, classes, opening = {}, {}, [], None
    for _, groups in lines:
        (left, left_amounts), (right, right_amounts) = groups[0], groups[1]
        field = next((f for k, f in INCOME_LINES if k in strip_numbering(left)), None)
        if left_amounts and field is None or len(left_amounts) > 1 or len(right_amounts) > width:
            return False
        if field == "opening_balance" or field in ("total", "grand_total"):
            opening = {} if field == "opening_balance" and width > 1 else None
        elif opening is not None and field in FISCAL_SOURCES:
            field = None  # 公开04: a source under 年初结转, its own sum (T04) not needed here
        if left_amounts and field is not None:
            income[field] = parse_amount(left_amounts[0])
        if right_amounts:
            tail = next((f for k, f in EXPENSE_TAIL if k in right), None)
            if tail:
                expense[tail] = parse_amount(right_amounts[0])
            else:
                classes.append(parse_amount(right_amounts[0]))
    if None in income.values() or None in expense.values() or None in classes or not all(
            f in side for side in (income, expense) for f in ("total", "grand_total")):
        return False
    zero = Decimal(0)
    items = [v for f, v in income.items() if f not in ("total", "grand_total", "use_of_non_fiscal_surplus",
                                                       "opening_balance")]
    sums = ((income["total"], items), (expense["total"], classes),
            (income["grand_total"], [income["total"], income.get("use_of_non_fiscal_surplus", zero),
                                     income.get("opening_balance", zero)]),
            (expense["grand_total"], [expense["total"], expense.get("surplus_distribution", zero),
                                      expense.get("closing_balance", zero)]),
            (income["grand_total"], [expense["grand_total"]]))
    return all(abs(total - sum(parts, zero)) <= Decimal("0.005") * (len(parts) + 1) for total, parts in sums)


def _first_income(header: list[Row]) -> int | None:
    """Where the first income line starts when the header's split took it (its amount on a line
    after it): the last header line, or a numbered income line wrapped over the lines after it."""
    for start in range(len(header) - 1, max(len(header) - 4, -1), -1):
        tails = header[start + 1:]
        if all(wrapped.fragments(row.text.split()) for row in tails) and \
                _numbered_income("".join(row.text for row in header[start:])):
            return start
    return None


def _numbered_income(text: str) -> bool:
    """"一、一般公共预算财政拨款": a numbered income line (not a header word)."""
    from .twosided import INCOME_LINES

    text = clean(text)
    return bool(re.match(r"^[一二三四五六七八九十]+、", text)) and any(k in text for k, _ in INCOME_LINES)


def _waiting(groups) -> int | None:
    """The side of a line whose one label, an income line or a 合计/结转/总计 line, printed no amount
    yet (merged lines keep waiting: 本年支出合计 then 合计 and 一般公共预算 on two lines), else None."""
    from .twosided import EXPENSE_TAIL, INCOME_LINES

    labelled = [side for side, (label, _) in enumerate(groups) if label]
    if len(labelled) != 1 or groups[1 - labelled[0]][1]:
        return None
    label = groups[labelled[0]][0]
    words = INCOME_LINES if labelled[0] == 0 else EXPENSE_TAIL
    return labelled[0] if any(k in label for k, _ in words) else None


def _spread(row: Row, cells: list[Cell], span: list) -> list[Row]:
    """A line whose amounts came on lines of their own after its label: each amount on its own
    line (where it was printed, for coverage), the label repeated — the two-sided reader adds a
    total line's cells up (合计, sources) and takes an income line's one amount. A 类 keeps its
    amounts on one row (a class read twice would be two classes), at its last amounts line. Each
    side on its own: a label line may print the income's amount, the line below the 类's."""
    if len(span) == 1:
        return [_row(row, cells)]
    from .twosided import EXPENSE_TAIL, INCOME_LINES

    labels = [c for c in cells if c.text and not is_amount(c.text)]
    amounts = [c for c in cells if c not in labels]
    printed = [physical for physical, count in span for _ in range(count or 0)]  # each amount's line
    if len(printed) != len(amounts):
        printed = [span[-1][0]] * len(amounts)
    placed: dict[int, list[Cell]] = {id(physical): [] for physical, _ in span}
    for side in (0, 1):
        label = [c for c in labels if (c.col >= 2) == bool(side)]
        mine = [(a, p) for a, p in zip(amounts, printed) if (a.col >= 2) == bool(side)]
        if not mine:  # a label without amounts (a 类 printed blank) stays where it was printed
            placed[id(span[0][0])] += label
            continue
        text = "".join(c.text for c in label)
        if not any(k in text for k, _ in EXPENSE_TAIL + INCOME_LINES):
            mine = [(a, mine[-1][1]) for a, _ in mine]
        for physical in dict.fromkeys(id(p) for _, p in mine):
            placed[physical] += label + [a for a, p in mine if id(p) == physical]
    return [_row(physical, placed[id(physical)]) for physical, _ in span if placed[id(physical)]]


SOURCES = (("一般公共预算", "general_budget"), ("政府性基金", "government_fund"), ("国有资本", "state_capital"))


def _empty_sources(lines) -> set[str]:
    """Sources the income side prints no amount for (neither 本年收入 nor 年初结转): with amounts
    never negative, T04-009 (年初 + 收入 − 支出 = 年末) leaves them no expenditure either."""
    printed = {field for _, groups in lines for label, amounts in groups[:1] if amounts
               for word, field in SOURCES if word in label}
    return {field for _, field in SOURCES} - printed


def _right_side(lines, empty: set[str]) -> list:
    """The 支出 side's placements, searched together (``fiscal_lines``: the column totals)."""
    from .fiscal_lines import place_lines
    from .numbers import parse_amount

    return place_lines([(label, [parse_amount(a) for a in amounts])
                        for _, groups in lines for label, amounts in groups[1:2]], empty)


def _by_sources(row: Row, amounts: list[str], empty: set[str], block: Block, out: Collector) -> list[Cell]:
    """A 公开04 支出 line printing fewer than its four amounts: the placements that satisfy 合计 =
    Σ来源 (T04-004) and leave the empty sources blank; what they disagree on is reported."""
    from .numbers import parse_amount
    from .placement import candidates, spec

    line_spec = spec("fiscal_summary.expenditure.classes")
    values = [parse_amount(a) for a in amounts]
    options = [v for v in candidates(values, line_spec) if None not in values
               and all(not v[line_spec.columns.index(f)] for f in empty)]
    columns = [[i for i, x in enumerate(v) if x is not None] for v in options]
    if len(options) == 1 and len(columns[0]) == len(amounts):
        return [_cell(a, 3 + c) for a, c in zip(amounts, columns[0])]
    if options and all(v[0] == options[0][0] for v in options) and options[0][0] == values[0]:
        cells = [_cell(amounts[0], 3)]  # the 合计 is certain, the sources are not
        amounts = amounts[1:]
    else:
        cells = []
    for a in amounts:
        out.unclear(row, f"{block.key}: 来源列无法确定 / column not certain: {a}", block.key)
    return cells


def _basic(block: Block, header: list[Row], data: list[Row], out: Collector) -> list[Row]:
    from . import basic_stream

    streamed = basic_stream.rows(block.title, header + data, lambda row, message: out.unclear(row, message, block.key))
    if streamed is not None:  # items in reading order, each 类 proven by its 款
        return streamed
    rows = []  # in the columns basic_stream.BLOCKS says
    sides: dict[str, int] = {}
    for row in data:
        tokens = row.text.split()
        groups, current = [], []
        for token in tokens:
            if (re.fullmatch(r"\d{3}", token) or "合计" in token) and current:
                groups.append(current)
                current = []
            current.append(token)
        if current:
            groups.append(current)
        cells: list[Cell] = []
        for index, group in enumerate(groups[:2]):
            code, rest = _split_code(list(group))
            name, amounts = _name_and_amounts(rest)
            key = code[:3] or name
            if len(groups) == 2:
                sides[key] = index
            side = sides.get(key, index if len(groups) == 2 else (1 if "公用" in name else 0))
            base = side * 3
            cells += ([_cell(code, base)] if code else []) + [_cell(name, base + 1)]
            if len(amounts) == 1:
                cells.append(_cell(amounts[0], base + 2))
        rows.append(_row(row, cells))
    return rows


def three_public_columns(header: list[Row]) -> ColumnMap | None:
    """公开07's twelve columns from the 预算数/决算数 words of its header: one per column (counted per
    measure, items in printed order), or two (预算数 over its six items, then 决算数); None otherwise."""
    from .three_public import ITEMS

    labels = ["budget" if t == "预算数" else "final" for r in header for t in r.text.split() if t in ("预算数", "决算数")]
    if len(labels) == 2 and labels[0] != labels[1]:  # grouped: 预算数 over its six items, then 决算数
        labels = [labels[0]] * 6 + [labels[1]] * 6
    if len(labels) != 12 or labels.count("budget") != 6:
        return None
    counters = {"budget": 0, "final": 0}
    fields = []
    for i, measure in enumerate(labels):
        fields.append((i, f"{measure}.{ITEMS[counters[measure]]}"))
        counters[measure] += 1
    return ColumnMap((), tuple(fields), "空格分隔行，表头预算数/决算数词序 space-joined rows, the header's "
                                        "预算数/决算数 words in order")


def _three_public(block: Block, header: list[Row], data: list[Row], out: Collector) -> list[Row]:
    columns = three_public_columns(header)
    rows = []
    for row in data:
        amounts = [t for t in row.text.split() if is_amount(t)]
        if columns is not None and len(amounts) == 12:
            rows.append(_row(row, [_cell(a, i) for i, a in enumerate(amounts)]))
        elif columns is not None and amounts:
            # blank cells left out: no column of its own, the identities place them (three_public.py)
            rows.append(_row(row, [Cell(a, 20 + i, 21 + i, col=None) for i, a in enumerate(amounts)]))
        elif amounts:
            out.unclear(row, f"空格分隔的行列数不明 / space-joined row, columns ambiguous: {row.text}", block.key)
    return rows
