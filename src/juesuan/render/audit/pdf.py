"""The audit report as PDF for filing (typst, like the document itself): the DOCX's content, thumbnails included.

Data goes to ``report.typ`` as JSON in ``sys.inputs``; the thumbnails are PNG files beside the
template in a temporary folder (typst reads images from its root).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from . import Audit
from .content import FILING_HEAD, SEVERITIES, family_counts, filing_cells, meta_rows, title_of

TEMPLATE = Path(__file__).with_name("report.typ")
FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei"]


def report_data(audit: Audit, folder: Path) -> dict:
    """The report as plain data; each thumbnail written into ``folder`` and named by its file."""
    groups, written = [], 0
    for group in audit.groups():
        rows = []
        for f in group.findings:
            thumb, name = audit.thumbnail(f), None
            if thumb is not None:
                written += 1
                name = f"thumb-{written:03d}.png"
                (folder / name).write_bytes(thumb.png)
            rows.append({"cells": filing_cells(audit, f), "severity": f["severity"], "thumb": name,
                         "page": thumb.page if thumb else None})
        groups.append({"title": f"{group.title}（{len(group.findings)}）", "rows": rows})
    return {"title": title_of(audit), "fonts": FONTS, "meta": meta_rows(audit),
            "counts": {"head": ["规则族", *SEVERITIES, "合计"],
                       "rows": [[fam, *(str(n[s]) for s in SEVERITIES), str(sum(n.values()))]
                                for fam, n in family_counts(audit)]},
            "head": FILING_HEAD, "groups": groups, "empty": not audit.findings}


def audit_pdf(audit: Audit) -> bytes:
    import typst

    from ..style import font_search_dirs

    dirs, everything = font_search_dirs()
    with tempfile.TemporaryDirectory(prefix="juesuan-audit-") as tmp:
        folder = Path(tmp)
        shutil.copy(TEMPLATE, folder / TEMPLATE.name)
        data = json.dumps(report_data(audit, folder), ensure_ascii=False)
        fonts = typst.Fonts(include_system_fonts=everything, include_embedded_fonts=True,
                            font_paths=[str(d) for d in dirs])
        return typst.compile(folder / TEMPLATE.name, root=folder, font_paths=fonts, format="pdf",
                             sys_inputs={"data": data})
