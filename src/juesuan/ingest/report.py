"""``ParseReport``: what a reader found, missed and did not understand."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SkipValidation

from ..model.provenance import ReadingNote
from ..model.tables import TABLE_KEYS
from ..problems import FileProblem


# The one located-problem record of the project (file, page, line, field, message).
Problem = FileProblem


# --- the reader's decisions (``juesuan parse --explain``; recorded only when asked) -------------

@dataclass(frozen=True, slots=True)
class TitleCue:
    """A table title found by ``locate``: which alias matched, the 表号 printed before it."""

    key: str
    page: int
    line: int
    text: str
    alias: str
    number: str | None = None
    """公开02表 / 表3 / 附表1 / 2、 printed before the title."""
    continued: bool = False
    """（续表）: the title of a continuation page."""


@dataclass(frozen=True, slots=True)
class LocateStep:
    """One decision of ``locate`` besides a title: a repeated title skipped on a continuation
    page, a table ended by the narrative, a unit or a note taken from a line."""

    kind: str
    """repeat | end | unit | note | running"""
    key: str
    page: int
    line: int
    text: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    """One column band of a table and the field it was given, with the evidence."""

    band: int
    header: str
    field: str | None
    evidence: str


@dataclass(frozen=True, slots=True)
class TableRoute:
    """How ``tables.build_tables`` read one table: the route, why, and the column plan it used."""

    route: str
    """The route's id (``routes.ROUTES``): groups | identities | reading-order | columns | columns→identities"""
    title: str = ""
    """The route's title, 中文 English."""
    why: tuple[str, ...] = ()
    layout: str = ""
    """Where columns came from: ruled grid / spreadsheet or tab grid / guessed from x positions /
    space-joined cells / none (one cell per line)."""
    columns: tuple[ColumnChoice, ...] = ()


@dataclass(frozen=True, slots=True)
class PlacedCell:
    path: str
    value: Decimal


@dataclass(frozen=True, slots=True)
class RowTrace:
    """One printed row of a table block and what became of its amounts."""

    page: int
    line: int
    text: str
    seen: int
    """Non-zero amounts printed on the row (``coverage.count_amounts``)."""
    status: str
    """placed | partial | unread | no-amounts"""
    placed: tuple[PlacedCell, ...] = ()
    unread: tuple[tuple[str, str], ...] = ()
    """(cell path, why) of cells of this row left unknown."""
    reasons: tuple[str, ...] = ()
    """The reader's messages for this line (not understood, not proven, no consistent placement)."""


@dataclass(frozen=True, slots=True)
class TableTrace:
    key: str
    title: TitleCue
    continuations: tuple[TitleCue, ...]
    steps: tuple[LocateStep, ...]
    route: TableRoute | None
    rows: tuple[RowTrace, ...]
    seen: int
    placed: int
    unread_whole: str | None = None
    """Why the whole table is unread (a row lost, most amounts not placed), else None."""


@dataclass(frozen=True, slots=True)
class FigureTrace:
    text: str
    """The figure as printed, with its unit ("1,234.56万元")."""
    item: str | None = None
    measure: str | None = None
    why: str | None = None
    """Why no claim was made of it (None when it became one)."""


@dataclass(frozen=True, slots=True)
class SentenceTrace:
    page: int | None
    section: str | None
    sentence: str
    figures: tuple[FigureTrace, ...]


@dataclass(frozen=True, slots=True)
class ProjectTrace:
    """One 项目支出绩效自评表 read (``performance.py``)."""

    name: str
    indicators: int
    total_score: Decimal | None = None
    grade: str | None = None


@dataclass(frozen=True, slots=True)
class PageTrace:
    number: int
    rows: int
    grids: int
    pictured: bool = False


@dataclass(frozen=True, slots=True)
class Trace:
    """Every stage's decisions for one file: pages, meta, table blocks, routes and column plans,
    rows, coverage, claims. Built once after reading; stages never change each other's data."""

    file: str
    kind: str
    profile: str
    profile_note: str | None
    department: str | None
    department_line: str | None
    year: int | None
    year_line: str | None
    pages: tuple[PageTrace, ...]
    tables: tuple[TableTrace, ...]
    sentences: tuple[SentenceTrace, ...]
    confidence: Decimal
    projects: tuple[ProjectTrace, ...] = ()
    project_problems: tuple[tuple[int | None, int | None, str], ...] = ()
    """(page, line, message) of 自评表 lines or forms not read."""


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
    trace: Annotated[Trace | None, SkipValidation] = Field(default=None, exclude=True, repr=False)
    """The reader's decisions (``read(..., explain=True)``); None unless asked for."""

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
