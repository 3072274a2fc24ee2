"""The table reader's routes, registered like the rules: an explicit ordered list of built-ins.

A route reads one located table block into the parser's dict. ``tables.build_tables`` walks
``ROUTES`` in order and takes the first route whose ``chosen`` says yes (``columns`` says yes
always: the fallback). A route whose rows then break what they must hold names the route read
``instead`` (``columns`` → ``columns→identities``). ``chosen`` only dry-reads, into scratch collectors; ``read``
returns the rows as it arranged them (``Read.block``, new lists: no stage rearranges a block's rows
in place), so the located block is never rewritten.

The routes table in docs/ingest.md is generated from this list: ``python -m juesuan.ingest.routes``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from .coded import parse_basic, parse_coded
from .collapsed import columns_of, is_collapsed, to_columns
from .collect import Collector
from .columns import ORDER
from .flat import is_flat, parse_flat_coded
from .locate import Block
from .misread import FLAT_CODED, misread
from .sequence import (ORDERED_CODED, coded_drifting, coded_order_columns, drifting, order_columns, place_by_order,
                       place_coded_by_order)
from .three_public import parse_three_public
from .trust import (PARTS, keep_proven_classes, keep_proven_families, keep_proven_fiscal_lines, keep_proven_parts,
                    keep_proven_rows, keep_proven_three_public)
from .twosided import parse_two_sided
from .virtual import assign_columns, needs_columns

PARSERS = {
    "summary": parse_two_sided, "fiscal_summary": parse_two_sided, "income": parse_coded,
    "expenditure": parse_coded, "general_budget": parse_coded, "government_fund": parse_coded,
    "state_capital": parse_coded, "basic_expenditure": parse_basic, "three_public": parse_three_public,
}


@dataclass(frozen=True)
class Read:
    """What a route read: the parser's dict, and the block with its rows as the route arranged them."""

    parsed: dict
    block: Block


Chooser = Callable[[str, Block, Collector, object, "list | None"], bool]
Reader = Callable[[str, Block, Collector, object, "list | None"], Read]
Recheck = Callable[[str, Block, dict, Collector, object], bool]


@dataclass(frozen=True)
class Route:
    """A registered route: id (kept in ``--explain``), title (中文 English), the tables it applies to."""

    id: str
    title: str
    tables: tuple[str, ...]
    """Table keys it applies to; () = every table."""
    chosen: Chooser | None
    """(key, block, out, resolver, why) → take this route; dry reads only. None: only taken as another
    route's ``instead``."""
    read: Reader
    misread: Recheck | None = None
    """(key, block as located, parsed, out, resolver) after ``read``: its rows break what they must
    hold, so the read is undone and ``instead`` read."""
    instead: str = ""
    doc: str = ""

    def applies(self, key: str) -> bool:
        return not self.tables or key in self.tables


def _say(why: list | None, text: str) -> None:
    if why is not None:
        why.append(text)


def _trial(block: Block, out: Collector, resolver, by_order: bool) -> int:
    """Cells a dry read keeps after its proofs (guessed columns, or reading order): in a fork, which
    sees the tables read before as the real read does (their rows bound this one's) and is dropped."""
    scratch, tentative = out.fork(exclude=block.key), set()
    shown = set(scratch.values)
    trial = replace(block, rows=list(block.rows), notes=list(block.notes))
    if by_order:
        rows = place_coded_by_order(trial, scratch, ORDER[block.key], tentative)
        if rows is None:
            return -1
        trial = replace(trial, rows=rows, columns=coded_order_columns(ORDER[block.key]))
    parsed = PARSERS[block.key](trial, scratch, resolver.for_table(block.key))
    unclear = {p.line for p in scratch.not_understood if "not certain" not in p.message}
    keep_proven_rows(block.key, parsed, scratch, unclear, total_alone=by_order)
    keep_proven_parts(block.key, parsed, scratch, tentative)
    if not by_order:
        keep_proven_families(block.key, parsed, scratch)
    return sum(1 for p, v in scratch.values.items() if v and p.startswith(block.key + ".") and p not in shown)


def _columns_hold(block: Block, out: Collector, resolver) -> bool:
    """Guessed columns unless reading order keeps more proven cells (both routes prove every row)."""
    return _trial(block, out, resolver, False) >= _trial(block, out, resolver, True)


def read_columns(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> Read:
    """A table through its columns: ruled or tab grid, guessed from positions, or by order."""
    guessed = ordered = False
    tentative: set[tuple[int, str]] = set()
    if is_collapsed(block):
        block = replace(block, rows=to_columns(block, out), columns=columns_of(block))
    elif needs_columns(block):
        block = replace(block, rows=assign_columns(block))
        guessed = True
        if key in ("summary", "fiscal_summary") and drifting(block):
            _say(why, "各行金额位置漂移，按阅读顺序放置 / amounts drift between lines: placed by reading order")
            rows = place_by_order(block, out)
            block = block if rows is None else replace(block, rows=rows, columns=order_columns(key))
        elif key in ORDERED_CODED and (coded_drifting(block) or not _columns_hold(block, out, resolver)):
            rows = place_coded_by_order(block, out, ORDER[key], tentative)
            ordered = rows is not None
            block = replace(block, rows=rows, columns=coded_order_columns(ORDER[key])) if ordered else block
            _say(why, "猜测的栏目不如阅读顺序可证实，按顺序放置 / guessed columns prove fewer cells than reading "
                      "order: placed in order" if ordered else "按顺序放置未成，按栏目读 / placing in order failed: by columns")
    before = len(out.not_understood)
    parsed = PARSERS[key](block, out, resolver.for_table(key))
    if guessed:
        # a part left uncertain on purpose does not make the 合计 of its line doubtful
        unclear = {p.line for p in out.not_understood[before:] if "not certain" not in p.message}
        keep_proven_rows(key, parsed, out, unclear, total_alone=ordered)
        keep_proven_parts(key, parsed, out, tentative)
        if not ordered and key in PARTS:
            keep_proven_families(key, parsed, out)
        if key == "three_public":
            keep_proven_three_public(parsed, out)
        if key == "fiscal_summary":
            keep_proven_fiscal_lines(parsed, out)
        if key == "basic_expenditure":
            keep_proven_classes(parsed, out)
    return Read(parsed, block)


def placed(read: Reader, key: str, block: Block, out: Collector, resolver, exclude: str = "") -> int:
    """Non-zero cells a dry read of ``block`` places (on copies, into a scratch collector)."""
    scratch = out.fork(exclude=exclude)  # never committed
    shown = set(scratch.values)
    read(key, replace(block, rows=list(block.rows), notes=list(block.notes)), scratch, resolver)
    return sum(1 for p, v in scratch.values.items() if v and p.startswith(key + ".") and p not in shown)


def read_flat(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> Read:
    """Each row's amounts placed where the table's identities allow exactly one placement (``flat.py``)."""
    positions = not is_flat(block) and needs_columns(block)
    if positions:
        block = replace(block, rows=assign_columns(block))  # names wrapped above and below their code line rejoin it
    return Read(parse_flat_coded(block, out, resolver.for_table(key), positions=positions), block)


def read_in_order(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> Read:
    """Cells by their order in the line (codes, name, amounts), positions set aside."""
    block = replace(block, rows=to_columns(block, out), columns=columns_of(block))
    return Read(PARSERS[key](block, out, resolver.for_table(key)), block)


def read_groups(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> Read:
    """公开06 printed as tall rows over several lines, read as groups by its identities (``basic_groups``)."""
    from . import basic_groups
    from .basic_stream import BLOCKS

    grouped = basic_groups.rows(block.title, block.rows, lambda row, message: out.unclear(row, message, key),
                                resolver.for_table(key))
    block = block if grouped is None else replace(block, rows=grouped, columns=BLOCKS)
    return Read(PARSERS[key](block, out, resolver.for_table(key)), block)


def by_groups(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> bool:
    """公开06 whose tall rows print codes, names and amounts on lines of their own (pdfplumber,
    ``-layout``): read as groups when that places more cells than the other routes."""
    from . import basic_groups

    if basic_groups.rows(block.title, block.rows, lambda *_: None) is None:
        return False
    grouped = placed(read_groups, key, block, out, resolver)
    other = placed(read_columns, key, block, out, resolver)
    if not is_collapsed(block) and needs_columns(block):
        other = max(other, placed(read_in_order, key, block, out, resolver))
    _say(why, f"试读：按行组放置 {grouped} 格，其他读法 {other} 格 / dry reads: row groups place {grouped} "
              f"cells, the other routes {other}")
    return grouped > other


def by_identities(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> bool:
    """Coded tables are placed by their identities when there are no columns to read (one cell
    per line), or when guessed columns keep fewer cells than the identities place (both routes
    place only what they prove)."""
    if is_flat(block):
        _say(why, "多数行的词都在一个单元格里，无栏可读 / most lines are one cell of words: no columns to read")
        return True
    if needs_columns(block) and not is_collapsed(block):
        flat, by_columns = placed(read_flat, key, block, out, resolver), placed(read_columns, key, block, out, resolver)
        _say(why, f"试读：按恒等式放置 {flat} 格，按猜测栏目 {by_columns} 格 / dry reads: the identities place "
                  f"{flat} cells, guessed columns {by_columns}")
        return flat > by_columns
    return False


def by_order(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> bool:
    """A table printed with layout whose guessed columns keep fewer cells than reading each line
    in order does (公开06 blocks side by side, 公开01/04 with wide cells)."""
    if is_collapsed(block) or not needs_columns(block):
        return False
    in_order, by_columns = placed(read_in_order, key, block, out, resolver), placed(read_columns, key, block, out, resolver)
    _say(why, f"试读：按行内顺序放置 {in_order} 格，按猜测栏目 {by_columns} 格 / dry reads: reading order places "
              f"{in_order} cells, guessed columns {by_columns}")
    return in_order > by_columns


def _always(*_) -> bool:
    return True


def _misread(key: str, block: Block, parsed: dict, out: Collector, resolver) -> bool:
    return misread(key, block, parsed, out, resolver, lambda: placed(read_flat, key, block, out, resolver, exclude=key))


ROUTES: tuple[Route, ...] = (
    Route("groups", "按行组与恒等式 by row groups and the identities", ("basic_expenditure",), by_groups, read_groups,
          doc="公开06 whose tall rows print codes, names and amounts on lines of their own (pdfplumber, "
              "`-layout`), when a dry read as row groups places more cells than the other routes"),
    Route("identities", "按表内恒等式 by the table's identities", FLAT_CODED, by_identities, read_flat,
          doc="coded tables with no columns to read (one cell of words per line), or whose guessed columns "
              "keep fewer cells than the identities place in a dry read"),
    Route("reading-order", "按行内顺序 by reading order", tuple(k for k in PARSERS if k not in FLAT_CODED), by_order,
          read_in_order, doc="tables printed with layout whose guessed columns keep fewer cells than reading "
                             "each line in order (公开06 blocks side by side, 公开01/04 with wide cells)"),
    Route("columns", "按栏目 by columns", (), _always, read_columns, misread=_misread, instead="columns→identities",
          doc="the fallback: ruled, spreadsheet or tab grid, space-joined cells, columns guessed from x "
              "positions (drifting lines placed by reading order)"),
    Route("columns→identities", "栏目读出后改按恒等式 columns, then the identities", FLAT_CODED, None, read_flat,
          doc="a coded grid whose rows, read through the columns, break their identities (header cells "
              "spanning columns, blank cells left out of the line): the grid read undone, placed by the identities"),
)
"""The built-in routes, in the order they are tried."""


def route(route_id: str) -> Route:
    return next(r for r in ROUTES if r.id == route_id)


def render() -> str:
    """The routes table of docs/ingest.md."""
    lines = ["| order | id | title | tables | taken when |", "|---|---|---|---|---|"]
    for i, r in enumerate(ROUTES, 1):
        after = [o.id for o in ROUTES if o.instead == r.id]
        taken = r.doc if r.chosen is not None else f"(after `{'`, `'.join(after)}`, when its check refutes its read) {r.doc}"
        lines.append(f"| {i} | `{r.id}` | {r.title} | {', '.join(r.tables) or 'all'} | {taken} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
