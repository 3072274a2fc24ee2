"""The department's editor API: filings, versions, live 审核, diffs, workflow actions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import fileformat
from ...checks import check
from .. import rights, store, workflow
from ..deps import Viewer, filing_or_404, get_db, require, signed_in
from ..models import Comment, Department, Filing, FindingMark, Version

router = APIRouter(prefix="/api/filings")


def _parse(data: dict[str, Any]):
    """A disclosure from the editor's JSON, through the same validation as ``juesuan check``."""
    import json

    try:
        return fileformat.parse_text(json.dumps(data, ensure_ascii=False), file="编辑内容")
    except fileformat.DisclosureFileError as exc:
        raise HTTPException(422, [str(p) for p in exc.problems]) from None


def _summary(filing: Filing, db: Session) -> dict[str, Any]:
    current = store.current_version(db, filing)
    return {"id": filing.id, "department": filing.department.name, "department_id": filing.department_id,
            "year": filing.year, "status": filing.status, "status_label": workflow.STATUS_LABELS[filing.status],
            "version": filing.version, "counts": current.counts, "updated_at": filing.updated_at.isoformat()}


def _findings(report: Any) -> list[dict[str, Any]]:
    return [finding.as_dict() for finding in report.findings]


@router.get("")
def list_filings(who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> list[dict[str, Any]]:
    filings = db.scalars(select(Filing).order_by(Filing.id)).all()
    return [_summary(f, db) for f in filings if rights.in_scope(who.user, f)]


class NewFiling(BaseModel):
    department_id: int | None = None
    content: dict[str, Any]


@router.post("", status_code=201)
def create(body: NewFiling, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> dict[str, Any]:
    require(who, "create_filing")
    department_id = body.department_id if who.user.role == "admin" else who.user.department_id
    department = db.get(Department, department_id) if department_id else None
    if department is None:
        raise HTTPException(422, "需要指定部门 / department required")
    disclosure = _parse(body.content)
    if db.scalars(select(Filing).where(Filing.department_id == department.id,
                                       Filing.year == disclosure.meta.year)).first():
        raise HTTPException(409, f"{department.name} {disclosure.meta.year}年度已有决算公开 / filing exists")
    saved = store.create_filing(db, department.id, disclosure, who.user)
    store.audit(db, who.user, "create_filing", f"{department.name} {disclosure.meta.year}", who.address)
    filing = db.get(Filing, saved.version.filing_id)
    return {**_summary(filing, db), "findings": _findings(saved.report)}


@router.get("/{filing_id}")
def show(filing_id: int, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> dict[str, Any]:
    filing = filing_or_404(db, filing_id, who)
    require(who, "view_filing", filing)
    current = store.current_version(db, filing)
    disclosure = store.disclosure_of(current)
    return {**_summary(filing, db), "content": store.data_of(disclosure),
            "findings": _findings(store.report_of(current)), "editable": filing.status in workflow.EDITABLE
            and rights.may(who.user, "edit", filing)}


class Save(BaseModel):
    base_version: int
    content: dict[str, Any]
    note: str = Field("", max_length=500)


@router.put("/{filing_id}/content")
def save(filing_id: int, body: Save, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    require(who, "edit", filing)
    return _save(db, filing, body.base_version, _parse(body.content), who, body.note)


def _save(db: Session, filing: Filing, base_version: int, disclosure, who: Viewer, note: str):
    """Store ``disclosure`` as the next version; a stale base gets 409 with what changed since."""
    if filing.status not in workflow.EDITABLE:
        raise HTTPException(409, f"当前状态“{workflow.STATUS_LABELS[filing.status]}”不可编辑 / not editable now")
    try:
        saved = store.save(db, filing, base_version, disclosure, who.user, note)
    except store.Conflict as conflict:
        theirs, base = conflict.current, store.version(db, filing, base_version)
        return JSONResponse(status_code=409, content={
            "detail": str(conflict), "current_version": theirs.number,
            "their_changes": store.diff(base, theirs) if base else [],
            "current_content": store.data_of(store.disclosure_of(theirs))})
    store.audit(db, who.user, "save", f"filing {filing.id} v{saved.version.number}", who.address, note)
    return {"version": saved.version.number, "counts": saved.version.counts, "findings": _findings(saved.report)}


@router.post("/{filing_id}/check")
def live_check(filing_id: int, content: dict[str, Any] = Body(...), who: Viewer = Depends(signed_in),
               db: Session = Depends(get_db, scope="function")) -> dict[str, Any]:
    """审核 of unsaved content while the department types (nothing is stored)."""
    filing = filing_or_404(db, filing_id, who)
    require(who, "view_filing", filing)
    report = check(_parse(content))
    return {"counts": {s: report.counts.get(s, 0) for s in ("错误", "警告", "提示")}, "findings": _findings(report)}


@router.get("/{filing_id}/versions")
def versions(filing_id: int, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    rows = db.scalars(select(Version).where(Version.filing_id == filing.id).order_by(Version.number)).all()
    return [{"number": v.number, "author_id": v.author_id, "created_at": v.created_at.isoformat(), "note": v.note,
             "sha256": v.sha256, "counts": v.counts} for v in rows]


@router.get("/{filing_id}/diff")
def version_diff(filing_id: int, before: int, after: int, who: Viewer = Depends(signed_in),
                 db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    old, new = store.version(db, filing, before), store.version(db, filing, after)
    if old is None or new is None:
        raise HTTPException(404, "找不到该版本 / no such version")
    return {"before": before, "after": after, "changes": store.diff(old, new)}


class Edits(BaseModel):
    """Cell edits from the editor grid: item path → amount as typed (a decimal string)."""

    base_version: int
    changes: dict[str, str] = Field(default_factory=dict, max_length=5000)
    fields: dict[str, str] = Field(default_factory=dict, max_length=500)
    """Inputs of the 说明 that findings ask for (I-001): ``comparisons.<item>.prior_year`` → text."""
    note: str = Field("", max_length=500)


def _apply(disclosure, changes: dict[str, str], fields: dict[str, str] | None = None):
    """The disclosure with the editor's unsaved cell edits (and 说明 inputs); 422 names a bad one."""
    from decimal import Decimal, InvalidOperation

    from pydantic import ValidationError

    from ...model.edits import with_values

    if fields:
        disclosure = _apply_fields(disclosure, fields)
    values = {}
    for path, text in changes.items():
        try:
            value = Decimal(text.replace(",", "").strip() or "0")
        except InvalidOperation:
            raise HTTPException(422, f"{path}: “{text[:40]}”不是金额 / not an amount") from None
        if not value.is_finite() or abs(value) >= Decimal("1e13"):
            raise HTTPException(422, f"{path}: 金额超出范围 / amount out of range")
        values[path] = value.quantize(Decimal("0.01"))
    for path, value in values.items():  # one at a time, so that a problem names its cell
        try:
            disclosure = with_values(disclosure, {path: value})
        except KeyError:
            raise HTTPException(422, f"{path}: 没有这个单元格 / no such cell") from None
        except ValidationError as exc:
            raise HTTPException(422, f"{path}: {exc.errors()[0]['msg']}") from None
    return disclosure


def _apply_fields(disclosure, fields: dict[str, str]):
    """Set the non-table inputs a finding points at (上年数, 主要原因 …), validated by the model: on the
    changed paths only where it can (model/edits.py), else through the whole disclosure's data."""
    from ...model.edits import with_fields

    for path, text in fields.items():
        if len(text) > 5000:
            raise HTTPException(422, f"{path}: 内容过长 / too long")
    edited = with_fields(disclosure, fields)
    return edited if edited is not None else _apply_fields_by_dump(disclosure, fields)


def _apply_fields_by_dump(disclosure, fields: dict[str, str]):
    """The general route: dump the disclosure, set each field (creating what is missing), validate it all."""
    from pydantic import ValidationError

    from ...model import Disclosure

    data = disclosure.model_dump(mode="json", exclude_defaults=True)
    for path, text in fields.items():
        if path.startswith("comparisons."):
            item, _, name = path.removeprefix("comparisons.").rpartition(".")
            if not item:  # it was a traceback (unpacking one part)
                raise HTTPException(422, f"{path}: 没有这个字段 / no such field")
            data.setdefault("comparisons", {}).setdefault(item, {})[name] = text.strip() or None
            continue
        node: Any = data
        *parents, last = path.split(".")
        try:
            for part in parents:  # list positions are numbers: performance.projects.3.indicators.2.score
                node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
            if isinstance(node, list) or not isinstance(node, dict):
                raise TypeError(path)
        except (IndexError, ValueError, TypeError, AttributeError):
            raise HTTPException(422, f"{path}: 没有这个字段 / no such field") from None
        node[last] = text.strip() or None
    try:
        return Disclosure.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise HTTPException(422, f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}") from None


@router.post("/{filing_id}/edits/check")
def check_edits(filing_id: int, body: Edits, who: Viewer = Depends(signed_in),
                db: Session = Depends(get_db, scope="function")) -> Response:
    """Live 审核 of the grid as typed: the stored version plus the unsaved edits.

    Answered on every pause in typing, so it carries only what the editor shows of each finding
    (severity, rule, place, message, the cells it names) and is encoded once, without FastAPI's
    response validation; the stored version's disclosure comes from the per-process cache."""
    filing = filing_or_404(db, filing_id, who)
    require(who, "view_filing", filing)
    disclosure = _apply(store.current_disclosure(db, filing), body.changes, body.fields)
    if body.changes or body.fields:
        report = check(disclosure)
    else:  # the editor's first check, as the page opens: the stored version's findings, checked once
        report = store.report_of(store.current_version(db, filing))
    return _json({"counts": {s: report.counts.get(s, 0) for s in ("错误", "警告", "提示")},
                  "findings": [_shown(f) for f in report.findings], "scores": scores_of(disclosure)})


def _shown(finding: Any) -> dict[str, Any]:
    """A finding as the editor lists it and marks its cells (editor.js showFindings)."""
    location = {"text": str(finding.location)}
    if finding.location.item:
        location["item"] = finding.location.item
    shown = {"severity": finding.severity, "rule_id": finding.rule_id, "location": location,
             "message": finding.message}
    if finding.related:
        shown["related"] = list(finding.related)
    return shown


def _json(data: Any) -> Response:
    import json

    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def scores_of(disclosure) -> list[dict[str, Any]]:
    """Each 自评表's reported 总分 next to the total the scoring policy recomputes (live scoring)."""
    from ...scoring import score_performance

    def text(value):
        return None if value is None else format(value, "f")

    return [{"project": s.name, "reported_total": text(s.reported_total), "printed_sum": text(s.printed_sum),
             "recomputed_total": text(s.recomputed_total), "difference": text(s.difference),
             "grade": s.grade, "recomputed_grade": s.recomputed_grade,
             "indicators": [text(i.recomputed) for i in s.indicators]}
            for s in score_performance(disclosure.performance)]


@router.put("/{filing_id}/edits")
def save_edits(filing_id: int, body: Edits, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    require(who, "edit", filing)
    base = store.version(db, filing, body.base_version)
    if base is None:
        raise HTTPException(404, "找不到该版本 / no such version")
    return _save(db, filing, body.base_version, _apply(store.disclosure_of(base), body.changes, body.fields), who,
                 body.note)


class Action(BaseModel):
    action: str
    comment: str = Field("", max_length=5000)


@router.post("/{filing_id}/actions")
def act(filing_id: int, body: Action, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    from ..publish import publish

    filing = filing_or_404(db, filing_id, who)
    require(who, body.action if body.action in workflow.TRANSITIONS else "manage", filing)
    try:
        target = workflow.next_status(body.action, filing.status)
    except workflow.TransitionError as exc:
        raise HTTPException(409, str(exc)) from None
    current = store.current_version(db, filing)
    if body.action == "submit" and current.counts.get("错误", 0) and not body.comment.strip():
        raise HTTPException(409, f"第{current.number}版仍有{current.counts['错误']}条错误：请先整改，或在报送意见中逐条说明 / "
                                 "fix the errors first, or explain them in the submission comment")
    if body.action == "return" and not body.comment.strip():
        raise HTTPException(422, "退回须写明意见 / a return needs a comment")
    if body.action == "publish":
        target = publish(db, filing, current, who.user, body.comment)
    filing.status = target
    db.add(Comment(filing_id=filing.id, version_number=current.number, author_id=who.user.id, action=body.action,
                   body=body.comment))
    store.audit(db, who.user, body.action, f"filing {filing.id} v{current.number}", who.address, body.comment)
    return _summary(filing, db)


class Mark(BaseModel):
    finding_key: str = Field(..., max_length=300)
    rule_id: str = Field(..., max_length=20)
    mark: str
    note: str = Field("", max_length=2000)


@router.post("/{filing_id}/marks", status_code=201)
def mark(filing_id: int, body: Mark, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    require(who, "mark_finding", filing)
    if body.mark not in ("确认", "误报", "已整改"):
        raise HTTPException(422, "标记只能是 确认 / 误报 / 已整改")
    db.add(FindingMark(filing_id=filing.id, version_number=filing.version, finding_key=body.finding_key,
                       rule_id=body.rule_id, mark=body.mark, note=body.note, user_id=who.user.id))
    store.audit(db, who.user, "mark", f"filing {filing.id} {body.rule_id}", who.address, body.mark)
    return {"ok": True}


@router.get("/{filing_id}/comments")
def comments(filing_id: int, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    filing = filing_or_404(db, filing_id, who)
    rows = db.scalars(select(Comment).where(Comment.filing_id == filing.id).order_by(Comment.id)).all()
    return [{"version": c.version_number, "action": c.action, "body": c.body, "author_id": c.author_id,
             "created_at": c.created_at.isoformat()} for c in rows]


@router.post("/import", status_code=201)
async def import_file(request: Request, files: list[UploadFile] = File(...), who: Viewer = Depends(signed_in),
                      db: Session = Depends(get_db, scope="function")):
    """Start a filing from the fill-in workbook (and more XLSX), a YAML/JSON file or a published document.

    The same readers as ``juesuan import`` / ``juesuan check`` do the work; what they could not
    read is reported, and the department is the signed-in user's own."""
    import tempfile
    from pathlib import Path

    from ... import limits
    from ..importing import read_uploads

    require(who, "import")
    department = db.get(Department, who.user.department_id)
    bounds = limits.current()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, upload in enumerate(files[:20]):
            data = await upload.read(bounds.file_bytes + 1)
            if len(data) > bounds.file_bytes:
                raise HTTPException(413, f"{upload.filename}: 文件过大 / file too large")
            suffix = Path(upload.filename or "").suffix.lower()[:8]
            path = Path(folder) / f"upload-{index}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        disclosure, notes = read_uploads(paths, department.name, department.profile)
    if db.scalars(select(Filing).where(Filing.department_id == department.id,
                                       Filing.year == disclosure.meta.year)).first():
        raise HTTPException(409, f"{department.name} {disclosure.meta.year}年度已有决算公开 / filing exists")
    saved = store.create_filing(db, department.id, disclosure, who.user, note="导入：" + "；".join(notes)[:400])
    store.audit(db, who.user, "import", f"{department.name} {disclosure.meta.year}", who.address)
    filing = db.get(Filing, saved.version.filing_id)
    return {**_summary(filing, db), "notes": notes, "findings": _findings(saved.report)}
