"""The reviewer's audit report: one HTML page (and a DOCX for filing) per checked file, plus a batch index.

``render`` may not import ``checks`` (docs/architecture.md), so the caller hands the findings
over as plain data (``Finding.as_dict()``) together with the catalogue's family and Chinese
title of each rule; this package only arranges and prints them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .group import Group, group_findings

__all__ = ["Audit", "Group", "RuleInfo", "file_sha256", "group_findings", "write_audit", "write_index"]


@dataclass(frozen=True)
class RuleInfo:
    family: str
    title: str


@dataclass
class Audit:
    """Everything one report prints. ``findings`` are ``Finding.as_dict()`` records."""

    source: Path | None  # the checked file (a parsed PDF gets page links and thumbnails)
    department: str
    year: int | None
    profile: str | None
    findings: list[dict[str, Any]]
    rules: dict[str, RuleInfo]  # rule id → family and title, from the catalogue
    tool_version: str
    ruleset: str  # e.g. "142 条 · 3f9a1c2e"
    sha256: str = ""
    date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    boxes: dict[str, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)  # noqa: money-float-ok (PDF points)
    """Item path → (page, bbox) from the disclosure's provenance (parsed PDFs only)."""
    projects: tuple[str, ...] = ()
    """The 绩效自评 projects in the order the document prints them (groups follow it)."""

    @property
    def name(self) -> str:
        return self.source.name if self.source else "（未命名）"

    def counts(self) -> dict[str, int]:
        out = {"错误": 0, "警告": 0, "提示": 0}
        for f in self.findings:
            out[f["severity"]] = out.get(f["severity"], 0) + 1
        return out

    _thumbnails: Any = field(default=None, init=False, repr=False, compare=False)

    def thumbnail(self, finding: dict[str, Any]):
        """The finding's page region as a ``thumbs.Thumbnail`` (or None), the same in every format."""
        from .thumbs import Thumbnails

        if self._thumbnails is None:
            self._thumbnails = Thumbnails(self)
        return self._thumbnails(finding)

    def groups(self) -> list[Group]:
        """The findings grouped in the document's natural order (order.py)."""
        return group_findings(self.findings, self.profile, self.projects)

    def family_of(self, finding: dict[str, Any]) -> str:
        info = self.rules.get(finding["rule_id"])
        return info.family if info else "其他"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_audit(audit: Audit, out_dir: Path, stem: str | None = None) -> dict[str, Path | str]:
    """``<stem>.html``, ``<stem>.docx`` and ``<stem>.pdf`` in ``out_dir``; returns the paths by format.
    A PDF that typst cannot make (no font, a broken typst) is left out and ``"pdf_error"`` says why:
    the HTML and DOCX are written all the same."""
    from .docx import audit_docx
    from .html import audit_html
    from .pdf import audit_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or (audit.source.stem if audit.source else "audit")
    paths: dict[str, Path | str] = {"html": out_dir / f"{stem}.html", "docx": out_dir / f"{stem}.docx"}
    paths["docx"].write_bytes(audit_docx(audit))  # type: ignore[union-attr]
    try:
        pdf = audit_pdf(audit)
    except Exception as exc:  # typst's own failure: reported by the caller, the other formats stand
        paths["pdf_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    else:
        paths["pdf"] = out_dir / f"{stem}.pdf"
        paths["pdf"].write_bytes(pdf)  # type: ignore[union-attr]
    filing = [paths[k].name for k in ("docx", "pdf") if k in paths]  # type: ignore[union-attr]
    paths["html"].write_text(audit_html(audit, out_dir, filing), encoding="utf-8")  # type: ignore[union-attr]
    return paths


def write_index(entries: list[tuple[Audit | None, Path | None, str]], out_dir: Path) -> Path:
    """``index.html``: one row per file (report link and counts, or why it was not checked)."""
    from .html import index_html

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(index_html(entries, out_dir), encoding="utf-8")
    return path
