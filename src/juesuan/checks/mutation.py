"""Mutation testing of the rule set: change one printed amount, expect a 错误 that names it.

Used by the test suite (a sample) and by ``bench/check_bench.py`` (every cell). A
mutation counts as detected when a new 错误 (one the unmodified disclosure does not
have) names the changed cell or a total containing it (``Finding.items()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Iterable

from ..model import Disclosure, iter_table_cells, replace_value
from . import check

CENT = Decimal("0.01")
MUTATIONS: dict[str, Callable[[Decimal], Decimal]] = {
    "+0.02": lambda v: v + Decimal("0.02"),
    "+1%": lambda v: (v * Decimal("1.01")).quantize(CENT, rounding=ROUND_HALF_UP),
}


@dataclass(frozen=True)
class MutationResult:
    path: str
    mutation: str
    detected: bool
    applicable: bool
    """False when the change vanishes at printed precision (0 × 1.01, 0.07 × 1.01)."""
    rounding_level: bool = False
    """True when the change is a single cent (+1% of an amount under 1.50): within rounding."""


def _key(f) -> tuple:
    return (f.rule_id, str(f.location), f.message)


def mutate_all(disclosure: Disclosure, paths: Iterable[str] | None = None) -> list[MutationResult]:
    baseline = {_key(f) for f in check(disclosure).findings if f.severity == "错误"}
    cells = dict(iter_table_cells(disclosure))
    results = []
    for path in paths if paths is not None else cells:
        value = cells[path]
        for name, change in MUTATIONS.items():
            new = change(value)
            if new == value:
                results.append(MutationResult(path, name, False, False))
                continue
            report = check(replace_value(disclosure, path, new))
            detected = any(f.severity == "错误" and _key(f) not in baseline and path in f.items()
                           for f in report.findings)
            results.append(MutationResult(path, name, detected, True, abs(new - value) <= CENT))
    return results


def false_errors(disclosure: Disclosure, known: Iterable[tuple[str, str]]) -> list:
    """错误 findings of an unmodified disclosure that are not in ``known`` ((rule id, item or section))."""
    allowed = set(known)
    return [f for f in check(disclosure).findings if f.severity == "错误"
            and (f.rule_id, f.location.item or f.location.section) not in allowed]


# --- Text defects: through the rendered text and a reader, as a published document would come --------

@dataclass(frozen=True)
class TextMutationResult:
    defect: str
    """The class of ``mutants.CLASSES``."""
    line: int
    """0-based line of the rendered text that was changed."""
    before: str
    after: str
    detected: bool
    """A new 错误/警告 (one the unmodified text does not have)."""
    rules: tuple[str, ...] = ()
    """The rules of the new 错误/警告 findings."""


def _text_key(f) -> tuple:
    return (f.rule_id, f.message)


def merge_text(disclosure: Disclosure, read: Disclosure) -> Disclosure:
    """The data's tables and matters with the text as read back (lines, claims, narrative): a text
    rendering carries no tables, and the text rules judge what was printed."""
    return disclosure.model_copy(update={"printed": read.printed, "claims": read.claims, "narrative": read.narrative})


def text_mutations(disclosure: Disclosure, text: str, read_back: Callable[[str], Disclosure | None],
                   classes: Iterable[str] | None = None, per_class: int | None = None,
                   every: int = 1) -> list[TextMutationResult]:
    """Inject each class's defects one at a time into ``text`` (the disclosure rendered as text),
    read the text back with ``read_back`` (a reader: ``checks`` never imports ``ingest``), check it
    with the data's tables, and say whether a new 错误/警告 appeared. ``every`` takes every n-th
    candidate of a class (a sample), ``per_class`` caps them."""
    from .mutants import CLASSES, EXTRA_CLASSES

    every_class = CLASSES | EXTRA_CLASSES
    lines = text.split("\n")
    base_read = read_back(text)
    if base_read is None:
        raise ValueError("未能读回未修改的文本 / the unmodified text could not be read back")
    baseline = {_text_key(f) for f in check(merge_text(disclosure, base_read)).findings
                if f.severity in ("错误", "警告")}
    results = []
    for name in classes or CLASSES:
        candidates = list(dict.fromkeys(every_class[name](lines, disclosure)))[::every][:per_class]
        for index, new in candidates:
            changed = lines[:index] + [new] + lines[index + 1:]
            parsed = read_back("\n".join(changed))
            new_findings = [] if parsed is None else [
                f for f in check(merge_text(disclosure, parsed)).findings
                if f.severity in ("错误", "警告") and _text_key(f) not in baseline]
            results.append(TextMutationResult(name, index, lines[index], new, bool(new_findings),
                                              tuple(sorted({f.rule_id for f in new_findings}))))
    return results


def table_mutations(disclosure: Disclosure) -> list[TextMutationResult]:
    """Each table the disclosure has taken out (``missing``: the file lacks it), and each empty
    table's 空表说明 removed (from the table and from the printed lines): a new 错误/警告 is expected."""
    from ..model import TABLE_KEYS

    baseline = {_text_key(f) for f in check(disclosure).findings if f.severity in ("错误", "警告")}
    results = []
    for key, code, title in TABLE_KEYS:
        table = getattr(disclosure.tables, key)
        changes = [] if table.missing else [("missing", table.model_copy(update={"missing": True}), disclosure.printed)]
        if table.empty and (table.empty_note or table.note):
            kept = tuple(line for line in disclosure.printed if title not in line.text and code[:4] not in line.text)
            changes.append(("no-empty-note", table.model_copy(update={"empty_note": None, "note": None}), kept))
        for what, changed, printed in changes:
            tables = disclosure.tables.model_copy(update={key: changed})
            mutant = disclosure.model_copy(update={"tables": tables, "printed": printed})
            new = [f for f in check(mutant).findings if f.severity in ("错误", "警告") and _text_key(f) not in baseline]
            results.append(TextMutationResult("tables", -1, f"{code} {title}", what, bool(new),
                                              tuple(sorted({f.rule_id for f in new}))))
    return results
