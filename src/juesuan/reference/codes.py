"""Classification code editions (支出功能分类 / 部门支出经济分类) and lookups.

Editions are CSV files named ``<kind>-<year>.csv`` with the header
``code,name[,level,parent,provenance,aliases]``. Packaged editions live in ``data/``; a complete
official list imported by the user (``juesuan codes import``) lives in ``$JUESUAN_HOME/codes/``
(default ``~/.local/share/juesuan/codes/``) and wins over a packaged edition of the same year.
Which packaged list stands for which year, and whether it is complete, is data
(``data/editions.csv``); so are renamed codes (``data/<kind>-renames.csv``), see ``changes``.
Unknown codes are normal (the packaged lists are partial): lookups return ``None``, never raise.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict

from .changes import Rename, manifest, renames, source_years
from .codefile import CodeListError, CodeListProblem, read_code_list, write_code_list

Kind = Literal["function", "economic"]
KINDS: tuple[str, ...] = ("function", "economic")
DATA_DIR = Path(__file__).parent / "data"
_EDITION_FILE = re.compile(r"^(function|economic)-(\d{4})\.csv$")
_SPACE = re.compile(r"\s+")

__all__ = [
    "Code", "CodeBook", "CodeListError", "CodeListProblem", "Edition", "KINDS", "Kind", "Rename",
    "editions", "import_edition", "normalize_name", "renames_of", "user_home", "user_codes_dir",
]


class Code(BaseModel):
    """One 类/款/项 of an edition. ``provenance`` keys are explained in docs/reference-data.md."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    level: int  # 1 = 类, 2 = 款, 3 = 项
    parent: str | None = None
    provenance: str = ""
    aliases: tuple[str, ...] = ()  # other printed names (e.g. the seed's 技术与开发 for 20604)

    @property
    def verified(self) -> bool:
        """True when code and name were seen printed together in a source for this edition
        (keys ``V-…``); rows carried over from an older edition (``+FROM-…``) are not."""
        return self.provenance.startswith("V") and "+FROM-" not in self.provenance


@lru_cache(maxsize=8192)  # the same few hundred names recur in every document
def normalize_name(name: str) -> str:
    """Compare names as documents print them: NFKC (full/half width), no whitespace at all."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))


def user_home() -> Path:
    """``$JUESUAN_HOME`` or ``~/.local/share/juesuan``."""
    home = os.environ.get("JUESUAN_HOME")
    return Path(home) if home else Path.home() / ".local" / "share" / "juesuan"


def user_codes_dir() -> Path:
    return user_home() / "codes"


@dataclass(frozen=True)
class Edition:
    """A code list file: which kind and year, packaged or imported by the user."""

    kind: str
    year: int
    path: Path
    source: Literal["packaged", "user"]


def _scan(directory: Path, source: Literal["packaged", "user"]) -> list[Edition]:
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = _EDITION_FILE.match(path.name)
        if match:
            found.append(Edition(match[1], int(match[2]), path, source))
    return found


def editions(kind: str = "function") -> list[Edition]:
    """All editions of a kind, oldest first; for one year a user edition sorts after (wins)."""
    every = _scan(DATA_DIR, "packaged") + _scan(user_codes_dir(), "user")
    return sorted((e for e in every if e.kind == kind), key=lambda e: (e.year, e.source == "user"))


def _select(kind: str, year: int) -> Edition | None:
    """The user's newest edition not after ``year`` when it is at least as recent as the packaged
    file the manifest names for ``year`` (else the newest packaged file not after it, else the oldest)."""
    found = editions(kind)
    if not found:
        return None
    packaged = [e for e in found if e.source == "packaged"]
    listed = manifest(DATA_DIR).get((kind, year))
    chosen = next((e for e in packaged if listed and e.path.name == listed.file), None)
    if chosen is None and packaged:
        older = [e for e in packaged if e.year <= year]
        chosen = older[-1] if older else packaged[0]
    user = [e for e in found if e.source == "user" and e.year <= year]
    if user and (chosen is None or user[-1].year >= min(chosen.year, year)):
        return user[-1]
    return chosen


def _complete(edition: Edition) -> bool:
    """A user's import is the official list; a packaged file only when every year it stands for says so."""
    if edition.source == "user":
        return True
    rows = [r for r in manifest(DATA_DIR).values() if r.kind == edition.kind and r.file == edition.path.name]
    return bool(rows) and all(r.status == "complete" for r in rows)


def renames_of(kind: str = "function") -> tuple[Rename, ...]:
    """Renamed codes of ``kind``: packaged ones, then the user's."""
    return renames(kind, (DATA_DIR, user_codes_dir()))


def import_edition(source: Path, year: int, kind: str = "function") -> Edition:
    """Check a complete official list and store it as the user's edition for ``year``.

    Raises ``CodeListError`` (located problems) and stores nothing when the file is bad.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    rows = read_code_list(Path(source), kind=kind)
    target = user_codes_dir() / f"{kind}-{int(year)}.csv"
    write_code_list(rows, target, provenance=f"USER:{Path(source).name}")
    return Edition(kind, int(year), target, "user")


class CodeBook:
    """One edition, indexed. Obtain with ``CodeBook.for_year``; books are cached and immutable."""

    def __init__(self, kind: str, year: int, codes: list[Code], source: str = "packaged",
                 file: Path | None = None, complete: bool = False):
        self.kind, self.year, self.source, self.file = kind, year, source, file
        self.complete = complete  # False: a code missing from the book cannot be judged
        self._codes: dict[str, Code] = {c.code: c for c in codes}
        self._children: dict[str | None, list[Code]] = {}
        for c in codes:
            self._children.setdefault(c.parent, []).append(c)
        self._by_name: dict[str, list[Code]] = {}
        for c in codes:
            for name in {normalize_name(n) for n in (c.name, *c.aliases)}:
                self._by_name.setdefault(name, []).append(c)

    def __repr__(self) -> str:
        return f"CodeBook({self.kind!r}, {self.year}, {len(self)} codes, {self.source})"

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    @classmethod
    def for_year(cls, year: int, kind: str = "function") -> "CodeBook":
        """The newest edition ≤ ``year`` (else the oldest); an empty book if none exists."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        edition = _select(kind, int(year))
        if edition is None:
            return cls(kind, int(year), [], source="none")
        return _load(edition.kind, edition.year, str(edition.path), edition.source,
                     edition.path.stat().st_mtime_ns, _complete(edition))

    def get(self, code: str) -> Code | None:
        return self._codes.get(_clean(code))

    def is_known(self, code: str) -> bool:
        return _clean(code) in self._codes

    def parent(self, code: str) -> Code | None:
        found = self.get(code)
        return self._codes.get(found.parent) if found and found.parent else None

    def children(self, code: str | None) -> list[Code]:
        """Direct children in edition order; ``children(None)`` is the 类 list."""
        return list(self._children.get(None if code is None else _clean(code), []))

    def classes(self) -> list[Code]:
        """The 类 of the edition, in order."""
        return [c for c in self._children.get(None, []) if c.level == 1]

    def path(self, code: str) -> list[Code]:
        """类 → 款 → 项 down to ``code``; empty when unknown."""
        chain: list[Code] = []
        found = self.get(code)
        while found is not None:
            chain.append(found)
            found = self._codes.get(found.parent) if found.parent else None
        return chain[::-1]

    def name_matches(self, code: str, name: str) -> bool | None:
        """Whether ``name`` is the edition's name (or an alias) of ``code``; ``None`` when unknown."""
        found = self.get(code)
        if found is None:
            return None
        wanted = normalize_name(name)
        return any(normalize_name(n) == wanted for n in (found.name, *found.aliases))

    def verified_for(self, code: str, year: int) -> bool:
        """Whether code and name were printed together in a source of ``year``'s own edition
        (``data/sources.csv`` gives each provenance key's year), or the book is a complete list."""
        found = self.get(code)
        if found is None:
            return False
        return self.complete or (found.verified and source_years(DATA_DIR).get(found.provenance) == year)

    def outdated(self, code: str, name: str, year: int, renames: tuple[Rename, ...] | None = None) -> Rename | None:
        """The rename when ``name`` is an old name of ``code`` that a ``year`` document should no longer print
        (``renames``: the kind's renames when already at hand, e.g. once per check)."""
        wanted = normalize_name(name)
        every = renames_of(self.kind) if renames is None else renames
        return next((r for r in every if r.code == _clean(code) and r.from_year <= year
                     and normalize_name(r.old_name) == wanted and not self.name_matches(code, name)), None)

    def name_in(self, code: str, year: int, renames: tuple[Rename, ...] | None = None) -> str | None:
        """The name in force in ``year``: the book's, or the old name of a rename not yet in force."""
        found = self.get(code)
        if found is None:
            return None
        every = renames_of(self.kind) if renames is None else renames
        later = sorted((r for r in every if r.code == found.code and r.from_year > year), key=lambda r: r.from_year)
        return later[0].old_name if later else found.name

    def find(self, name: str, level: int | None = None, parent: str | None = None) -> list[Code]:
        """Codes whose name or alias matches ``name``, optionally filtered by level and parent code."""
        hits = self._by_name.get(normalize_name(name), [])
        return [c for c in hits if (level is None or c.level == level)
                and (parent is None or c.parent == _clean(parent))]


def _clean(code: object) -> str:
    return _SPACE.sub("", str(code)) if code is not None else ""


@lru_cache(maxsize=32)
def _load(kind: str, year: int, path: str, source: str, mtime_ns: int, complete: bool) -> CodeBook:
    # mtime_ns is part of the key so a re-imported list is read again.
    codes = [Code(**row) for row in read_code_list(Path(path), kind=kind)]
    return CodeBook(kind, year, codes, source=source, file=Path(path), complete=complete)
