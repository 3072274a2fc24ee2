"""Accumulates parsed values with their provenance, and the problems met on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Source
from .numbers import parse_amount, to_wanyuan
from .pages import Cell, Row
from .report import Problem


# Printed table amounts carry at most two decimals and no leading "0," group.
_MALFORMED = re.compile(r"^-?0,|\.\d{3,}$")


@dataclass
class Collector:
    file: str
    values: dict[str, Decimal] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    not_understood: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unclear_lines: set[tuple[int, int]] = field(default_factory=set)
    """(page, line) of rows with a cell that could not be placed (see ``unread``)."""
    set_aside: dict[str, Source] = field(default_factory=dict)
    """Cells read and then not trusted (``trust.py``): provenance ``unread``, never a zero."""
    _cut: tuple[int, int, float] | None = None  # noqa: money-float-ok (page, line, x of a cut amount)
    _base: _Base | None = None
    """A fork's view of the shared collector when forked (``fork``); None for the shared one."""
    _commits: dict[str, _Added] = field(default_factory=dict)
    """What each key's commit added, so a later commit of the same key replaces exactly that."""

    def fork(self, exclude: str = "") -> Collector:
        """A scratch collector over the same file that sees this one's entries (less those of table
        ``exclude``) and must leave them as they are: a read goes into a fork and only the read
        kept is committed (``commit``), so an undone read leaves nothing behind."""
        def seen(mapping: dict) -> dict:
            return {p: v for p, v in mapping.items() if not (exclude and p.startswith(exclude + "."))}

        base = _Base(seen(self.values), seen(self.sources), seen(self.set_aside),
                     len(self.not_understood), len(self.problems), frozenset(self.unclear_lines))
        return Collector(self.file, values=dict(base.values), sources=dict(base.sources),
                         not_understood=list(self.not_understood), problems=list(self.problems),
                         unclear_lines=set(self.unclear_lines), set_aside=dict(base.set_aside),
                         _cut=self._cut, _base=base)

    def commit(self, scratch: Collector, key: str) -> None:
        """Add what ``scratch`` (a fork of this collector) read, in order: values, sources,
        set-aside cells, problems, unclear lines. A second commit of ``key`` replaces what the first
        added (a table read again). A fork that rewrote or dropped an entry it was shown is refused:
        no read rewrites another stage's data."""
        base = scratch._base
        if base is None:
            raise ValueError("commit takes a fork of this collector")
        for mine, theirs in ((scratch.values, base.values), (scratch.sources, base.sources),
                             (scratch.set_aside, base.set_aside)):
            if any(p not in mine or (mine[p] is not v and mine[p] != v) for p, v in theirs.items()):
                raise ValueError(f"a read of {key} rewrote entries it did not make")
        if key in self._commits:
            self._withdraw(self._commits.pop(key))
        added = _Added(
            values=[p for p in scratch.values if p not in base.values],
            sources=[p for p in scratch.sources if p not in base.sources],
            set_aside=[p for p in scratch.set_aside if p not in base.set_aside],
            not_understood=scratch.not_understood[base.not_understood:],
            problems=scratch.problems[base.problems:],
            unclear_lines=scratch.unclear_lines - base.unclear_lines - self.unclear_lines)
        self.values.update((p, scratch.values[p]) for p in added.values)
        self.sources.update((p, scratch.sources[p]) for p in added.sources)
        self.set_aside.update((p, scratch.set_aside[p]) for p in added.set_aside)
        self.not_understood += added.not_understood
        self.problems += added.problems
        self.unclear_lines |= added.unclear_lines
        self._cut = scratch._cut
        self._commits[key] = added

    def _withdraw(self, added: _Added) -> None:
        """Take out exactly what one commit added (a line stays unclear while a problem names it)."""
        for mapping, paths in ((self.values, added.values), (self.sources, added.sources),
                               (self.set_aside, added.set_aside)):
            for path in paths:
                mapping.pop(path, None)
        self.not_understood[:] = [p for p in self.not_understood if all(p is not o for o in added.not_understood)]
        self.problems[:] = [p for p in self.problems if all(p is not o for o in added.problems)]
        self.unclear_lines -= added.unclear_lines - {(p.page, p.line) for p in self.not_understood}

    def source(self, row: Row, cell: Cell | None = None) -> Source:
        box = None
        if cell is not None:
            box = (round(cell.x0, 2), round(cell.y0, 2), round(cell.x1, 2), round(cell.y1, 2))  # noqa: money-float-ok
        return Source(kind="parsed", file=self.file, page=row.page, line=_printed_line(row, cell), bbox=box)

    def amount(self, path: str, row: Row, cell: Cell, unit: str) -> Decimal | None:
        value = parse_amount(cell.text)
        suspect = self._cut is not None and self._cut[:2] == (row.page, row.line) and cell.x0 >= self._cut[2]
        if suspect:
            self._cut = None  # the right neighbour of a cut amount lent it its leading digits
        if value is not None and (suspect or _MALFORMED.search(cell.text.replace(" ", ""))):
            # "45,894.644" + "5,519.17": amounts overflowing each other; report them, never guess
            if not suspect:
                self._cut = (row.page, row.line, cell.x1)
            self.unclear(row, f"金额不完整或与相邻单元格重叠 / amount cut or overlapping: {cell.text!r}", path)
            return None
        if value is None:
            self.unclear(row, f"不是金额 / not an amount: {cell.text!r}", path)
            return None
        value = to_wanyuan(value, unit)
        self.values[path] = value
        self.sources[path] = self.source(row, cell)
        return value

    def unclear(self, row: Row, message: str, field_name: str | None = None) -> None:
        self.unclear_lines.add((row.page, row.line))
        self.not_understood.append(Problem(file=self.file, page=row.page, line=row.line,
                                           field=field_name, message=message))

    def problem(self, message: str, page: int | None = None, line: int | None = None,
                field_name: str | None = None) -> None:
        self.problems.append(Problem(file=self.file, page=page, line=line, field=field_name, message=message))


@dataclass(frozen=True)
class _Base:
    """What a fork was shown (read-only) and the lengths of the lists it continues."""

    values: dict[str, Decimal]
    sources: dict[str, Source]
    set_aside: dict[str, Source]
    not_understood: int
    problems: int
    unclear_lines: frozenset[tuple[int, int]]


@dataclass(frozen=True)
class _Added:
    """The entries one commit added (paths, problems, lines)."""

    values: list[str]
    sources: list[str]
    set_aside: list[str]
    not_understood: list[Problem]
    problems: list[Problem]
    unclear_lines: set[tuple[int, int]]


def unread(cells: list[str], sources: dict[str, Source], lines: set[tuple[int, int]],
           file: str, set_aside: dict[str, Source] | None = None,
           whole: dict[str, tuple[str, tuple[int, int] | None]] | None = None,
           incomplete: dict[str, tuple[int, int] | None] | None = None) -> dict[str, Source]:
    """Provenance ``unread`` for what the model holds but nobody read: the values of table rows
    that have a cell the reader could not place (every item of such a row, path without its
    last part, that was not read), cells read and set aside (``set_aside``), and every cell of
    the tables in ``whole`` (key → (why, (page, line) of the table)), and the cells not read of
    the tables in ``incomplete`` (some printed amount not placed: a blank may be the one missed).
    Left at zero they would be taken for printed zeros."""
    set_aside = set_aside or {}
    whole = whole or {}
    rows: dict[str, Source] = {}
    for path, source in sources.items():
        if (source.page, source.line) in lines and source.kind == "parsed":
            rows.setdefault(path.rsplit(".", 1)[0], source)
    for path, source in set_aside.items():
        rows.setdefault(path.rsplit(".", 1)[0], source)
    out = {}
    for path in cells:
        table = path.split(".", 1)[0]
        row = rows.get(path.rsplit(".", 1)[0])
        if path in set_aside:
            out[path] = set_aside[path]
        elif table in whole:
            why, start = whole[table]
            own = sources.get(path)
            page, line = (own.page, own.line) if own else start or (None, None)
            out[path] = Source(kind="unread", ref=why, file=file, page=page, line=line)
        elif row is not None and path not in sources:
            out[path] = Source(kind="unread", ref="栏目无法确定 / column not certain", file=file,
                               page=row.page, line=row.line)
        elif table in (incomplete or {}) and path not in sources:
            page, line = incomplete[table] or (None, None)
            out[path] = Source(kind="unread", ref="表中有未读入的金额，本格未读到 / table not fully read, cell not read",
                               file=file, page=page, line=line)
    for table, start in (incomplete or {}).items():
        # rows the reader never made (a code it did not see) are unknown too: the table's own key
        # says so, and 审核 sets aside what names any of its items (checks/unknown.py)
        page, line = start or (None, None)
        out[table] = Source(kind="unread", ref="表中有未读入的金额 / table not fully read", file=file,
                            page=page, line=line)
    return out


def _printed_line(row: Row, cell: Cell | None) -> int:
    """The line a cell was printed on. In text a cell's y is its line number: a row that took an
    amounts-only line (ingest/virtual._join_split_rows) keeps each amount's own line, so the read
    coverage counts that line's amounts as placed, not lost. A PDF's y is in points: the row's."""
    if cell is None or cell.y0 == row.line or cell.y0 != int(cell.y0) or cell not in row.cells \
            or not any(c.y0 == row.line for c in row.cells):
        return row.line
    return int(cell.y0)
