"""Item paths: one address for every amount in a ``Disclosure``.

Paths are dotted: ``<table>.<row>.<column>`` for the coded tables
(``expenditure.2060404.basic``, ``general_budget.total.total``), the line name for
the two-sided tables (``summary.income.grand_total``, ``summary.expenditure.201``,
``fiscal_summary.expenditure.201.general_budget``), and the field path elsewhere
(``three_public.final.reception``, ``operating_costs.amount``). The same strings key
``Disclosure.comparisons`` and ``Disclosure.provenance``, name the cells of YAML
identities and locate findings, so that every stage speaks of a figure the same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from pydantic import BaseModel

from .disclosure import Disclosure
from .memo import ObjectMemo
from .table_schema import schema
from .tables import TABLE_KEYS, CodedTable

COLUMN_LABELS: dict[str, str] = dict(schema().labels)  # table_schema.yaml `labels`
TABLE_LABELS = {key: f"{code} {title}" for key, code, title in TABLE_KEYS}


def _model_cells(prefix: str, model: BaseModel) -> Iterator[tuple[str, Decimal]]:
    for name, value in model:
        if isinstance(value, Decimal):
            yield f"{prefix}.{name}", value
        elif isinstance(value, BaseModel):
            yield from _model_cells(f"{prefix}.{name}", value)


def _coded_cells(key: str, table: CodedTable) -> Iterator[tuple[str, Decimal]]:
    rows = [table.total] if hasattr(table, "total") and isinstance(table.total, BaseModel) else []
    for row in rows + list(table.rows):  # type: ignore[attr-defined]
        label = "total" if row.code == "合计" else row.code
        for column, value in row.amounts():
            yield f"{key}.{label}.{column}", value
    for extra in ("personnel_total", "public_total"):
        if hasattr(table, extra):
            yield f"{key}.{extra}", getattr(table, extra)


def iter_table_cells(disclosure: Disclosure) -> Iterator[tuple[str, Decimal]]:
    """Every amount cell of the nine tables, in table order, with its item path."""
    tables = disclosure.tables
    summary = tables.summary
    yield from _model_cells("summary.income", summary.income)
    for line in summary.expenditure.classes:
        yield f"summary.expenditure.{line.code}", line.amount
    for name in ("total", "surplus_distribution", "closing_balance", "grand_total"):
        yield f"summary.expenditure.{name}", getattr(summary.expenditure, name)
    yield from _coded_cells("income", tables.income)
    yield from _coded_cells("expenditure", tables.expenditure)
    fiscal = tables.fiscal_summary
    yield from _model_cells("fiscal_summary.income", fiscal.income)
    for line in fiscal.expenditure.classes:
        for column in ("total", "general_budget", "government_fund", "state_capital"):
            yield f"fiscal_summary.expenditure.{line.code}.{column}", getattr(line, column)
    for name in ("total", "closing_balance", "grand_total"):
        yield from _model_cells(f"fiscal_summary.expenditure.{name}", getattr(fiscal.expenditure, name))
    yield from _coded_cells("general_budget", tables.general_budget)
    yield from _coded_cells("basic_expenditure", tables.basic_expenditure)
    yield from _model_cells("three_public", tables.three_public)
    yield from _coded_cells("government_fund", tables.government_fund)
    yield from _coded_cells("state_capital", tables.state_capital)


_ROW_INDEX = ObjectMemo()
"""Per table model: code → first row of ``rows``/``classes`` (models are frozen: built once per table object)."""


def _rows_by_code(node: BaseModel) -> dict[str, Any]:
    memo = _ROW_INDEX.of(node)
    if "index" not in memo:
        index: dict[str, Any] = {}
        for attr in ("rows", "classes"):
            for row in getattr(node, attr, ()) or ():
                code = getattr(row, "code", None)
                if isinstance(code, str):
                    index.setdefault(code, row)  # the first match wins, as a linear scan would
        memo["index"] = index
    return memo["index"]
    for attr in ("rows", "classes"):
        for row in getattr(node, attr, ()) or ():
            code = getattr(row, "code", None)
            if isinstance(code, str):
                index.setdefault(code, row)  # the first match wins, as a linear scan would
    return index


def _step(node: Any, part: str) -> Any:
    if node is None:
        return None
    if isinstance(node, BaseModel):
        if part in type(node).__pydantic_fields__:  # model_fields without its descriptor cost
            return getattr(node, part)
        if part == "total" and hasattr(node, "total"):
            return node.total
        return _rows_by_code(node).get(part)
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, tuple) and part.isdigit():
        # ``three_public_details.receptions.0.amount_yuan``: items of a printed list.
        index = int(part)
        return node[index] if index < len(node) else None
    return None


def lookup(disclosure: Disclosure, path: str) -> Decimal | None:
    """The value at an item path, or None when the item does not exist.

    A path naming a row of the two-sided tables without a column
    (``summary.expenditure.201``) resolves to the row's ``amount``.
    """
    parts = path.split(".")
    node: Any = disclosure.tables if parts[0] in TABLE_LABELS else disclosure
    for part in parts:
        node = _step(node, part)
    if isinstance(node, BaseModel) and "amount" in type(node).__pydantic_fields__:
        node = node.amount
    if isinstance(node, int) and not isinstance(node, bool):
        return Decimal(node)  # counts (人次, 辆, 个) are claimed like amounts
    return node if isinstance(node, Decimal) else None


def describe(path: str) -> str:
    """A Chinese location for a path: ``公开03表 支出决算表 2060404 基本支出``."""
    parts = path.split(".")
    head = TABLE_LABELS.get(parts[0], parts[0])
    rest = []
    for part in parts[1:]:
        if part in ("income", "expenditure") and parts[0] in ("summary", "fiscal_summary"):
            rest.append("收入" if part == "income" else "支出")
        else:
            rest.append(COLUMN_LABELS.get(part, part))
    return " ".join([head, *rest])


def replace_value(disclosure: Disclosure, path: str, value: Decimal) -> Disclosure:
    """A copy of ``disclosure`` with the amount at ``path`` replaced (mutation tests, editors)."""
    data = disclosure.model_dump()
    root_is_table = path.split(".", 1)[0] in TABLE_LABELS
    node: Any = data["tables"] if root_is_table else data
    parts = path.split(".")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(node, dict) and part in node and not (last and isinstance(node[part], dict)):
            if last:
                node[part] = value
                return Disclosure.model_validate(data)
            node = node[part]
            continue
        if isinstance(node, dict) and part in node and last:
            node[part]["amount"] = value
            return Disclosure.model_validate(data)
        found = None
        for attr in ("rows", "classes"):
            for row in node.get(attr, ()) if isinstance(node, dict) else ():
                if row.get("code") == part:
                    found = row
        if found is None:
            raise KeyError(path)
        if last:
            found["amount"] = value
            return Disclosure.model_validate(data)
        node = found
    raise KeyError(path)
