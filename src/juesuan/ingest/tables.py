"""The nine tables: located blocks → model ``Tables`` with provenance, each through its route
(``routes.ROUTES``)."""

from __future__ import annotations

from dataclasses import replace

from pydantic import ValidationError

from ..model.tables import TABLE_KEYS, Tables
from .collapsed import is_collapsed
from .collect import Collector
from .columns import column_plan
from .flat import is_flat
from .locate import Block
from .misread import FLAT_CODED
from .placement import PART_TABLES
from .report import TableRoute
from .routes import ROUTES, Read, Route, read_flat, route as route_of
from .virtual import needs_columns


def _merge(blocks: list[Block]) -> dict[str, Block]:
    """One block per key; a later block of the same key continues it (续表 after other text).
    New blocks: the located ones are left as they are."""
    merged: dict[str, Block] = {}
    for block in blocks:
        if block.key in merged:
            if not block.rows:
                continue
            if not merged[block.key].rows:
                merged[block.key] = block
                continue
            first = merged[block.key]
            merged[block.key] = replace(first, rows=first.rows + block.rows, notes=first.notes + block.notes)
        else:
            merged[block.key] = block
    return merged


def _finish(block: Block, parsed: dict, out: Collector, units: set[str]) -> dict:
    """Unit, empty note and notes of a parsed table."""
    key = block.key
    if block.unit_printed:
        units.add(block.unit)
    # Empty: no amount read, or only printed zeros (some software prints 0.00 under the note).
    empty = not any(v for path, v in out.values.items() if path.startswith(key + "."))
    if block.empty_note and empty:
        parsed = {**parsed, "empty": True, "empty_note": block.empty_note.replace(" ", "")}
    notes = [n for n in block.notes if n != block.empty_note]
    if notes:
        parsed["note"] = "\n".join(notes)
    if isinstance(parsed.get("expenditure"), dict):
        for scratch in ("_unresolved", "_pending"):
            parsed["expenditure"].pop(scratch, None)
    return parsed


def _layout(key: str, block: Block) -> str:
    """Where a table's columns come from, before its reader rearranges the rows (``--explain``)."""
    if key in FLAT_CODED and is_flat(block):
        return "无栏：一行的词在一个单元格里 / none: each line one cell of words"
    if is_collapsed(block):
        return "空格分隔的单元格 / space-joined cells"
    if needs_columns(block):
        return "按 x 位置猜测 / guessed from x positions"
    return "表格线或表格栏 / ruled, spreadsheet or tab grid"


def _read_again(read: dict[str, Block], data: dict, out: Collector, resolver, units: set[str]) -> None:
    """公开03 and its 财政拨款 parts bound each other's columns both ways (placement.PART_TABLES):
    a table placed by its identities (without columns, or over ``-layout`` positions that prove
    none), with columns left open, is read again once the others are read, and the new read kept
    when it places more (``read``: the block of each key its identities placed, as located)."""
    for key in (*PART_TABLES["expenditure"][0], "expenditure"):
        block = read.get(key)
        if block is None or not any(
                p.startswith(key + ".") and s.kind == "unread" for p, s in out.sources.items()):
            continue
        scratch = out.fork(exclude=key)
        parsed = read_flat(key, replace(block, rows=list(block.rows), notes=list(block.notes)), scratch, resolver).parsed
        if sum(1 for p, v in scratch.values.items() if v and p.startswith(key + ".")) <= \
                sum(1 for p, v in out.values.items() if v and p.startswith(key + ".")):
            continue
        out.commit(scratch, key)  # replaces what the first read of the table added
        data[key] = _finish(block, parsed, out, units)


def _through(key: str, block: Block, out: Collector, resolver, why: list | None) -> tuple[Route, Read]:
    """The first route of ``ROUTES`` chosen for ``block``, and its read, committed to ``out``; a read
    its route's check refutes is dropped (it went into a fork) and read by the route named ``instead``."""
    route = next(r for r in ROUTES if r.chosen is not None and r.applies(key) and r.chosen(key, block, out, resolver, why))
    scratch = out.fork()
    done = route.read(key, block, scratch, resolver, why)
    if route.misread is None or not route_of(route.instead).applies(key) or \
            not route.misread(key, replace(block, notes=done.block.notes), done.parsed, scratch, resolver):
        out.commit(scratch, key)
        return route, done
    route = route_of(route.instead)
    _say(why, "按栏目读出的行不满足恒等式，改按恒等式放置 / rows read through the columns break their "
              "identities: placed by the identities instead")
    scratch = out.fork()  # the grid read is dropped with its fork
    done = route.read(key, replace(block, notes=done.block.notes), scratch, resolver, why)
    out.commit(scratch, key)
    return route, done


def _say(why: list | None, text: str) -> None:
    if why is not None:
        why.append(text)


def build_tables(blocks: list[Block], out: Collector, resolver,
                 routes: dict[str, TableRoute] | None = None) -> tuple[Tables, list[str], set[str]]:
    """(tables, keys found, source units). ``routes`` (``--explain``) receives each table's
    route, the dry-read counts that chose it and its column plan."""
    data: dict = {}
    found: list[str] = []
    units: set[str] = set()
    merged = _merge(blocks)
    read: dict[str, Block] = {}
    # coded tables last: what the other tables read helps place their 合计 rows, and the 财政拨款
    # tables before 公开03 (their rows bound its columns: placement.PART_TABLES)
    order = [k for k in merged if k not in FLAT_CODED] + [k for k in FLAT_CODED if k in merged]
    for key in order:
        why = [] if routes is not None else None
        layout = _layout(key, merged[key]) if routes is not None else ""
        route, done = _through(key, merged[key], out, resolver, why)
        block = done.block
        if route.id == "identities":  # without columns, or positions that prove none (``_read_again``)
            read[key] = merged[key]
        if routes is not None:
            plan = column_plan(key, block) if route.id == "columns" else ()  # the others place without one
            routes[key] = TableRoute(route.id, route.title, tuple(why or ()), layout, plan)
        data[key] = _finish(block, done.parsed, out, units)
        if merged[key].rows or block.rows or block.empty_note:  # located, whatever its route kept
            found.append(key)
    _read_again(read, data, out, resolver, units)
    tables = Tables()
    for key, _, title in TABLE_KEYS:
        if key not in data:
            continue
        try:
            part = type(getattr(tables, key)).model_validate(data[key])
        except ValidationError as exc:
            out.problem(f"{title}: 数据不完整，已跳过 / incomplete table skipped: "
                        f"{exc.errors()[0]['msg']}", field_name=key)
            continue
        tables = tables.model_copy(update={key: part})
    return tables, found, units
