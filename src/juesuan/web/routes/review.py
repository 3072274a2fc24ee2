"""The reviewer's desk: the queue of their region, findings overview, marks, 整改通知."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...checks import check
from ...checks.registry import REGISTRY
from .. import rights, store, workflow
from ..deps import Viewer, filing_or_404, get_db, require, signed_in
from ..models import Filing, FindingMark

router = APIRouter(prefix="/api/review")


def _scope(db: Session, who: Viewer) -> list[Filing]:
    return [f for f in db.scalars(select(Filing).order_by(Filing.id)).all() if rights.in_scope(who.user, f)]


@router.get("/queue")
def queue(who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> list[dict[str, Any]]:
    """Every filing of the reviewer's region: status and the newest version's counts (submitted first)."""
    require(who, "review_queue")
    order = {"submitted": 0, "returned": 1, "draft": 2, "approved": 3, "published": 4, "corrected": 5}
    rows = [{"id": f.id, "department": f.department.name, "year": f.year, "status": f.status,
             "status_label": workflow.STATUS_LABELS[f.status], "version": f.version,
             "counts": store.current_version(db, f).counts} for f in _scope(db, who)]
    return sorted(rows, key=lambda r: (order[r["status"]], r["department"]))


@router.get("/overview")
def overview(who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> dict[str, Any]:
    """Findings by rule family × severity and by table across the region's departments, and
    the reviewers' marks (误报 counts are the precision statistics)."""
    require(who, "review_queue")
    families: Counter = Counter()
    tables: Counter = Counter()
    filings = _scope(db, who)
    for filing in filings:
        for finding in store.report_of(store.current_version(db, filing)).findings:
            rule = REGISTRY.get(finding.rule_id) if finding.rule_id in REGISTRY else None
            families[(rule.family if rule else "其他", finding.severity)] += 1
            if finding.location.table:
                tables[finding.location.table] += 1
    ids = [f.id for f in filings]
    marks = Counter((m.rule_id, m.mark) for m in db.scalars(select(FindingMark).where(FindingMark.filing_id.in_(ids))))
    return {"families": [{"family": k[0], "severity": k[1], "count": v} for k, v in sorted(families.items())],
            "tables": [{"table": k, "count": v} for k, v in tables.most_common()],
            "marks": [{"rule_id": k[0], "mark": k[1], "count": v} for k, v in sorted(marks.items())]}


@router.get("/{filing_id}/notice.docx")
def notice(filing_id: int, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    """整改通知: the department, the version reviewed, every 错误/警告 with where and what it should be."""
    from docx import Document

    filing = filing_or_404(db, filing_id, who)
    require(who, "review_queue", filing)
    current = store.current_version(db, filing)
    report = check(store.disclosure_of(current))
    document = Document()
    document.add_heading(f"关于{filing.department.name}{filing.year}年度部门决算公开的整改通知", level=1)
    document.add_paragraph(f"{filing.department.name}：")
    document.add_paragraph(f"经审核，贵单位报送的{filing.year}年度部门决算公开（第{current.number}版）存在以下问题，"
                           "请逐条整改后重新报送。")
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ("序号", "严重程度", "位置", "问题及应为")):
        cell.text = title
    serious = [f for f in report.findings if f.severity in ("错误", "警告")]
    for number, finding in enumerate(serious, start=1):
        expected = f"（应为 {finding.expected}）" if finding.expected not in (None, "") else ""
        for cell, text in zip(table.add_row().cells, (str(number), finding.severity, str(finding.location),
                                                        finding.message + expected)):
            cell.text = text
    if not serious:
        document.add_paragraph("未发现错误或警告。")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    store.audit(db, who.user, "notice", f"filing {filing.id} v{current.number}", who.address)
    name = f"notice-{filing.id}-v{current.number}.docx"
    return StreamingResponse(buffer, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
