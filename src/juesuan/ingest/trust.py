"""Rows read through guessed columns are kept only when they prove themselves.

Without ruling lines or tabs (``pdftotext -layout`` text, plain PDFs, OCR) the columns are
inferred from character offsets, and a drifting line can shift its amounts into the wrong
column. A blank cell reads as zero, so a wrong column is silently wrong twice. A coded row
from such a block is kept only when it had no amount left unplaced and its printed
identity holds (合计 = the parts); otherwise its amounts are set aside and reported: the row
stays (code and name), its cells are unknown (provenance ``unread``), never zero.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Source
from ..model.table_schema import table_schema
from .collect import Collector

# total = sum of the parts, per coded table: the schema's first sum (model/table_schema.yaml)
PARTS = {key: (table_schema(key).sums[0].whole, table_schema(key).sums[0].parts)
         for key in ("income", "expenditure", "general_budget", "government_fund", "state_capital")}
CENT = Decimal("0.01")
NOT_PROVEN = "读入后未经表内关系证实 / read but not proven by the table's identities"


def _set_aside(prefix: str, record: dict, out: Collector, fields=None) -> list[int]:
    """Take a record's amounts out: each becomes unknown (``out.set_aside``), not a zero."""
    lines = []
    for name in [f for f, v in record.items() if isinstance(v, Decimal) and (fields is None or f in fields)]:
        path = f"{prefix}.{name}"
        source = out.sources.pop(path, None)
        out.values.pop(path, None)
        record.pop(name)
        out.set_aside[path] = Source(kind="unread", ref=NOT_PROVEN, file=out.file,
                                     page=source.page if source else None, line=source.line if source else None)
        if source is not None and source.line is not None:
            lines.append(source.line)
    return lines


def _gone(key: str, code: str, record: dict, out: Collector) -> bool:
    """A row whose amounts were all set aside: left out of the sums, as if not printed."""
    prefix = f"{key}.{code}."
    return not any(isinstance(v, Decimal) for v in record.values()) and any(p.startswith(prefix) for p in out.set_aside)


def keep_proven_rows(key: str, parsed: dict, out: Collector, unclear_lines: set[int],
                     total_alone: bool = False) -> None:
    """Drop (and report) the rows of ``parsed`` whose amounts do not prove their columns.

    ``total_alone``: columns placed by reading order, where a line's first amount is its 合计.
    """
    if key not in PARTS or not parsed:
        return
    whole, parts = PARTS[key]
    records = [("total", parsed["total"])] if isinstance(parsed.get("total"), dict) else []
    records += [(r["code"], r) for r in parsed.get("rows", [])]
    for label, record in records:
        paths = [f"{key}.{label}.{f}" for f in (whole, *parts) if f in record]
        lines = {out.sources[p].line for p in paths if p in out.sources}
        amounts = [record.get(f) for f in parts if record.get(f) is not None]
        total = record.get(whole)
        # rounding: each part may be off by half a cent
        proven = bool(paths) and not lines & unclear_lines and (
            total is None and not amounts
            or total_alone and total is not None and not amounts
            or total is not None and abs(total - sum(amounts, Decimal(0))) <= CENT * max(len(amounts), 1))
        if proven:
            continue
        _set_aside(f"{key}.{label}", record, out, fields={whole, *parts})
        line = min(lines, default=None)
        out.problem(f"{key}: 列无法确认，本行未读 / columns not proven, row {label} left out", line=line,
                    field_name=f"{key}.{label}")


def keep_proven_classes(parsed: dict, out: Collector) -> None:
    """公开06 through guessed columns: a 类 is kept unless its 款 add up to more than it.

    A code of the next block read as an amount ("302" under 30101) breaks the sum.
    """
    rows = parsed.get("rows") or []
    for cls in [r for r in rows if len(r["code"]) == 3]:
        children = [r for r in rows if len(r["code"]) == 5 and r["code"].startswith(cls["code"])]
        family = [cls, *children]
        paths = [f"basic_expenditure.{r['code']}.amount" for r in family if "amount" in r]
        lines = {out.sources[p].line for p in paths if p in out.sources}
        parts = sum((r["amount"] for r in children if "amount" in r), Decimal(0))
        # parts short of the 类 are 款 not read (lost, reported where they were); parts beyond it
        # mean an amount was taken from elsewhere. The side-by-side blocks share lines, so a note
        # on the line says nothing about this family.
        if not children or parts - cls.get("amount", Decimal(0)) <= CENT * len(children):
            continue
        for record in family:
            _set_aside(f"basic_expenditure.{record['code']}", record, out, fields={"amount"})
        out.problem(f"basic_expenditure: 列无法确认，{cls['code']} 类未读 / columns not proven, class {cls['code']} "
                    "left out", line=min(lines, default=None), field_name=f"basic_expenditure.{cls['code']}")


def keep_proven_parts(key: str, parsed: dict, out: Collector, tentative: set[tuple[int, str]]) -> None:
    """Parts placed by their offset on a partial line are kept only when the hierarchy proves them.

    Proof runs top-down from rows printed complete (every column): a group of children is
    proven when, column by column, it adds up to its proven parent (合计 = Σ类, 类 = Σ款,
    款 = Σ项). A part in the wrong column breaks two columns' sums. Unproven parts are
    dropped (the row's 合计 stays) and reported.
    """
    if key not in PARTS or not tentative or not parsed.get("rows"):
        return
    whole, parts = PARTS[key]
    records = {r["code"]: r for r in parsed["rows"] if not _gone(key, r["code"], r, out)}
    if isinstance(parsed.get("total"), dict) and not _gone(key, "total", parsed["total"], out):
        records["total"] = parsed["total"]

    def guessed(code: str) -> list[str]:
        paths = [f"{key}.{code}.{f}" for f in parts if f in records[code]]
        return [p for p in paths if p in out.sources and (out.sources[p].line, p.rsplit(".", 1)[1]) in tentative]

    def known(code: str) -> bool:  # the row's parts are read (a lone 合计 leaves them unknown)
        return any(f in records[code] for f in parts)

    proven = {c for c in records if known(c) and not guessed(c)}
    for parent in sorted(records, key=lambda c: (c != "total", len(c))):
        if parent not in proven:
            continue
        children = [c for c in records if _child(c, parent, records)]
        if not children or not all(known(c) for c in children):
            continue
        if all(abs(records[parent].get(f, Decimal(0)) - sum((records[c].get(f, Decimal(0)) for c in children),
                                                             Decimal(0))) <= CENT * len(children)
               for f in (whole, *parts)):
            proven.update(children)
    for code in records:
        paths = guessed(code)
        if code in proven or not paths:
            continue
        line = out.sources[paths[0]].line
        _set_aside(f"{key}.{code}", records[code], out, fields={p.rsplit(".", 1)[1] for p in paths})
        out.problem(f"{key}: 栏目未经合计证实，{code} 仅读合计 / parts not proven by the totals, row {code} keeps its 合计",
                    line=line, field_name=f"{key}.{code}")


def _child(code: str, parent: str, records: dict) -> bool:
    """``code`` is directly under ``parent`` (the 合计 is above the 类); a missing 款 is skipped over."""
    if code == "total" or code == parent or not (parent == "total" or code.startswith(parent)):
        return False
    between = range(3, len(code), 2) if parent == "total" else range(len(parent) + 2, len(code), 2)
    return not any(code[:n] in records for n in between)


def _drop(key: str, label: str, record: dict, out: Collector) -> list[int]:
    return _set_aside(f"{key}.{label}", record, out)


def keep_proven_families(key: str, parsed: dict, out: Collector) -> None:
    """Through guessed columns, a 类/款 and its children must add up in every column.

    The 合计 = parts identity of a row cannot tell 基本支出 from 项目支出 when only one is
    printed, nor catch a whole line shifted by one column; the hierarchy can: a parent whose
    column differs from its children's sum had a line read through other columns. The
    family (parent and children) is dropped and reported.
    """
    rows = parsed.get("rows") or []
    records = {r["code"]: r for r in rows if not _gone(key, r["code"], r, out)}
    if isinstance(parsed.get("total"), dict) and not _gone(key, "total", parsed["total"], out):
        records["total"] = parsed["total"]
    bad: set[str] = set()
    for parent, record in records.items():
        children = [c for c in records if _child(c, parent, records)]
        if not children:
            continue
        fields = {f for c in [parent, *children] for f, v in records[c].items() if isinstance(v, Decimal)}
        if any(abs(record.get(f, Decimal(0)) - sum((records[c].get(f, Decimal(0)) for c in children), Decimal(0)))
               > CENT * len(children) for f in fields):
            # which line drifted is not known: the whole 类 goes (all of the table under the 合计)
            bad.update(c for c in records if parent == "total" or c != "total" and c.startswith(parent[:3]))
    if bad and "total" in records:
        bad.add("total")  # proven only by the 类 under it, and some of them are gone
    for code in sorted(bad):
        lines = _drop(key, code, records[code], out)
        out.problem(f"{key}: 类款项之和不符，本行未读 / parent and children disagree through guessed columns, "
                    f"row {code} left out", line=min(lines, default=None), field_name=f"{key}.{code}")


def keep_proven_three_public(parsed: dict, out: Collector) -> None:
    """Through guessed columns, 合计 = 出国 + 车辆小计 + 接待 and 小计 = 购置 + 运行 must hold."""
    for measure in ("budget", "final"):
        got = parsed.get(measure) or {}
        if not got:
            continue
        v = {k: got.get(k, Decimal(0)) for k in ("total", "overseas", "vehicle_total", "vehicle_purchase",
                                                  "vehicle_operation", "reception")}
        if (abs(v["total"] - v["overseas"] - v["vehicle_total"] - v["reception"]) <= 3 * CENT
                and abs(v["vehicle_total"] - v["vehicle_purchase"] - v["vehicle_operation"]) <= 2 * CENT):
            continue
        lines = _drop("three_public", measure, got, out)
        parsed[measure] = {}
        out.problem(f"three_public: {measure} 合计与分项不符，未读 / total and items disagree through guessed "
                    "columns, left out", line=min(lines, default=None), field_name=f"three_public.{measure}")


SOURCES = ("general_budget", "government_fund", "state_capital")


def keep_proven_fiscal_lines(parsed: dict, out: Collector) -> None:
    """公开04 right side through guessed columns: a line's 合计 must equal its sources.

    Two amounts "66.76 66.76" are 合计 and one source; read one column to the right they
    become two sources without a 合计, which the identity rejects.
    """
    side = parsed.get("expenditure") or {}
    records = [(r["code"], r) for r in side.get("classes", [])]
    records += [(k, v) for k, v in side.items() if isinstance(v, dict) and not k.startswith("_")]
    for label, record in records:
        parts = [record[s] for s in SOURCES if isinstance(record.get(s), Decimal)]
        if not parts or abs(record.get("total", Decimal(0)) - sum(parts, Decimal(0))) <= CENT * len(parts):
            continue
        lines = _drop("fiscal_summary.expenditure", label, record, out)
        for s in ("total", *SOURCES):
            record.pop(s, None)
        out.problem(f"fiscal_summary: {label} 合计与来源不符，本行未读 / total and sources disagree through guessed "
                    "columns, left out", line=min(lines, default=None), field_name=f"fiscal_summary.{label}")
