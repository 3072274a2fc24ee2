"""Disclosure → tidy rows: one row per cell, claim, indicator, fact and finding.

Unknown is never zero: a cell the reader could not place (provenance ``unread``) and every
cell of a table the document does not have is exported with an empty amount and its status,
so that a sum over the open data never counts a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from ..model import Disclosure, iter_table_cells
from ..model.items import COLUMN_LABELS, TABLE_LABELS
from ..model.tables import TABLE_KEYS
from .schema import RESOURCES

TABLE_CODES = {key: code for key, code, _ in TABLE_KEYS}
LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass
class Corpus:
    """Rows of every resource, accumulated over the files of one export."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in RESOURCES})

    def add(self, disclosure: Disclosure, report: Any = None, source: str | None = None) -> None:
        for name, rows in tidy(disclosure, report, source).items():
            self.rows[name].extend(rows)


def tidy(disclosure: Disclosure, report: Any = None, source: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """All resources of one disclosure; ``report`` (a check report) adds the findings."""
    base = _base(disclosure, source)
    return {
        "cells": [{**base, **row} for row in _cells(disclosure)],
        "claims": [{**base, **row} for row in _claims(disclosure)],
        "indicators": [{**base, **row} for row in _indicators(disclosure)],
        "facts": [{**base, **row} for row in _facts(disclosure)],
        "findings": [{**base, **row} for row in _findings(report)] if report is not None else [],
    }


def _base(disclosure: Disclosure, source: str | None) -> dict[str, Any]:
    meta = disclosure.meta
    return {"department": meta.department, "year": meta.year, "region": meta.region or "",
            "profile": meta.profile, "document": source or ""}


def row_names(disclosure: Disclosure) -> dict[str, dict[str, str]]:
    """Table key → code → printed name, for every coded row and class line."""
    out: dict[str, dict[str, str]] = {}
    tables = disclosure.tables
    for key, _, _ in TABLE_KEYS:
        table = getattr(tables, key)
        names: dict[str, str] = {}
        for holder in (table, getattr(table, "expenditure", None)):
            for attr in ("rows", "classes"):
                for row in getattr(holder, attr, ()) or ():
                    names[row.code] = row.name
        out[key] = names
    return out


def split_path(path: str, names: dict[str, dict[str, str]]) -> tuple[str, str, str, str, str]:
    """Item path → (table key, code, name, level, column)."""
    parts = path.split(".")
    key = parts[0]
    if key == "three_public":  # three_public.<budget|final>.<item>
        return key, "", COLUMN_LABELS.get(parts[2], parts[2]), "", parts[1]
    if key in ("summary", "fiscal_summary"):
        side, rest = parts[1], parts[2:]
        column = rest[1] if len(rest) > 1 else "amount"
        if rest[0].isdigit():
            return key, rest[0], names[key].get(rest[0], ""), "类", column
        return key, "", ("收入" if side == "income" else "支出") + COLUMN_LABELS.get(rest[0], rest[0]), "", column
    if len(parts) == 2:  # basic_expenditure.personnel_total
        return key, "", COLUMN_LABELS.get(parts[1], parts[1]), "合计", "amount"
    code, column = parts[1], parts[2]
    if code == "total":
        return key, "", "合计", "合计", column
    return key, code, names[key].get(code, ""), LEVELS.get(len(code), ""), column


def _cells(disclosure: Disclosure) -> Iterator[dict[str, Any]]:
    names = row_names(disclosure)
    provenance = disclosure.provenance
    for path, value in iter_table_cells(disclosure):
        key, code, name, level, column = split_path(path, names)
        table = getattr(disclosure.tables, key)
        source = provenance.get(path)
        status = "missing" if table.missing else (source.kind if source else "entered")
        known = status not in ("missing", "unread")
        yield {"table_code": TABLE_CODES[key], "table_key": key, "table_title": TABLE_LABELS[key].split(" ", 1)[1],
               "item": path, "code": code, "name": name, "level": level, "column_key": column,
               "column_label": COLUMN_LABELS.get(column, column), "amount": value if known else None,
               "status": status, "source_file": (source.file or "") if source else "",
               "source_page": source.page if source else None}


def _claims(disclosure: Disclosure) -> Iterator[dict[str, Any]]:
    for claim in disclosure.claims:
        yield {"item": claim.item, "measure": str(claim.measure), "value": claim.value, "unit": claim.unit,
               "text": claim.text or "", "base": claim.base or "", "direction": claim.direction or "",
               "reason": claim.reason or "", "section": claim.section or "", "sentence": claim.sentence or "",
               "source_file": claim.file or "", "source_page": claim.page}


def _indicators(disclosure: Disclosure) -> Iterator[dict[str, Any]]:
    for project in disclosure.performance.projects:
        for number, indicator in enumerate(project.indicators, start=1):
            if indicator.is_placeholder:
                continue
            yield {"project": project.name, "project_score": project.total_score, "grade": project.grade or "",
                   "number": number, "level1": indicator.level1 or "", "level2": indicator.level2 or "",
                   "indicator": indicator.name or "", "target": indicator.target or "",
                   "actual": indicator.actual or "", "weight": indicator.weight, "score": indicator.score,
                   "deviation_reason": indicator.deviation_reason or ""}


FACT_GROUPS = ("operating_costs", "procurement", "assets", "three_public_details")


def _facts(disclosure: Disclosure) -> Iterator[dict[str, Any]]:
    """Figures of the 说明 outside the nine tables (机关运行经费, 政府采购, 国有资产, 三公 counts),
    and the 上年数/预算数 the comparisons carry."""
    for group in FACT_GROUPS:
        for name, value in getattr(disclosure, group):
            if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
                continue
            unit = "万元" if isinstance(value, Decimal) else "个"
            yield {"item": f"{group}.{name}", "kind": "amount" if unit == "万元" else "count",
                   "value": Decimal(value), "unit": unit}
    for item, comparison in disclosure.comparisons.items():
        for kind in ("prior_year", "initial_budget", "full_year_budget"):
            value = getattr(comparison, kind)
            if value is not None:
                yield {"item": item, "kind": kind, "value": value, "unit": "万元"}


def _findings(report: Any) -> Iterator[dict[str, Any]]:
    from ..checks.registry import REGISTRY

    for finding in report.findings:
        data = finding.as_dict()
        rule = REGISTRY.get(finding.rule_id) if finding.rule_id in REGISTRY else None
        location = finding.location
        yield {"rule_id": finding.rule_id, "family": rule.family if rule else "", "severity": finding.severity,
               "table_key": location.table or "", "item": location.item or "", "section": location.section or "",
               "location": data["location"]["text"], "message": finding.message,
               "expected": _text(finding.expected), "actual": _text(finding.actual),
               "difference": finding.difference, "source_page": location.page}


def _text(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)
