"""Unknown is never zero: no 错误/警告 may rest on a value nobody read.

A read document holds values the reader saw but could not place (provenance ``unread``) and
tables it did not find (``missing``); the model keeps 0.00 there, which a rule cannot tell
from a printed zero. The runner sets aside findings that name such a value (R-003/R-004, by
``Finding.items()``), but a rule may read a value without naming it (a share's base, "该项为0"
in a list, a table's "no data"). So the runner asks the data instead of trusting the rules:
every unknown value is replaced by a distinct non-zero amount and the rules that reported
错误/警告 run again; a finding that does not come back as it was depended on an unknown value
and is set aside. Findings that hold whatever the unknown values are (a table the file lacks,
a misspelt name) stay.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterable

from ..model import TABLE_KEYS, iter_table_cells, lookup
from .finding import Finding

SERIOUS = ("错误", "警告")
ALL_FORMS = "performance.projects"
"""Named by what needs every 自评表 form (counts, totals, grades): a reader that saw a form and could
not keep it provenances this path ``unread``, and what names it is set aside."""
_TABLES = {key for key, _, _ in TABLE_KEYS}


def unknown_paths(disclosure: Any) -> list[str]:
    """Item paths whose value is unknown: cells of missing tables, values provenanced ``unread``."""
    missing = {key for key in _TABLES if getattr(disclosure.tables, key).missing}
    paths = [path for path, _ in iter_table_cells(disclosure) if path.split(".", 1)[0] in missing] \
        if missing else []  # no table missing (the usual case): no walk over every cell
    paths += [path for path, source in disclosure.provenance.items() if source.kind == "unread"]
    return list(dict.fromkeys(paths))


def _set(data: dict, path: str, value: Decimal) -> bool:
    """Put ``value`` at ``path`` in ``Disclosure.model_dump()`` data (the walk of ``replace_value``)."""
    parts = path.split(".")
    node: Any = data["tables"] if parts[0] in _TABLES else data
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(node, dict) and part in node:
            if last:
                if isinstance(node[part], dict):
                    node, part = node[part], "amount"
                if part not in node or isinstance(node[part], bool) or node[part] is None:
                    return False  # nothing printed there (None stays unknown by itself)
                node[part] = int(value) if isinstance(node[part], int) else value
                return True
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict):
            rows = [r for attr in ("rows", "classes") for r in node.get(attr, ()) if r.get("code") == part]
            if not rows:
                return False
            node = rows[-1]
            if last:
                if "amount" not in node:
                    return False
                node["amount"] = value
                return True
        else:
            return False
    return False


TRIALS = (lambda i: Decimal(1000 + 37 * i) + Decimal("0.13"),  # large, distinct
          lambda i: Decimal(i % 97 + 1) / Decimal(100))  # small, distinct: other shares, ranks, thresholds


def perturbed(disclosure: Any, paths: Iterable[str], trial: int = 0) -> Any:
    """A copy in which every unknown value is a distinct non-zero amount (trial 0: 1000.13,
    1037.13, …; trial 1: 0.01, 0.02, …)."""
    data = disclosure.model_dump()
    changed = False
    for index, path in enumerate(paths):
        if lookup(disclosure, path) is None:
            continue
        changed |= _set(data, path, TRIALS[trial](index))
    return type(disclosure).model_validate(data) if changed else None


def _key(finding: Finding) -> tuple:
    return (finding.rule_id, finding.severity, str(finding.location), finding.message)


def set_aside_dependent(disclosure: Any, findings: list[Finding],
                        rerun: Callable[[Any, set[str]], list[Finding]]) -> tuple[list[Finding], list[Finding]]:
    """(kept, set aside): 错误/警告 that do not survive a change of the unknown values.

    ``rerun(disclosure, rule_ids)`` runs the named rules on another disclosure.
    """
    serious = [f for f in findings if f.severity in SERIOUS and not f.rule_id.startswith("R-")]
    if not serious:
        return findings, []
    paths = unknown_paths(disclosure)
    if not paths:
        return findings, []
    # a finding that names an unknown value inside a longer path ("comparisons.<item>.reason")
    unknown = set(paths)
    dropped = [f for f in serious if any(names_unknown(item, unknown) for item in f.items())]
    for trial in range(len(TRIALS)):  # a finding must come back under every change to stay
        other = perturbed(disclosure, paths, trial)
        if other is None:  # nothing to change (a table's own key, rows never made): naming decides
            break
        gone = {id(f) for f in dropped}
        left = [f for f in serious if id(f) not in gone]
        again = {_key(f) for f in rerun(other, {f.rule_id for f in left})} if left else set()
        dropped += [f for f in left if _key(f) not in again]
    gone = {id(f) for f in dropped}
    return [f for f in findings if id(f) not in gone], dropped


def names_unknown(item: str, unknown: set[str]) -> bool:
    """``item`` is an unknown path or holds one as a run of its parts."""
    parts = item.split(".")
    return any(".".join(parts[i:j]) in unknown for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))


def rerun_rules(rules: list, prev: Any, profile: str) -> Callable[[Any, set[str]], list[Finding]]:
    """``rerun`` for ``set_aside_dependent``: the named rules of ``rules``, crash-proof. A defect
    finding (T00-*) is made from every identity's failures by ``defects.consolidate``, not by a
    rule of its own: asked for one, every rule runs and the failures are consolidated again (it
    was never found again, so every T00-001 was set aside when any value was unread)."""
    from .defects import CONSOLIDATED, consolidate
    from .registry import RuleContext

    def rerun(other: Any, ids: set[str]) -> list[Finding]:
        out: list[Finding] = []
        shared: dict[str, Any] = {}
        every = bool(ids & CONSOLIDATED)
        for rule in rules:
            if (every or rule.id in ids) and rule.check is not None:
                try:
                    out.extend(rule.check(RuleContext(other, prev, profile, rule, shared)))
                except Exception:  # noqa: BLE001 - a crash here only means the finding is not confirmed
                    continue
        if every:
            try:
                out = consolidate(other, out, shared)
            except Exception:  # noqa: BLE001 - as in run_check: the identity findings stand as they are
                pass
        return out

    return rerun


def tables_of(disclosure: Any, dropped: list[Finding],
              rerun: Callable[[Any, set[str]], list[Finding]]) -> dict[int, str]:
    """id(finding) → the table whose unknown values a set-aside finding rests on: one it names
    or its location's; else the first table whose values alone, changed, make it go."""
    paths = unknown_paths(disclosure)
    by_table: dict[str, list[str]] = {}
    for path in paths:
        by_table.setdefault(path.split(".", 1)[0], []).append(path)
    out: dict[int, str] = {}
    open_ = []
    for finding in dropped:
        named = sorted({item.split(".", 1)[0] for item in finding.items()} & by_table.keys())
        table = named[0] if named else finding.location.table if finding.location.table in by_table else None
        if table is None:
            open_.append(finding)
        else:
            out[id(finding)] = table
    for table, table_paths in by_table.items():
        if not open_:
            break
        other = perturbed(disclosure, table_paths)
        if other is None:
            continue
        again = {_key(f) for f in rerun(other, {f.rule_id for f in open_})}
        for finding in [f for f in open_ if _key(f) not in again]:
            out[id(finding)] = table
            open_.remove(finding)
    for finding in open_:  # rests on several tables at once: counted under the first
        out[id(finding)] = next(iter(by_table))
    return out
