"""Server-rendered pages of the workspace (the JSON API does the work; pages only show it)."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from ...model.items import describe
from .. import rights, store, workflow
from ..deps import Viewer, filing_or_404, get_db, viewer
from ..grids import edit_grids
from ..models import Comment, Version
from . import filings as filings_api
from . import review as review_api

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("juesuan")
    except PackageNotFoundError:
        return ""


def page(request: Request, name: str, who: Viewer, status_code: int = 200, **context) -> HTMLResponse:
    __version__ = _version()
    return templates.TemplateResponse(request, name, {"user": who.user, "csrf": who.csrf, "roles": rights.ROLES,
                                                      "version": __version__, **context}, status_code=status_code)


@router.get("/login")
def login_page(request: Request, who: Viewer = Depends(viewer)):
    return page(request, "login.html", who)


@router.get("/")
def home(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")):
    if who.user is None:
        return RedirectResponse("/public", status_code=303)
    return page(request, "home.html", who, filings=filings_api.list_filings(who, db))


def _actions(who: Viewer, filing) -> list[tuple[str, str]]:
    out = []
    for action, (sources, _) in workflow.TRANSITIONS.items():
        if filing.status in sources and rights.may(who.user, action, filing):
            out.append((action, workflow.ACTION_LABELS[action]))
    return out


@router.get("/filings/{filing_id}")
def filing_page(filing_id: int, request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")):
    if who.user is None:
        return RedirectResponse("/login", status_code=303)
    filing = filing_or_404(db, filing_id, who)
    versions = db.scalars(select(Version).where(Version.filing_id == filing.id).order_by(Version.number.desc())
                          .options(defer(Version.content))).all()  # the list needs no content (~100 KB each)
    current = next(v for v in versions if v.number == filing.version)
    comments = db.scalars(select(Comment).where(Comment.filing_id == filing.id).order_by(Comment.id)).all()
    editable = filing.status in workflow.EDITABLE and rights.may(who.user, "edit", filing)
    grids, findings = _version_parts(current, editable)
    return page(request, "filing.html", who, filing=filing, status_label=workflow.STATUS_LABELS[filing.status],
                counts=current.counts, grids_html=grids, findings=findings, versions=versions, comments=comments,
                editable=editable, actions=_actions(who, filing), action_labels=workflow.ACTION_LABELS)


_PARTS: dict[tuple[str, bool], tuple[Markup, list[dict]]] = {}
_PARTS_LOCK = threading.Lock()


def _version_parts(version: Version, editable: bool) -> tuple[Markup, list[dict]]:
    """What the editor page shows of one version — the grids (900 inputs) as HTML and the findings as the
    editor lists them — made once per version (by its SHA-256: versions never change) and editability;
    the version's content is read from the database only then."""
    key = (version.sha256, editable)
    parts = _PARTS.get(key) if version.sha256 else None
    if parts is None:
        disclosure = store.disclosure_of(version)
        grids = templates.get_template("filing_grids.html").render(
            grids=edit_grids(disclosure), projects=disclosure.performance.projects,
            scores=filings_api.scores_of(disclosure), editable=editable)
        parts = Markup(grids), [filings_api._shown(f) for f in store.report_of(version).findings]
        if version.sha256:
            with _PARTS_LOCK:
                _PARTS[key] = parts
                while len(_PARTS) > 64:
                    _PARTS.pop(next(iter(_PARTS)))
    return parts


def _label(path: str) -> str:
    """A changed field in Chinese where it is a table cell (tables.expenditure[2060404].basic → 公开03表 …)."""
    if path.startswith("tables."):
        item = path.removeprefix("tables.").replace("[", ".").replace("]", "")
        return describe(item)
    return path


@router.get("/filings/{filing_id}/diff")
def diff_page(filing_id: int, before: int, after: int, request: Request, who: Viewer = Depends(viewer),
              db: Session = Depends(get_db, scope="function")):
    if who.user is None:
        return RedirectResponse("/login", status_code=303)
    filing = filing_or_404(db, filing_id, who)
    old, new = store.version(db, filing, before), store.version(db, filing, after)
    if old is None or new is None:
        raise HTTPException(404, "找不到该版本 / no such version")
    changes = [{**c, "label": _label(c["path"])} for c in store.diff(old, new)]
    return page(request, "diff.html", who, filing=filing, before=before, after=after, changes=changes)


@router.get("/review")
def review_page(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")):
    if who.user is None:
        return RedirectResponse("/login", status_code=303)
    if not rights.may(who.user, "review_queue"):
        raise HTTPException(403, "无权进行此操作 / not allowed")
    overview = review_api.overview(who, db)
    max_count = max([row["count"] for row in overview["families"]] or [1])
    return page(request, "review.html", who, queue=review_api.queue(who, db), overview=overview, max_count=max_count)


@router.get("/review/jobs/{job_id}/files/{index}")
def upload_findings_page(job_id: int, index: int, request: Request, who: Viewer = Depends(viewer),
                         db: Session = Depends(get_db, scope="function")):
    """The findings of one uploaded document, each with its page and the cell outlined."""
    from .jobs import _job_or_404

    if who.user is None:
        return RedirectResponse("/login", status_code=303)
    job = _job_or_404(db, job_id, who)
    files = job.result.get("files", []) if job.state == "done" else []
    if not 0 <= index < len(files):
        raise HTTPException(404, "找不到该文件 / no such file")
    entry = files[index]
    is_pdf = str(job.payload["files"][index]).lower().endswith(".pdf")
    return page(request, "upload_findings.html", who, job=job, index=index, entry=entry, is_pdf=is_pdf)
