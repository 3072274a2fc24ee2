"""The audit report as DOCX for filing: the HTML's content without the filters and marks."""

from __future__ import annotations

import io

from . import Audit
from .group import group_findings, plain, where
from .html import SEVERITIES, title_of


def _table(document, header: list[str], rows: list[list[str]], widths_cm: list[float] | None = None):  # noqa: money-float-ok (cm)
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
            if widths_cm:
                cell.width = Cm(widths_cm[i])
    return table


def audit_docx(audit: Audit) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    document.add_heading(title_of(audit), level=1)
    meta = [("文件", audit.name), ("部门", audit.department), ("年度", str(audit.year or "")),
            ("模板", audit.profile or ""), ("工具版本", f"juesuan {audit.tool_version}"), ("规则集", audit.ruleset),
            ("文件 SHA-256", audit.sha256), ("审核日期", audit.date)]
    _table(document, ["项目", "内容"], [[k, v] for k, v in meta], [3.5, 12.5])
    document.add_heading("按规则族和级别计数", level=2)
    fams: dict[str, dict[str, int]] = {}
    for f in audit.findings:
        fams.setdefault(audit.family_of(f), dict.fromkeys(SEVERITIES, 0))[f["severity"]] += 1
    total = audit.counts()
    rows = [[fam, *(str(n[s]) for s in SEVERITIES), str(sum(n.values()))] for fam, n in fams.items()]
    rows.append(["合计", *(str(total[s]) for s in SEVERITIES), str(sum(total.values()))])
    _table(document, ["规则族", *SEVERITIES, "合计"], rows)
    for group in group_findings(audit.findings, audit.profile):
        document.add_heading(f"{group.title}（{len(group.findings)}）", level=2)
        rows = []
        for f in group.findings:
            info = audit.rules.get(f["rule_id"])
            figures = "；".join(f"{k}{plain(str(f[key]))}" for k, key in (("应为 ", "expected"), ("实为 ", "actual"),
                                                                         ("差额 ", "difference")) if f.get(key) is not None)
            rows.append([f["severity"], f"{f['rule_id']} {info.title if info else ''}", where(f),
                         plain(f["message"]) + (f"（{figures}）" if figures else ""), plain(f.get("suggestion") or "")])
        _table(document, ["级别", "规则", "位置", "问题", "建议"], rows, [1.3, 3.2, 3.5, 6.0, 2.0])
    if not audit.findings:
        document.add_paragraph("未发现问题。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
