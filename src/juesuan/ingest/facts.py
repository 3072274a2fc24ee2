"""Facts stated only in the narrative → the model's non-table fields and ``comparisons``.

机关运行经费, 政府采购, 国有资产, “三公” details and the 绩效 summary have no table:
their printed figures (amount/count claims without a base) fill those fields, and
年初预算/全年预算 figures and 主要原因 texts fill ``Disclosure.comparisons``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..model import Claim, Source

FIELD_ROOTS = ("operating_costs.", "procurement.", "assets.", "three_public_details.", "performance.summary.")
INTEGER_FIELDS = ("count", "vehicles", "batches", "people", "groups", "purchased", "held", "projects",
                  "equipment_over_1m", "problems_found", "problems_rectified", "problems_rectifying")


def _set(data: dict, path: str, value) -> bool:
    parts = path.split(".")
    if any(part.isdigit() for part in parts):
        return False  # list entries (receptions) stay in the claims
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            return False
    node[parts[-1]] = value
    return True


AS_OF_RE = re.compile(r"截至\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def narrative_facts(claims: list[Claim], text: str = "") -> tuple[dict, dict, dict[str, Source]]:
    """(field data by root, comparisons, provenance) from the claims, first statement wins."""
    data: dict = {}
    # the raw text, or the 国有资产 sentence as read (a dump that moved its figures: "截至 年 月 日")
    match = AS_OF_RE.search(text) or next((m for c in claims if c.item.startswith("assets.")
                                           and (m := AS_OF_RE.search(c.sentence or ""))), None)
    if match:
        try:
            data["assets"] = {"as_of": dt.date(*(int(g) for g in match.groups()))}
        except ValueError:
            pass
    comparisons: dict[str, dict] = {}
    sources: dict[str, Source] = {}
    for claim in claims:
        source = Source(kind="parsed", file=claim.file, page=claim.page, ref=claim.section)
        if claim.item.startswith(FIELD_ROOTS) and claim.measure in ("amount", "count") and claim.base is None:
            if claim.item in sources:
                continue
            value: object = claim.value
            if claim.measure == "count" or claim.item.endswith(INTEGER_FIELDS):
                if claim.value != claim.value.to_integral_value():
                    continue
                value = int(claim.value)
            if claim.unit == "元" and not claim.item.endswith("amount_yuan"):
                continue
            if _set(data, claim.item, value):
                sources[claim.item] = source
            continue
        entry = comparisons.setdefault(claim.item, {})
        if claim.purpose:
            entry.setdefault("purpose", claim.purpose)
        if claim.measure == "amount" and claim.base in ("initial_budget", "full_year_budget"):
            entry.setdefault(claim.base, claim.value if claim.unit == "万元" else None)
            if claim.reason and claim.direction in ("大于", "小于"):  # "决算数小于预算数的主要原因：…"
                entry.setdefault("budget_reason", claim.reason)
        elif claim.measure in ("change_amount", "change_rate") and claim.reason:
            entry.setdefault("reason", claim.reason)
        elif claim.measure in ("budget_variance_rate", "completion_rate") and claim.reason:
            entry.setdefault("budget_reason", claim.reason)
    comparisons = {k: {f: v for f, v in e.items() if v is not None} for k, e in comparisons.items()}
    return data, {k: v for k, v in comparisons.items() if v}, sources


def as_decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
