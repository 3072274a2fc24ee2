"""A defect in a published document, read from the PDF and from its text shapes.

One printed amount of an example changed the way ``juesuan.checks.mutation.mutate_all`` changes
it ("+0.02", "+1%"); the mutant's tables rendered to PDF with the original's narrative (the
document is defective as published); the PDF and its text shapes read back. Per shape: amounts in
a cell that is not theirs against the mutant, silent zeros, the changed cell's state, and whether
the defect is detected — a 错误/警告 the unchanged document's read of the same shape does not
have, naming the changed cell (``Finding.items()``: the cell or a total holding it), as
``mutate_all`` decides. Shared by ``bench/shape_mutations.py`` and ``test_shape_mutations.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from juesuan import fileformat
from juesuan.checks import check
from juesuan.checks.mutation import MUTATIONS
from juesuan.ingest import read
from juesuan.model import Disclosure, iter_table_cells, replace_value

from .shapes import _pdfium, _pdfplumber, _pdftotext, score

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ("urumqi-iit-2022", "shanghai-putuo-czj-2024")
TEXT_SHAPES = {
    "pdfplumber": _pdfplumber,
    "pdftotext-raw": lambda pdf: _pdftotext(pdf, "-raw"),
    "pdftotext-layout": lambda pdf: _pdftotext(pdf, "-layout"),
    "viewer": _pdfium,
    "viewer-single-space": lambda pdf: re.sub(r"[ \t\u3000]+", " ", _pdfium(pdf)),
}
DEFAULT_SHAPES = ("pdfplumber", "pdftotext-raw", "pdftotext-layout", "viewer-single-space")


def serious(disclosure: Disclosure | None) -> dict[tuple, object]:
    """The 错误/警告 of ``juesuan check``, keyed as ``mutate_all`` keys them (rule, location, message) but
    without the file, page and line: the mutant is another file, and a wider amount may move a line."""
    if disclosure is None:
        return {}
    return {(f.rule_id, f.severity, replace(f.location, text="", file=None, page=None, line=None), f.message): f
            for f in check(disclosure).findings if f.severity in ("错误", "警告")}


@dataclass
class Outcome:
    """One mutant read from one shape (``shape`` "data": the mutant's own model, no reading)."""

    path: str
    mutation: str
    shape: str
    detected: bool
    """A new 错误/警告 names the changed cell (or a total holding it)."""
    new: list = field(default_factory=list)
    """Every new 错误/警告 (naming the cell or not)."""
    wrong: list = field(default_factory=list)
    zero: list = field(default_factory=list)
    cell: str = "right"
    """The changed cell as read: right, wrong, unread or zero."""


def _outcome(path, mutation, shape, disclosure, baseline, expected) -> Outcome:
    new = [f for key, f in serious(disclosure).items() if key not in baseline]
    s = score(expected, disclosure)
    wrong = {p for p, *_ in s.wrong}
    cell = ("wrong" if path in wrong else "zero" if path in s.zero
            else "right" if disclosure is not None and dict(iter_table_cells(disclosure)).get(path) == expected[path]
            else "unread")
    return Outcome(path, mutation, shape, any(path in f.items() for f in new), new, s.wrong, s.zero, cell)


def shape_reads(pdf: Path, directory: Path, shapes: tuple[str, ...]) -> dict[str, Disclosure | None]:
    """The PDF's read (first) and each text shape's (absent: the extractor is not installed)."""
    reads = {"pdf": read(pdf)[0]}
    for shape in shapes:
        text = TEXT_SHAPES[shape](pdf)
        if text is None:
            continue
        path = directory / f"{pdf.stem}.{shape}.txt"
        path.write_text(text, encoding="utf-8")
        reads[shape] = read(path)[0]
    return reads


class Example:
    """An example rendered to PDF as published, its shapes read once as the baseline of its mutants."""

    def __init__(self, stem: str, directory: Path, shapes: tuple[str, ...] = DEFAULT_SHAPES):
        from juesuan.narrative import compose

        self.stem, self.directory, self.shapes = stem, directory, shapes
        self.disclosure = fileformat.load(ROOT / "examples" / f"{stem}.yaml")
        self.composed = compose(self.disclosure)  # the original's narrative, kept for every mutant
        self.cells = dict(iter_table_cells(self.disclosure))
        self.baseline = {"data": serious(self.disclosure)}
        reads = shape_reads(self._render(self.disclosure, "original"), directory, shapes)
        self.baseline |= {shape: serious(d) for shape, d in reads.items()}
        self.base_scores = {shape: score(self.cells, d) for shape, d in reads.items()}

    def _render(self, disclosure: Disclosure, name: str) -> Path:
        from juesuan.render.package import render_package

        folder = self.directory / name
        folder.mkdir(parents=True, exist_ok=True)
        (outcome,) = render_package(("pdf",), disclosure, self.composed, folder / self.stem)
        if outcome.error is not None:
            raise outcome.error
        return outcome.path

    def mutants(self, every: int = 1, mutations: tuple[str, ...] = tuple(MUTATIONS)) -> list[tuple[str, str, Decimal]]:
        """(path, mutation, new amount) for every ``every``-th printed non-zero cell; changes that vanish
        at printed precision (two decimals: +1% of 0.07) are skipped."""
        printed = [(p, v) for p, v in self.cells.items() if v][::every]
        return [(p, name, new) for p, v in printed for name in mutations
                if (new := MUTATIONS[name](v)).quantize(Decimal("0.01")) != v]

    def run(self, path: str, mutation: str, value: Decimal) -> dict[str, Outcome]:
        """The mutant on its own model ("data"), its PDF and each text shape of the PDF."""
        mutant = replace_value(self.disclosure, path, value)
        expected = dict(iter_table_cells(mutant))
        folder = f"{path}{mutation}".replace("%", "pct")
        outcomes = {"data": _outcome(path, mutation, "data", mutant, self.baseline["data"], expected)}
        reads = shape_reads(self._render(mutant, folder), self.directory / folder, self.shapes)
        for shape, disclosure in reads.items():
            outcomes[shape] = _outcome(path, mutation, shape, disclosure, self.baseline[shape], expected)
        return outcomes
