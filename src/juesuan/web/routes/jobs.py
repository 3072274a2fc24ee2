"""Jobs from the pages: build a package, upload published documents, poll progress, retry."""

from __future__ import annotations

import re
from pathlib import Path
import secrets
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from sqlalchemy.orm import Session

from ... import limits
from .. import jobs, rights
from ..deps import Viewer, filing_or_404, get_db, require, signed_in
from ..models import Filing, Job

router = APIRouter(prefix="/api")
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")
UPLOAD_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".yaml", ".yml", ".json")


def _job_view(job: Job) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "state": job.state, "progress": job.progress, "total": job.total,
            "attempts": job.attempts, "result": job.result, "error": job.error}


def _job_or_404(db: Session, job_id: int, who: Viewer) -> Job:
    job = db.get(Job, job_id)
    if job is None:
        raise HTTPException(404, "找不到该任务 / no such job")
    filing = db.get(Filing, job.filing_id) if job.filing_id else None
    mine = job.user_id == who.user.id
    if not (mine or who.user.role == "admin" or (filing is not None and rights.in_scope(who.user, filing))):
        raise HTTPException(404, "找不到该任务 / no such job")
    return job


@router.post("/filings/{filing_id}/build", status_code=202)
def build(filing_id: int, request: Request, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    require(who, "view_filing", filing)
    job_id = jobs.enqueue(db, request.app.state.settings, "build", {"filing_id": filing.id, "version": filing.version},
                          who.user.id, filing.id)
    return {"job": job_id}


@router.post("/uploads", status_code=202)
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


@router.get("/jobs/{job_id}")
def status(job_id: int, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    return _job_view(_job_or_404(db, job_id, who))


@router.get("/jobs/{job_id}/files/{index}")
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


@router.get("/jobs/{job_id}/uploads/{index}/pages/{page}.png")
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


@router.post("/jobs/{job_id}/retry", status_code=202)
def retry(job_id: int, request: Request, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    job = _job_or_404(db, job_id, who)
    if job.state != "failed":
        raise HTTPException(409, "只有失败的任务可以重试 / only a failed job can be retried")
    job.state, job.error = "queued", ""
    db.commit()
    settings = request.app.state.settings
    jobs.run_job(job.id, settings.database_url, str(settings.data_dir))
    return _job_view(job)
