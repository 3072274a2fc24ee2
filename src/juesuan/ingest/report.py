"""``ParseReport``: what a reader found, missed and did not understand."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

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
    confidence: Decimal = Field(default=Decimal("0"))
    """0–1: tables found, cells understood and identities holding."""
    ok: bool = False

    def summary(self) -> str:
        lines = [f"{self.file}: {self.kind}, {self.pages} 页/pages, profile {self.profile}",
                 f"  表 tables: {len(self.tables_found)}/9 found"
                 + (f", missing {', '.join(self.tables_missing)}" if self.tables_missing else ""),
                 f"  cells {self.cells}, claims {self.claims}, projects {self.projects}, "
                 f"confidence {self.confidence}"]
        lines += [f"  ! {p}" for p in self.problems]
        lines += [f"  ? {p}" for p in self.not_understood[:20]]
        if len(self.not_understood) > 20:
            lines.append(f"  ? … {len(self.not_understood) - 20} more")
        return "\n".join(lines)
