"""The nine tables: located blocks → model ``Tables`` with provenance."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pydantic import ValidationError

from ..model.tables import TABLE_KEYS, Tables
from .coded import parse_basic, parse_coded
from .collapsed import is_collapsed, to_columns
from .flat import blanks_omitted, is_flat, parse_flat_coded
from .placement import PART_TABLES, holds, spec
from .collect import Collector
from .locate import Block
from .columns import ORDER, column_plan
from .report import TableRoute
from .sequence import ORDERED_CODED, coded_drifting, drifting, place_by_order, place_coded_by_order
from .three_public import parse_three_public
from .trust import PARTS
from .trust import (keep_proven_classes, keep_proven_families, keep_proven_parts, keep_proven_rows,
                    keep_proven_fiscal_lines, keep_proven_three_public)
from .twosided import parse_two_sided
from .virtual import assign_columns, needs_columns

PARSERS = {
    "summary": parse_two_sided, "fiscal_summary": parse_two_sided, "income": parse_coded,
    "expenditure": parse_coded, "general_budget": parse_coded, "government_fund": parse_coded,
    "state_capital": parse_coded, "basic_expenditure": parse_basic, "three_public": parse_three_public,
}


def _merge(blocks: list[Block]) -> dict[str, Block]:
    """One block per key; a later block of the same key continues it (续表 after other text)."""
    merged: dict[str, Block] = {}
    for block in blocks:
        if block.key in merged:
            if not block.rows:
                continue
            if not merged[block.key].rows:
                merged[block.key] = block
                continue
            merged[block.key].rows.extend(block.rows)
            merged[block.key].notes.extend(block.notes)
        else:
            merged[block.key] = block
    return merged


def _trial(block: Block, out: Collector, resolver, by_order: bool) -> int:
    """Cells a dry read keeps after its proofs (guessed columns, or reading order)."""
    scratch, tentative = Collector(out.file), set()
    trial = replace(block, rows=list(block.rows), notes=list(block.notes))
    if by_order and not place_coded_by_order(trial, scratch, ORDER[block.key], tentative):
        return -1
    parsed = PARSERS[block.key](trial, scratch, resolver.for_table(block.key))
    unclear = {p.line for p in scratch.not_understood if "not certain" not in p.message}
    keep_proven_rows(block.key, parsed, scratch, unclear, total_alone=by_order)
    keep_proven_parts(block.key, parsed, scratch, tentative)
    if not by_order:
        keep_proven_families(block.key, parsed, scratch)
    return sum(1 for v in scratch.values.values() if v)


def _columns_hold(block: Block, out: Collector, resolver) -> bool:
    """Guessed columns unless reading order keeps more proven cells (both routes prove every row)."""
    return _trial(block, out, resolver, False) >= _trial(block, out, resolver, True)


FLAT_CODED = ("income", "general_budget", "government_fund", "state_capital", "expenditure")  # parts before 公开03


def _misread(key: str, block: Block, parsed: dict, out: Collector, resolver) -> bool:
    """A grid (tabs, a web page's text) whose header cells span columns maps amounts under the
    wrong headers: rows then break their own identities. Read by the identities instead when
    that places more cells than the rows that hold (a document whose printed rows disagree
    keeps its grid read)."""
    table_spec = spec(key)
    records = [parsed["total"]] if isinstance(parsed.get("total"), dict) else []
    records += parsed.get("rows", [])
    rows_hold = all(holds(tuple(r.get(c) for c in table_spec.columns), table_spec) for r in records)
    if rows_hold and (not blanks_omitted(block) or _families_hold(parsed, table_spec.columns)):
        return False
    if rows_hold:  # blank cells left out of the line: where its amounts sit is a guess the sums refute
        return True
    kept = sum(1 for p, v in out.values.items() if v and p.startswith(key + ".") and _holds_row(p, parsed, table_spec))
    return _placed(_read_flat, key, block, out, resolver, exclude=key) > kept


def _families_hold(parsed: dict, columns: tuple[str, ...]) -> bool:
    """合计行 = Σ类 and 类 = Σ款 = Σ项 in every column, within the rounding of the parts (unknown
    cells are not judged)."""
    rows = [r for r in parsed.get("rows", []) if isinstance(r.get("code"), str) and r["code"].isdigit()]
    total = parsed.get("total") if isinstance(parsed.get("total"), dict) else None

    def sums(parent, children) -> bool:
        for column in columns:
            values = [c.get(column) for c in children]
            if parent.get(column) is None or any(v is None for v in values):
                continue
            slack = Decimal("0.005") * (len(values) + 1)
            if abs(parent[column] - sum(values, Decimal(0))) > slack:
                return False
        return True

    for row in rows:
        children = [c for c in rows if len(c["code"]) == len(row["code"]) + 2 and c["code"].startswith(row["code"])]
        if children and not sums(row, children):
            return False
    top = [r for r in rows if len(r["code"]) == 3]
    return not (total and top) or sums(total, top)


def _holds_row(path: str, parsed: dict, table_spec) -> bool:
    label = path.split(".")[1]
    record = parsed.get("total") if label == "total" else next(
        (r for r in parsed.get("rows", []) if r["code"] == label), None)
    return record is not None and holds(tuple(record.get(c) for c in table_spec.columns), table_spec)


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


def _read(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> dict:
    """A table through its columns: ruled or tab grid, guessed from positions, or by order."""
    guessed = ordered = False
    tentative: set[tuple[int, str]] = set()
    if is_collapsed(block):
        to_columns(block, out)
    elif needs_columns(block):
        assign_columns(block)
        guessed = True
        if key in ("summary", "fiscal_summary") and drifting(block):
            _say(why, "各行金额位置漂移，按阅读顺序放置 / amounts drift between lines: placed by reading order")
            place_by_order(block, out)
        elif key in ORDERED_CODED and (coded_drifting(block) or not _columns_hold(block, out, resolver)):
            ordered = place_coded_by_order(block, out, ORDER[key], tentative)
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
    return parsed


def _placed(read, key: str, block: Block, out: Collector, resolver, exclude: str = "") -> int:
    """Non-zero cells a dry read of ``block`` places (on copies: reads rewrite rows)."""
    keep = {p: v for p, v in out.values.items() if not (exclude and p.startswith(exclude + "."))}
    scratch = Collector(out.file, values=dict(keep), sources={p: s for p, s in out.sources.items() if p in keep})
    read(key, replace(block, rows=list(block.rows), notes=list(block.notes)), scratch, resolver)
    return sum(1 for p, v in scratch.values.items() if v and p.startswith(key + ".") and p not in keep)


def _read_flat(key: str, block: Block, out: Collector, resolver) -> dict:
    positions = not is_flat(block) and needs_columns(block)
    if positions:
        assign_columns(block)  # names wrapped above and below their code line rejoin it
    return parse_flat_coded(block, out, resolver.for_table(key), positions=positions)


def _read_in_order(key: str, block: Block, out: Collector, resolver) -> dict:
    """Cells by their order in the line (codes, name, amounts), positions set aside."""
    to_columns(block, out)
    return PARSERS[key](block, out, resolver.for_table(key))


def _by_order(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> bool:
    """A table printed with layout whose guessed columns keep fewer cells than reading each line
    in order does (公开06 blocks side by side, 公开01/04 with wide cells)."""
    if key in FLAT_CODED or is_collapsed(block) or not needs_columns(block):
        return False
    in_order, by_columns = _placed(_read_in_order, key, block, out, resolver), _placed(_read, key, block, out, resolver)
    _say(why, f"试读：按行内顺序放置 {in_order} 格，按猜测栏目 {by_columns} 格 / dry reads: reading order places "
              f"{in_order} cells, guessed columns {by_columns}")
    return in_order > by_columns


def _read_groups(key: str, block: Block, out: Collector, resolver) -> dict:
    """公开06 printed as tall rows over several lines, read as groups by its identities
    (``basic_groups``)."""
    from . import basic_groups

    grouped = basic_groups.rows(block.title, block.rows, lambda row, message: out.unclear(row, message, key),
                                resolver.for_table(key))
    if grouped is not None:
        block.rows[:] = grouped
    return PARSERS[key](block, out, resolver.for_table(key))


def _by_groups(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> bool:
    """公开06 whose tall rows print codes, names and amounts on lines of their own (pdfplumber,
    ``-layout``): read as groups when that places more cells than the other routes."""
    from . import basic_groups

    if key != "basic_expenditure" or basic_groups.rows(block.title, block.rows, lambda *_: None) is None:
        return False
    grouped = _placed(_read_groups, key, block, out, resolver)
    other = _placed(_read, key, block, out, resolver)
    if not is_collapsed(block) and needs_columns(block):
        other = max(other, _placed(_read_in_order, key, block, out, resolver))
    _say(why, f"试读：按行组放置 {grouped} 格，其他读法 {other} 格 / dry reads: row groups place {grouped} "
              f"cells, the other routes {other}")
    return grouped > other


def _by_identities(key: str, block: Block, out: Collector, resolver, why: list | None = None) -> bool:
    """Coded tables are placed by their identities when there are no columns to read (one cell
    per line), when a grid breaks its rows' identities (header cells spanning columns), or when
    guessed columns keep fewer cells than the identities place (both routes place only what
    they prove)."""
    if key not in FLAT_CODED:
        return False
    if is_flat(block):
        _say(why, "多数行的词都在一个单元格里，无栏可读 / most lines are one cell of words: no columns to read")
        return True
    if needs_columns(block) and not is_collapsed(block):
        flat, by_columns = _placed(_read_flat, key, block, out, resolver), _placed(_read, key, block, out, resolver)
        _say(why, f"试读：按恒等式放置 {flat} 格，按猜测栏目 {by_columns} 格 / dry reads: the identities place "
                  f"{flat} cells, guessed columns {by_columns}")
        return flat > by_columns
    return False


def _say(why: list | None, text: str) -> None:
    if why is not None:
        why.append(text)


def _layout(key: str, block: Block) -> str:
    """Where a table's columns come from, before its reader rearranges the rows (``--explain``)."""
    if key in FLAT_CODED and is_flat(block):
        return "无栏：一行的词在一个单元格里 / none: each line one cell of words"
    if is_collapsed(block):
        return "空格分隔的单元格 / space-joined cells"
    if needs_columns(block):
        return "按 x 位置猜测 / guessed from x positions"
    return "表格线或表格栏 / ruled, spreadsheet or tab grid"


def _read_again(merged: dict[str, Block], data: dict, out: Collector, resolver, units: set[str]) -> None:
    """公开03 and its 财政拨款 parts bound each other's columns both ways (placement.PART_TABLES):
    a table placed by its identities without columns, with columns left open, is read again
    once the others are read, and the new read kept when it places more."""
    for key in (*PART_TABLES["expenditure"][0], "expenditure"):
        block = merged.get(key)
        if block is None or not is_flat(block) or not any(
                p.startswith(key + ".") and s.kind == "unread" for p, s in out.sources.items()):
            continue
        keep = {p: v for p, v in out.values.items() if not p.startswith(key + ".")}
        scratch = Collector(out.file, values=dict(keep), sources={p: s for p, s in out.sources.items() if p in keep})
        parsed = _read_flat(key, replace(block, rows=list(block.rows), notes=list(block.notes)), scratch, resolver)
        if sum(1 for p, v in scratch.values.items() if v and p.startswith(key + ".")) <= \
                sum(1 for p, v in out.values.items() if v and p.startswith(key + ".")):
            continue
        own = [p for p in out.not_understood if (p.field or "").split(".")[0] == key]
        for mapping in (out.values, out.sources, out.set_aside):
            for path in [p for p in mapping if p.startswith(key + ".")]:
                del mapping[path]
        out.not_understood[:] = [p for p in out.not_understood if all(p is not o for o in own)]
        out.unclear_lines -= {(p.page, p.line) for p in own} - {(p.page, p.line) for p in out.not_understood}
        out.values.update({p: v for p, v in scratch.values.items() if p.startswith(key + ".")})
        out.sources.update({p: s for p, s in scratch.sources.items() if p.startswith(key + ".")})
        out.set_aside.update(scratch.set_aside)
        out.not_understood += scratch.not_understood
        out.unclear_lines |= scratch.unclear_lines
        data[key] = _finish(block, parsed, out, units)


def build_tables(blocks: list[Block], out: Collector, resolver,
                 routes: dict[str, TableRoute] | None = None) -> tuple[Tables, list[str], set[str]]:
    """(tables, keys found, source units). ``routes`` (``--explain``) receives each table's
    route, the dry-read counts that chose it and its column plan."""
    data: dict = {}
    found: list[str] = []
    units: set[str] = set()
    merged = _merge(blocks)
    # coded tables last: what the other tables read helps place their 合计 rows, and the 财政拨款
    # tables before 公开03 (their rows bound its columns: placement.PART_TABLES)
    order = [k for k in merged if k not in FLAT_CODED] + [k for k in FLAT_CODED if k in merged]
    for key in order:
        block = merged[key]
        why = [] if routes is not None else None
        layout = _layout(key, block) if routes is not None else ""
        if _by_groups(key, block, out, resolver, why):
            route = "groups"
            parsed = _read_groups(key, block, out, resolver)
        elif _by_identities(key, block, out, resolver, why):
            route = "identities"
            parsed = _read_flat(key, block, out, resolver)
        elif _by_order(key, block, out, resolver, why):
            route = "reading-order"
            parsed = _read_in_order(key, block, out, resolver)
        else:
            route = "columns"
            rows, problems, unclear = list(block.rows), len(out.not_understood), set(out.unclear_lines)
            parsed = _read(key, block, out, resolver, why)
            if key in FLAT_CODED and _misread(key, replace(block, rows=rows), parsed, out, resolver):
                route = "columns→identities"
                _say(why, "按栏目读出的行不满足恒等式，改按恒等式放置 / rows read through the columns break their "
                          "identities: placed by the identities instead")
                for path in [p for p in out.values if p.startswith(key + ".")]:  # the grid read undone
                    del out.values[path]
                    out.sources.pop(path, None)
                out.unclear_lines = unclear
                del out.not_understood[problems:]
                block.rows[:] = rows
                parsed = _read_flat(key, block, out, resolver)
        if routes is not None:
            plan = column_plan(key, block) if route == "columns" else ()  # the others place without one
            routes[key] = TableRoute(route, tuple(why or ()), layout, plan)
        data[key] = _finish(block, parsed, out, units)
        if block.rows or block.empty_note:
            found.append(key)
    _read_again(merged, data, out, resolver, units)
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
