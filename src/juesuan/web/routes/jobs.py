"""Jobs from the pages: build a package, upload published documents, poll progress, retry; the jobs page."""

from __future__ import annotations

import re
from pathlib import Path
import secrets
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from sqlalchemy.orm import Session

from ... import limits
from ...ingest import DOCUMENT_SUFFIXES
from .. import jobs, rights
from ..deps import Viewer, filing_or_404, get_db, require, signed_in, viewer
from ..models import Filing, Job

router = APIRouter()
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")
UPLOAD_SUFFIXES = (*DOCUMENT_SUFFIXES, ".yaml", ".yml", ".json")


STARTED_BY = {"build": "view_filing", "parse": "batch_upload"}
"""The action that starts each kind of job (the routes below); retrying one needs the same."""
KIND_LABELS = {"build": "生成公开文件", "parse": "读取并审核上传文件"}
STATE_LABELS = {"queued": "排队中", "running": "执行中", "done": "完成", "failed": "失败"}


def _job_view(job: Job) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "state": job.state, "progress": job.progress, "total": job.total,
            "attempts": job.attempts, "result": job.result, "error": job.error,
            "updated_at": job.updated_at.isoformat() if job.updated_at else None}


def _job_or_404(db: Session, job_id: int, who: Viewer) -> Job:
    job = db.get(Job, job_id)
    if job is None:
        raise HTTPException(404, "找不到该任务 / no such job")
    filing = db.get(Filing, job.filing_id) if job.filing_id else None
    mine = job.user_id == who.user.id
    if not (mine or who.user.role == "admin" or (filing is not None and rights.in_scope(who.user, filing))):
        raise HTTPException(404, "找不到该任务 / no such job")
    return job


@router.post("/api/filings/{filing_id}/build", status_code=202)
def build(filing_id: int, request: Request, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    require(who, "view_filing", filing)
    job_id = jobs.enqueue(db, request.app.state.settings, "build", {"filing_id": filing.id, "version": filing.version},
                          who.user.id, filing.id)
    return {"job": job_id}


@router.post("/api/uploads", status_code=202)
async def upload(request: Request, files: list[UploadFile] = File(...), who: Viewer = Depends(signed_in),
                 db: Session = Depends(get_db, scope="function")):
    """Batch upload of published documents (reviewers): stored, then read and checked by a job."""
    require(who, "batch_upload")
    settings = request.app.state.settings
    bounds = limits.current()
    folder = settings.data_dir / "uploads" / secrets.token_hex(8)
    folder.mkdir(parents=True)
    saved = []
    for upload_file in files[:200]:
        name = _SAFE_NAME.sub("_", upload_file.filename or "file")[-120:].lstrip(".") or "file"
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            raise HTTPException(415, f"{name}: 只接受 PDF/DOCX/XLSX/TXT/YAML/JSON / unsupported file type")
        data = await upload_file.read(bounds.file_bytes + 1)
        if len(data) > bounds.file_bytes:
            raise HTTPException(413, f"{name}: 文件超过 {bounds.file_bytes // (1024 * 1024)} MB / file too large")
        path = folder / name
        path.write_bytes(data)
        saved.append(str(path))
    job_id = jobs.enqueue(db, settings, "parse", {"files": saved}, who.user.id)
    return {"job": job_id, "files": len(saved)}


@router.get("/api/jobs/{job_id}")
def status(job_id: int, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    return _job_view(_job_or_404(db, job_id, who))


@router.get("/api/jobs/{job_id}/files/{index}")
def job_file(job_id: int, index: int, request: Request, who: Viewer = Depends(signed_in),
             db: Session = Depends(get_db, scope="function")):
    """A file a build job wrote (downloads of every format), only from the data folder."""
    from fastapi.responses import FileResponse

    job = _job_or_404(db, job_id, who)
    if job.state != "done":
        raise HTTPException(409, "任务尚未完成 / the job has not finished")
    files = job.result.get("files", [])
    if not 0 <= index < len(files) or not isinstance(files[index], str):
        raise HTTPException(404, "找不到该文件 / no such file")
    path = Path(files[index]).resolve()
    if request.app.state.settings.data_dir.resolve() not in path.parents or not path.is_file():
        raise HTTPException(404, "找不到该文件 / no such file")
    return FileResponse(path, filename=path.name)


@router.get("/api/jobs/{job_id}/uploads/{index}/pages/{page}.png")
def upload_page(job_id: int, index: int, page: int, bbox: str | None = None, crop: bool = False,
                who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    """A page of an uploaded PDF with the finding's region outlined (reviewers' batch uploads)."""
    from fastapi.responses import Response

    from ..pageimage import page_png

    job = _job_or_404(db, job_id, who)
    files = job.payload.get("files", [])
    if not 0 <= index < len(files) or not str(files[index]).lower().endswith(".pdf"):
        raise HTTPException(404, "找不到该文件 / no such file")
    box = None
    if bbox:
        try:
            box = tuple(float(v) for v in bbox.split(",")[:4])  # noqa: money-float-ok (PDF points)
        except ValueError:
            raise HTTPException(422, "bbox 应为四个数 / bbox needs four numbers") from None
    try:
        png = page_png(Path(files[index]), page, box if box and len(box) == 4 else None, crop)
    except IndexError:
        raise HTTPException(404, f"没有第{page}页 / no page {page}") from None
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.post("/api/jobs/{job_id}/retry", status_code=202)
def retry(job_id: int, request: Request, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    """Queue a failed job again: for those who see it and may start a job of its kind (on its filing)."""
    from ..store import audit

    job = _job_or_404(db, job_id, who)
    require(who, STARTED_BY.get(job.kind, "manage"), db.get(Filing, job.filing_id) if job.filing_id else None)
    if not jobs.retry(db, request.app.state.settings, job):
        raise HTTPException(409, "只有失败的任务可以重试 / only a failed job can be retried")
    audit(db, who.user, "retry_job", f"job {job.id} {job.kind}", who.address)
    return _job_view(job)


def visible_jobs(db: Session, who: Viewer, limit: int = 50) -> list[Job]:
    """The newest jobs the viewer may see: their own, and those on filings in their scope."""
    from sqlalchemy import select

    out = []
    for job in db.scalars(select(Job).order_by(Job.id.desc()).limit(500)):
        filing = db.get(Filing, job.filing_id) if job.filing_id else None
        if job.user_id == who.user.id or who.user.role == "admin" or (filing is not None and rights.in_scope(who.user, filing)):
            out.append(job)
            if len(out) == limit:
                break
    return out


@router.get("/jobs", include_in_schema=False)
def jobs_page(request: Request, db: Session = Depends(get_db, scope="function"), who: Viewer = Depends(viewer)):
    """后台任务: state, progress, the reason of a failure and its retry button (script polls and retries)."""
    from fastapi.responses import RedirectResponse

    from .pages import page

    if who.user is None:
        return RedirectResponse("/login", status_code=303)
    rows = []
    for job in visible_jobs(db, who):
        filing = db.get(Filing, job.filing_id) if job.filing_id else None
        if filing is not None:
            subject = f"{filing.department.name} {filing.year}年度 第{job.payload.get('version', '')}版"
        else:
            subject = "、".join(Path(str(p)).name for p in job.payload.get("files", [])[:3])
            subject += f" 等 {len(job.payload['files'])} 个文件" if len(job.payload.get("files", [])) > 3 else ""
        may_retry = rights.may(who.user, STARTED_BY.get(job.kind, "manage"), filing)
        rows.append({"job": job, "kind": KIND_LABELS.get(job.kind, job.kind), "state": STATE_LABELS.get(job.state, job.state),
                     "subject": subject, "may_retry": may_retry})
    return page(request, "jobs.html", who, rows=rows)
