"""What the public portal shows of a published disclosure: figures for pages, charts and the API.

Publications never change, so each one's disclosure and figures are cached in the process by
publication id. Every number comes from the model or ``export.tidy`` (the same open data the
CLI exports); amounts travel as decimal strings and only the chart script turns them into
plot coordinates.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..export import tidy
from ..model import Disclosure, lookup
from .models import Department, Filing, Publication, Region, Version
from .store import disclosure_of


@lru_cache(maxsize=512)
def _disclosure(publication_id: int, content: str, number: int) -> Disclosure:
    return disclosure_of(Version(content=content, number=number))


def disclosure_for(db: Session, publication: Publication) -> Disclosure:
    version = db.scalars(select(Version).where(Version.filing_id == publication.filing_id,
                                               Version.number == publication.version_number)).one()
    return _disclosure(publication.id, version.content, version.number)


def listing(db: Session, region: str | None = None, year: int | None = None,
            include_superseded: bool = False) -> list[dict[str, Any]]:
    query = (select(Publication, Filing, Department, Region).join(Filing, Publication.filing_id == Filing.id)
             .join(Department, Filing.department_id == Department.id).join(Region, Department.region_id == Region.id))
    if not include_superseded:
        query = query.where(Publication.superseded_by.is_(None))
    if region:
        query = query.where(Region.name == region)
    if year:
        query = query.where(Filing.year == year)
    rows = db.execute(query.order_by(Region.name, Department.name, Filing.year.desc())).all()
    return [{"id": p.id, "department": d.name, "region": r.name, "year": f.year, "published_at": p.published_at.date().isoformat(),
             "corrected": bool(p.correction_note), "superseded": p.superseded_by is not None, "sha256": p.package_sha256}
            for p, f, d, r in rows]


def compare_rows(db: Session, year: int | None) -> list[dict[str, Any]]:
    """Every current publication of ``year`` with its main figures (the comparison view). A
    publication never changes, so its figures are computed once per process and its content
    is only loaded then."""
    query = (select(Publication, Department, Region).join(Filing, Publication.filing_id == Filing.id)
             .join(Department, Filing.department_id == Department.id).join(Region, Department.region_id == Region.id)
             .where(Publication.superseded_by.is_(None), Filing.year == year).order_by(Region.name, Department.name))
    rows = []
    for publication, department, region in db.execute(query).all():
        if publication.id not in _TOTALS:
            _TOTALS[publication.id] = totals(disclosure_for(db, publication))
        rows.append({"id": publication.id, "department": department.name, "region": region.name, "year": year,
                     "totals": _TOTALS[publication.id]})
    return rows


_TOTALS: dict[int, dict[str, str | None]] = {}


def _s(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def totals(d: Disclosure) -> dict[str, str | None]:
    t = d.tables
    return {"收入总计": _s(t.summary.income.grand_total), "本年收入合计": _s(t.summary.income.total),
            "本年支出合计": _s(t.summary.expenditure.total), "基本支出": _s(t.expenditure.total.basic),
            "项目支出": _s(t.expenditure.total.project), "财政拨款支出": _s(t.fiscal_summary.expenditure.total.total),
            "“三公”经费决算": _s(t.three_public.final.total), "“三公”经费预算": _s(t.three_public.budget.total),
            "机关运行经费": _s(d.operating_costs.amount)}


def structure(d: Disclosure) -> list[dict[str, Any]]:
    """公开03 本年支出合计 as a 类 → 款 → 项 tree (drill-down treemap)."""
    tree: list[dict[str, Any]] = []
    by_code: dict[str, dict[str, Any]] = {}
    for row in d.tables.expenditure.rows:
        node = {"name": f"{row.code} {row.name}", "value": _s(row.total), "code": row.code, "children": []}
        by_code[row.code] = node
        parent = by_code.get(row.code[:-2]) if len(row.code) > 3 else None
        (parent["children"] if parent else tree).append(node)
    return tree


def three_public_series(db: Session, department_id: int) -> list[dict[str, Any]]:
    """三公 决算数 of every current publication of one department, by year."""
    rows = db.execute(select(Publication, Filing).join(Filing, Publication.filing_id == Filing.id)
                      .where(Filing.department_id == department_id, Publication.superseded_by.is_(None))
                      .order_by(Filing.year)).all()
    out = []
    for publication, filing in rows:
        final = disclosure_for(db, publication).tables.three_public.final
        out.append({"year": filing.year, "因公出国（境）费": _s(final.overseas),
                    "公务用车购置及运行维护费": _s(final.vehicle_total), "公务接待费": _s(final.reception),
                    "合计": _s(final.total)})
    return out


def _against(d: Disclosure, field: str, then: str, now: str) -> list[dict[str, Any]]:
    """Items whose comparison carries ``field`` (全年预算数, 上年数) beside this year's figure."""
    out = []
    for item, comparison in d.comparisons.items():
        final, other = lookup(d, item), getattr(comparison, field)
        if other is not None and final is not None:
            out.append({"item": item, "label": item_label(item, d), then: _s(other), now: _s(final)})
    return out


def budget_vs_actual(d: Disclosure) -> list[dict[str, Any]]:
    return _against(d, "full_year_budget", "budget", "final")


def prior_year(d: Disclosure) -> list[dict[str, Any]]:
    return _against(d, "prior_year", "prior", "current")


def item_label(item: str, d: Disclosure) -> str:
    from ..export.rows import row_names, split_path
    from ..model.items import describe

    try:
        _, code, name, _, column = split_path(item, row_names(d))
    except (KeyError, IndexError):
        return describe(item)
    return f"{code} {name}".strip() if code else describe(item)


def scores(d: Disclosure) -> list[dict[str, Any]]:
    return [{"project": p.name, "score": _s(p.total_score), "grade": p.grade or ""}
            for p in d.performance.projects if p.total_score is not None]


def cells(d: Disclosure) -> list[dict[str, Any]]:
    return [{k: (_s(v) if isinstance(v, Decimal) else v) for k, v in row.items()} for row in tidy(d)["cells"]]


def search(db: Session, query: str, limit: int = 200) -> list[dict[str, Any]]:
    """Published disclosures whose department, or some row's code or name, matches ``query``."""
    query = query.strip()
    hits = []
    for entry in listing(db):
        if query in entry["department"]:
            hits.append({**entry, "matches": []})
            continue
        publication = db.get(Publication, entry["id"])
        found = [row for row in tidy(disclosure_for(db, publication))["cells"]
                 if row["column_key"] in ("total", "amount") and row["code"]
                 and (row["code"].startswith(query) or (query and query in row["name"]))]
        if found:
            hits.append({**entry, "matches": [{"table": r["table_code"], "code": r["code"], "name": r["name"],
                                               "amount": _s(r["amount"])} for r in found[:20]]})
        if len(hits) >= limit:
            break
    return hits
