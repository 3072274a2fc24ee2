"""A coded grid read through its columns whose rows break their identities (route ``columns``'s check)."""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from .collect import Collector
from .flat import blanks_omitted
from .locate import Block
from .placement import holds, spec

FLAT_CODED = ("income", "general_budget", "government_fund", "state_capital", "expenditure")  # parts before 公开03


def misread(key: str, block: Block, parsed: dict, out: Collector, resolver, flat_placed: Callable[[], int]) -> bool:
    """A grid (tabs, a web page's text) whose header cells span columns maps amounts under the
    wrong headers: rows then break their own identities. Read by the identities instead when
    that places more cells (``flat_placed``: a dry read's count) than the rows that hold (a
    document whose printed rows disagree keeps its grid read)."""
    table_spec = spec(key)
    records = [parsed["total"]] if isinstance(parsed.get("total"), dict) else []
    records += parsed.get("rows", [])
    rows_hold = all(holds(tuple(r.get(c) for c in table_spec.columns), table_spec) for r in records)
    if rows_hold and (not blanks_omitted(block) or _families_hold(parsed, table_spec.columns)):
        return False
    if rows_hold:  # blank cells left out of the line: where its amounts sit is a guess the sums refute
        return True
    kept = sum(1 for p, v in out.values.items() if v and p.startswith(key + ".") and _holds_row(p, parsed, table_spec))
    return flat_placed() > kept


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
