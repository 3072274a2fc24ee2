"""公开06 from text without columns: its items as one stream of tokens.

The table prints two (or three) blocks of 经济分类 code | 名称 | 决算数 side by side; a text
dump without positions interleaves them line by line and wraps them differently (a viewer:
both blocks on one line; pdftotext -raw: code, name and amount on lines of their own). Read
in order, the tokens are still code → name → amount for each item: a 类 code (3 digits,
or 5 joined) opens an item, a 2-digit code after it completes the code, text names it, an
amount with decimals is its 决算数, and text after the amount with no new code is the name's
wrapped tail. ``人员经费合计``/``公用经费合计`` take the amount after them.

Each 类 is then proven by its 款 (T06-001, within the rounding of the parts); a 类 that does
not add up keeps no amount of its own or of its 款 (unread, never zero) — unless it is the only
one in a stream the other 类 prove: its sum is then the document's, read as printed (``proven``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .locate import ColumnMap
from .numbers import FOLIO, clean, is_amount, parse_amount
from .pages import Cell, Row

FOOTERS = ("人员经费合计", "公用经费合计")
HALF_CENT = Decimal("0.005")


@dataclass
class Item:
    code: str
    row: Row
    name: str = ""
    amount: tuple[str, Row] | None = None
    parts: list[str] = field(default_factory=list)


def _amount(token: str) -> bool:
    return is_amount(token) and "." in token


_HEADER_WORDS = {"经济分类", "科目名称", "决算数", "科目编码", "类", "款", "项目", "金额", "单位：万元", "单位：元"}


def _not_items(row: Row) -> bool:
    """A page number, the page header, the table header repeated on a continuation page."""
    text = clean(row.text)
    tokens = [clean(t) for t in row.text.split()]
    return bool(FOLIO.fullmatch(text) or "编制单位" in text or text.startswith(("注：", "注:"))
                or (tokens and all(t in _HEADER_WORDS for t in tokens)))


def items(data: list[Row]) -> tuple[list[Item], list[tuple[str, str, Row]]] | None:
    """(items in printed order, footers (label, amount, line)); None when the stream does not
    read as items (a token neither code, name nor amount where one is expected)."""
    found: list[Item] = []
    footers: list[tuple[str, str, Row]] = []
    current: Item | None = None
    label: str | None = None
    for row in data:
        if _not_items(row):
            continue
        for token in row.text.split():
            t = clean(token)
            footer = next((f for f in FOOTERS if f in t), None)
            if footer is not None:
                label, current = footer, None
                continue
            if label is not None:
                if _amount(t):
                    footers.append((label, t, row))
                    label = None
                continue
            if re.fullmatch(r"\d{3}|\d{5}", t):
                current = Item(t, row)
                found.append(current)
            elif re.fullmatch(r"\d{2}", t) and current is not None and len(current.code) == 3 \
                    and not current.name and current.amount is None:
                current.code += t
            elif _amount(t) or t in ("-", "—"):
                if current is None or current.amount is not None or not current.name:
                    return None  # an amount that has no item to go to: not this shape
                current.amount = (t, row)
            elif current is not None and not t.isdigit():
                current.name += t
            else:
                return None
    return found, footers


def proven(found: list[Item]) -> set[str]:
    """The codes whose amount the family proves: a 类 equal to Σ its 款 (a 类 with no 款 printed
    proves itself only when its 款 are blank too: then nothing is printed to check).

    One 类 printing its amount and 款 that do not add up, in a stream whose other 类 with 款 all do,
    is read as printed: every amount went to the item before it, and one taken from (or given to)
    another 类 would break that 类's sum too; the broken sum is the document's (T06-001 names it).
    Two such 类, or a 款 whose 类 was not seen: which amounts moved is not known, none is read."""
    classes = {i.code: i for i in found if len(i.code) == 3}
    ok: set[str] = set()
    broken: list[set[str]] = []
    for code, item in classes.items():
        kids = [i for i in found if len(i.code) == 5 and i.code.startswith(code)]
        total = parse_amount(item.amount[0]) if item.amount else Decimal(0)
        parts = [parse_amount(i.amount[0]) for i in kids if i.amount]
        if None in parts or total is None:
            continue
        family = {code, *(i.code for i in kids)}
        if abs(total - sum(parts, Decimal(0))) <= HALF_CENT * (len(parts) + 1):
            ok |= family
        elif item.amount is not None and parts:
            broken.append(family)
    orphans = any(len(i.code) == 5 and i.code[:3] not in classes for i in found)  # a 类 code lost
    if len(broken) == 1 and not orphans and any(
            any(i.amount for i in found if len(i.code) == 5 and i.code[:3] == c) for c in ok if len(c) == 3):
        ok |= broken[0]
    return ok


# The columns the 公开06 rearrangers (this module, ``basic_groups``, ``collapsed._basic``) put cells
# in: code | 名称 | 决算数 twice, said to ``coded.parse_basic`` instead of a header row of their own.
BLOCKS = ColumnMap((1, 4), ((2, "amount"), (5, "amount")), "逐项读出，排入两栏 items read one by one")


def rows(title: Row, data: list[Row], unclear) -> list[Row] | None:
    """The block's rows as the 公开06 reader takes them (code | 名称 | 决算数 in the left block,
    the footers on a line of their own; columns ``BLOCKS``), or None when the text is not a
    stream of items."""
    parsed = items(data)
    if parsed is None:
        return None
    found, footers = parsed
    if not found:
        return None
    ok = proven(found)
    out = []
    for item in found:
        cells = [Cell(item.code, 0, 1, col=0), Cell(item.name, 1, 2, col=1)]
        line = item.row
        if item.amount is not None and item.code in ok:
            text, line = item.amount
            cells.append(Cell(text, 2, 3, col=2))
        elif item.amount is not None:
            unclear(item.amount[1], f"basic_expenditure: {item.code} 类与款之和不符，金额未读 / class and its "
                                    f"items disagree, amount left unread: {item.amount[0]}")
        out.append(Row(tuple(cells), line.page, line.line, -1))
    for label, text, row in footers:
        out.append(Row((Cell(label, 0, 1, col=0), Cell(text, 1, 2, col=1)), row.page, row.line, -1))
    return out
