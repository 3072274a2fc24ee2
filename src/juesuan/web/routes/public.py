"""The public portal and its read-only JSON API: published documents only, no login.

Responses carry ``Cache-Control`` and an ``ETag`` (publications never change; the list changes
when something is published), and a matching ``If-None-Match`` gets 304.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from .. import portal
from ..deps import Viewer, get_db, viewer
from ..models import Filing, Publication
from .pages import page

router = APIRouter()
CACHE = "public, max-age=300"


def _cached(request: Request, payload: Any, tag_source: str) -> Response:
    etag = '"' + hashlib.sha256(tag_source.encode()).hexdigest()[:32] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag, "Cache-Control": CACHE})
    return JSONResponse(payload, headers={"ETag": etag, "Cache-Control": CACHE})


def _publication(db: Session, publication_id: int) -> Publication:
    publication = db.get(Publication, publication_id)
    if publication is None:
        raise HTTPException(404, "找不到该公开文件 / no such publication")
    return publication


def _downloads(publication: Publication) -> list[dict[str, str]]:
    folder = Path(publication.package_dir)
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    out = [{"format": p.suffix.lstrip(".").upper(), "url": f"/public/d/{publication.id}/files/{p.name}"} for p in files]
    return out + [{"format": "CSV（数据）", "url": f"/public/d/{publication.id}/data.csv"},
                  {"format": "JSON（数据）", "url": f"/api/public/disclosures/{publication.id}/cells"}]


def _detail(db: Session, publication: Publication) -> dict[str, Any]:
    d = portal.disclosure_for(db, publication)
    filing = db.get(Filing, publication.filing_id)
    history = [e for e in portal.listing(db, include_superseded=True)
               if e["department"] == filing.department.name and e["year"] == filing.year]
    return {"id": publication.id, "department": d.meta.department, "region": filing.department.region.name,
            "year": d.meta.year, "sha256": publication.package_sha256, "correction_note": publication.correction_note,
            "superseded_by": publication.superseded_by, "history": history, "totals": portal.totals(d),
            "structure": portal.structure(d), "three_public": portal.three_public_series(db, filing.department_id),
            "budget_vs_actual": portal.budget_vs_actual(d), "prior_year": portal.prior_year(d),
            "scores": portal.scores(d), "downloads": _downloads(publication)}


@router.get("/api/public/disclosures")
def api_list(request: Request, region: str | None = None, year: int | None = None, q: str | None = Query(None, max_length=50),
             page_number: int = Query(1, alias="page", ge=1), size: int = Query(20, ge=1, le=100),
             db: Session = Depends(get_db, scope="function")):
    """Published disclosures, newest year first within each department; paged."""
    items = portal.search(db, q) if q else portal.listing(db, region, year)
    if q and (region or year):
        items = [i for i in items if (not region or i["region"] == region) and (not year or i["year"] == year)]
    start = (page_number - 1) * size
    payload = {"total": len(items), "page": page_number, "size": size, "items": items[start:start + size]}
    return _cached(request, payload, json.dumps(payload, sort_keys=True, ensure_ascii=False))


@router.get("/api/public/disclosures/{publication_id}")
def api_detail(publication_id: int, request: Request, db: Session = Depends(get_db, scope="function")):
    publication = _publication(db, publication_id)
    return _cached(request, _detail(db, publication), f"{publication.package_sha256}:{publication.superseded_by}")


@router.get("/api/public/disclosures/{publication_id}/cells")
def api_cells(publication_id: int, request: Request, db: Session = Depends(get_db, scope="function")):
    publication = _publication(db, publication_id)
    cells = portal.cells(portal.disclosure_for(db, publication))
    return _cached(request, cells, f"cells:{publication.package_sha256}")


@router.get("/public", include_in_schema=False)
def list_page(request: Request, region: str | None = None, year: str | None = None, q: str | None = None,
              who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")):
    q, region = (q or "").strip()[:50], (region or None)
    year = int(year) if year and year.isdigit() else None  # the form sends year= for 全部
    items = portal.search(db, q) if q else portal.listing(db, region, year)
    if q and (region or year):
        items = [i for i in items if (not region or i["region"] == region) and (not year or i["year"] == year)]
    everything = portal.listing(db)
    return page(request, "public_list.html", who, items=items, q=q, region=region, year=year,
                regions=sorted({e["region"] for e in everything}), years=sorted({e["year"] for e in everything}, reverse=True))


@router.get("/public/d/{publication_id}", include_in_schema=False)
def detail_page(publication_id: int, request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")):
    publication = _publication(db, publication_id)
    return page(request, "public_disclosure.html", who, d=_detail(db, publication))


@router.get("/public/compare", include_in_schema=False)
def compare_page(request: Request, year: str | None = None, who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")):
    everything = portal.listing(db)
    years = sorted({e["year"] for e in everything}, reverse=True)
    year = int(year) if year and year.isdigit() else (years[0] if years else None)
    rows = portal.compare_rows(db, year)
    return page(request, "public_compare.html", who, rows=rows, year=year, years=years)


@router.get("/public/d/{publication_id}/files/{name}", include_in_schema=False)
def download(publication_id: int, name: str, db: Session = Depends(get_db, scope="function")):
    publication = _publication(db, publication_id)
    folder = Path(publication.package_dir).resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        raise HTTPException(404, "找不到该文件 / no such file")
    return FileResponse(path, filename=path.name, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/public/d/{publication_id}/data.csv", include_in_schema=False)
def data_csv(publication_id: int, db: Session = Depends(get_db, scope="function")):
    import csv
    import io

    from ...export.schema import RESOURCES

    publication = _publication(db, publication_id)
    fields = [f.name for f in RESOURCES["cells"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in portal.cells(portal.disclosure_for(db, publication)):
        writer.writerow(["" if row.get(f) is None else row.get(f) for f in fields])
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="disclosure-{publication_id}.csv"',
                             "Cache-Control": "public, max-age=86400"})
