"""``ParseReport``: what a reader found, missed and did not understand."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from ..model.provenance import ReadingNote
from ..model.tables import TABLE_KEYS
from ..problems import FileProblem


# The one located-problem record of the project (file, page, line, field, message).
Problem = FileProblem


class ParseReport(BaseModel):
    """Outcome of reading one file."""

    model_config = ConfigDict(frozen=True)

    file: str
    kind: str = "unknown"
    """pdf | text | docx | xlsx | ocr | unknown"""
    pages: int = 0
    profile: str = "generic"
    profile_note: str | None = None
    tables_found: tuple[str, ...] = ()
    tables_missing: tuple[str, ...] = ()
    sections_found: tuple[str, ...] = ()
    sections_missing: tuple[str, ...] = ()
    cells: int = 0
    """Amount cells read from the nine tables."""
    claims: int = 0
    projects: int = 0
    unit_source: str | None = None
    """Unit printed on the tables (元 values are converted to 万元)."""
    not_understood: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    coverage: dict[str, tuple[int, int]] = Field(default_factory=dict)
    """Per table found: (non-zero amounts printed on its rows, of those placed in a cell)."""
    tables_unread: tuple[str, ...] = ()
    """Tables treated as unread as a whole (a printed row lost, or most amounts not placed)."""
    confidence: Decimal = Field(default=Decimal("0"))
    """0–1: the share of the amounts printed in the tables found that were placed (1.00 = all)."""
    ok: bool = False

    @property
    def why(self) -> str:
        """One line saying why no disclosure came out of the file (for a batch summary)."""
        # what the file is (a scan without OCR, a broken zip) before what it lacks
        said = [p.message for p in self.problems
                if not (p.field or "").startswith("meta.") and "not a disclosure" not in p.message]
        said += [p.message for p in self.problems if "not a disclosure" in p.message]
        return (said or [p.message for p in self.problems] or ["未读出内容 / nothing read"])[0]

    def summary(self) -> str:
        lines = [f"{self.file}: {self.kind}, {self.pages} 页/pages, profile {self.profile}",
                 f"  表 tables: {len(self.tables_found)}/9 found"
                 + (f", missing {', '.join(self.tables_missing)}" if self.tables_missing else ""),
                 f"  cells {self.cells}, claims {self.claims}, projects {self.projects}, "
                 f"confidence {self.confidence}"]
        if self.coverage:
            lines.append("  读入/印出 placed/printed: " + ", ".join(
                f"{key} {placed}/{seen}" + (" (未读 unread)" if key in self.tables_unread else "")
                for key, (seen, placed) in self.coverage.items()))
        lines += [f"  ! {p}" for p in self.problems]
        lines += [f"  ? {p}" for p in self.not_understood[:20]]
        if len(self.not_understood) > 20:
            lines.append(f"  ? … {len(self.not_understood) - 20} more")
        return "\n".join(lines)


_TABLES = {key for key, _, _ in TABLE_KEYS}


def reading_notes(problems, not_understood, unread_tables) -> tuple[ReadingNote, ...]:
    """The report's problems as ``Disclosure.reading``, classified for the D-… rules."""
    notes = []
    for p in problems:
        table = (p.field or "").split(".", 1)[0] or None
        if p.field in unread_tables:
            kind = "table"
        elif (p.field or "").startswith("meta."):
            kind = "meta"
        elif p.field is None and any(w in p.message for w in ("图片", "OCR", "扫描", "只读取前")):
            kind = "pages"
        elif table in _TABLES:
            kind = "cells"
        else:
            kind = "other"
        notes.append(ReadingNote(kind=kind, message=p.message, file=p.file, page=p.page, line=p.line,
                                 table=table if table in _TABLES else None))
    for p in not_understood:
        table = (p.field or "").split(".", 1)[0]
        notes.append(ReadingNote(kind="cells", message=p.message, file=p.file, page=p.page, line=p.line,
                                 table=table if table in _TABLES else None))
    return tuple(notes)
