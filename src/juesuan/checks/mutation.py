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
