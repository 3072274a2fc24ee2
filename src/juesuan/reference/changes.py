"""What changes between editions, as data: the edition manifest and the renames.

``data/editions.csv`` says, for each kind and year 2018–2025, which packaged list stands for that
year's edition and whether it is complete (``kind,year,file,status,note``). A year the manifest
does not list falls back to the newest packaged file not after it. Every packaged edition is
partial; a list the user imports (``juesuan codes import``) is taken as the complete official one.

``data/<kind>-renames.csv`` records renamed codes (``code,old_name,new_name,from_year,provenance``),
only where a source shows the rename. ``$JUESUAN_HOME/codes/<kind>-renames.csv`` adds the user's.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .codefile import CodeListError, CodeListProblem, _read_text

MANIFEST = "editions.csv"
SOURCES = "sources.csv"  # provenance key → edition year of the source (empty: unknown) and document
STATUSES = ("complete", "partial")


@dataclass(frozen=True)
class Rename:
    """``code`` was printed as ``old_name`` before ``from_year``; from then on it is ``new_name``."""

    code: str
    old_name: str
    new_name: str
    from_year: int
    provenance: str


@dataclass(frozen=True)
class ManifestRow:
    kind: str
    year: int
    file: str
    status: str
    note: str


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise CodeListError([CodeListProblem(str(path), 1, "header",
                                             f"表头缺少列 {', '.join(missing)} / header lacks {', '.join(missing)}")])
    return [(number, {k: (v or "").strip() for k, v in row.items() if k}) for number, row in enumerate(reader, start=2)]


@lru_cache(maxsize=4)
def manifest(directory: Path) -> dict[tuple[str, int], ManifestRow]:
    """(kind, year) → the packaged file that stands for that edition; a bad manifest raises located problems."""
    path = directory / MANIFEST
    if not path.is_file():
        return {}
    found: dict[tuple[str, int], ManifestRow] = {}
    problems = []
    for line, row in _rows(path, ("kind", "year", "file", "status")):
        if row["status"] not in STATUSES or not row["year"].isdigit() or not (directory / row["file"]).is_file():
            problems.append(CodeListProblem(str(path), line, "row", f"状态应为 complete/partial、年度为数字、文件存在 / "
                                            f"status must be complete/partial, year a number, file present: {row}"))
            continue
        found[(row["kind"], int(row["year"]))] = ManifestRow(row["kind"], int(row["year"]), row["file"],
                                                              row["status"], row.get("note", ""))
    if problems:
        raise CodeListError(problems)
    return found


@lru_cache(maxsize=4)
def source_years(directory: Path) -> dict[str, int | None]:
    """Provenance key → the edition year its source documents (None when the source states none)."""
    path = directory / SOURCES
    if not path.is_file():
        return {}
    return {row["key"]: int(row["year"]) if row["year"].isdigit() else None
            for _, row in _rows(path, ("key", "year", "document"))}


def _read_renames(path: Path) -> list[Rename]:
    found, problems = [], []
    for line, row in _rows(path, ("code", "old_name", "new_name", "from_year")):
        code = "".join(row["code"].split())
        if not code.isdigit() or not row["old_name"] or not row["new_name"] or not row["from_year"].isdigit():
            problems.append(CodeListProblem(str(path), line, "row", "编码须为数字，旧名称、新名称、起始年度不能为空 / "
                                            "code must be digits; old_name, new_name and from_year are required"))
            continue
        found.append(Rename(code, row["old_name"], row["new_name"], int(row["from_year"]), row.get("provenance", "")))
    if problems:
        raise CodeListError(problems)
    return found


@lru_cache(maxsize=16)
def _cached_renames(paths: tuple[tuple[str, int], ...]) -> tuple[Rename, ...]:
    # (path, mtime_ns) pairs: an edited user file is read again.
    return tuple(r for path, _ in paths for r in _read_renames(Path(path)))


def renames(kind: str, directories: tuple[Path, ...]) -> tuple[Rename, ...]:
    """Packaged and user renames of ``kind`` (packaged first)."""
    paths = tuple((str(p), p.stat().st_mtime_ns) for d in directories
                  if (p := d / f"{kind}-renames.csv").is_file())
    return _cached_renames(paths)
