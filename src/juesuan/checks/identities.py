"""Identities as data: ``identities/*.yaml`` evaluated safely (simpleeval), one rule per entry.

An entry::

    - id: T01-001
      title: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
      expr: summary.income.grand_total == summary.income.total + summary.income.use_of_non_fiscal_surplus + summary.income.opening_balance
      severity: 错误            # beyond the rounding envelope (default 错误)
      tolerance: auto           # auto = rounding envelope of the figures; or a number (万元)
      profiles: []              # empty = every profile
      since: null               # first year; until: last year
      for_each: expenditure     # optional: evaluate per row (row.<col>, children.<col>)
      where: has_children       # optional row filter: has_children | level=N
      vars: {col: [total, basic]}   # optional: the entry is evaluated for every value of {col}

References in ``expr``: item paths (``summary.income.total``, ``basic_expenditure.301.amount``;
an absent row counts as 0), row sets ``<table>.rows[level=1,code!=301].<col>`` and
``<two-sided>.expenditure.classes.<col>`` (lists, for ``sum``), and in per-row entries
``row.<col>`` and ``children.<col>`` (the rows one level down under the row's code).
The expression has one ``==``; both sides are evaluated and compared.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml
from simpleeval import SimpleEval

from ..model import lookup
from .locate import describe_item as describe
from .finding import Location
from .registry import REGISTRY, Rule, RuleContext
from .tolerance import defer_rounding, envelope

DIRECTORY = Path(__file__).parent / "identities"
_REF = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.\w+)*(?:\[[^\]]*\](?:\.\w+)*)?)\b(?!\s*\()")
_FUNCTIONS = {"sum": lambda values: sum(values, Decimal(0)), "abs": abs}
ZERO = Decimal(0)


@dataclass(frozen=True)
class Compiled:
    """An expression with its references replaced by ``v0, v1, …`` and parsed once."""

    refs: tuple[str, ...]
    left: Any
    right: Any
    left_text: str
    right_text: str


@lru_cache(maxsize=1024)
def compile_expr(expr: str) -> Compiled:
    refs: list[str] = []

    def name(match: re.Match[str]) -> str:
        refs.append(match.group(1))
        return f"v{len(refs) - 1}"

    replaced = _REF.sub(name, expr)
    if replaced.count("==") != 1:
        raise ValueError(f"恒等式必须恰有一个 == / identity needs exactly one '==': {expr}")
    left, right = (part.strip() for part in replaced.split("=="))
    left_text, right_text = (part.strip() for part in expr.split("=="))
    return Compiled(tuple(refs), SimpleEval.parse(left), SimpleEval.parse(right), left_text, right_text)


def _row_label(row: Any) -> str:
    return "total" if row.code == "合计" else row.code


def _table_rows(disclosure: Any, table: str) -> list[Any]:
    """Rows a per-row entry iterates: coded rows (合计 first) or the class lines of 01/04."""
    if table.endswith(".classes"):
        node: Any = disclosure.tables
        for part in table.split(".")[:-1]:
            node = getattr(node, part)
        return list(node.classes)
    model = getattr(disclosure.tables, table)
    total = getattr(model, "total", None)
    head = [total] if total is not None and hasattr(total, "code") else []
    return head + list(model.rows)


def _select(rows: list[Any], selector: str) -> list[Any]:
    chosen = [r for r in rows if r.code != "合计"]
    for condition in filter(None, (c.strip() for c in selector.split(","))):
        key, op, wanted = re.match(r"(\w+)\s*(!=|=)\s*(\S+)", condition).groups()  # type: ignore[union-attr]
        chosen = [r for r in chosen if (str(getattr(r, key)) == wanted) == (op == "=")]
    return chosen


def _children(rows: list[Any], row: Any) -> list[Any]:
    return [r for r in rows if r.code != "合计" and r.level == row.level + 1 and r.code.startswith(row.code)]


class Resolver:
    """Turns references into (item path, value) lists for one evaluation."""

    def __init__(self, disclosure: Any, table: str | None = None, row: Any = None, rows: list | None = None):
        self.d, self.table, self.row, self.rows = disclosure, table, row, rows

    def resolve(self, ref: str) -> tuple[bool, list[tuple[str, Decimal]]]:
        """(is_list, [(path, value)])."""
        head, _, rest = ref.partition(".")
        if head == "row":
            return False, [(self._path(self.row, rest), getattr(self.row, rest))]
        if head == "children":
            return True, [(self._path(r, rest), getattr(r, rest)) for r in _children(self.rows, self.row)]
        if "[" in ref:
            table, selector, column = re.match(r"(\w+)\.rows\[([^\]]*)\]\.(\w+)", ref).groups()  # type: ignore[union-attr]
            rows = _select(_table_rows(self.d, table), selector)
            return True, [(f"{table}.{r.code}.{column}", getattr(r, column)) for r in rows]
        if ".classes." in ref:
            table, column = ref.rsplit(".", 1)
            lines = _table_rows(self.d, table)
            base = table[: -len(".classes")]
            suffix = "" if column == "amount" else f".{column}"
            return True, [(f"{base}.{line.code}{suffix}", getattr(line, column)) for line in lines]
        value = lookup(self.d, ref)
        return False, [(ref, value if value is not None else ZERO)]

    def _path(self, row: Any, column: str) -> str:
        if self.table and self.table.endswith(".classes"):
            base = self.table[: -len(".classes")]
            return f"{base}.{row.code}" + ("" if column == "amount" else f".{column}")
        return f"{self.table}.{_row_label(row)}.{column}"


def evaluate(compiled: Compiled, resolver: Resolver) -> tuple[Decimal, Decimal, list[tuple[str, Decimal]]]:
    """(left, right, every (path, value) involved) of one identity."""
    names: dict[str, Any] = {}
    cells: list[tuple[str, Decimal]] = []
    for index, ref in enumerate(compiled.refs):
        is_list, pairs = resolver.resolve(ref)
        cells.extend(pairs)
        values = [v for _, v in pairs]
        names[f"v{index}"] = values if is_list else values[0]
    evaluator = SimpleEval(names=names, functions=_FUNCTIONS)
    left = evaluator.eval("", previously_parsed=compiled.left)
    right = evaluator.eval("", previously_parsed=compiled.right)
    return Decimal(left), Decimal(right), cells


def _expand(entry: dict) -> Iterator[tuple[str, str]]:
    """(expr, title) for every combination of ``vars``."""
    variables = entry.get("vars") or {}
    keys = list(variables)
    for combo in itertools.product(*(variables[k] for k in keys)) if keys else [()]:
        values = dict(zip(keys, combo))
        yield entry["expr"].format(**values), entry["title"]


def _rows_for(entry: dict, disclosure: Any) -> list[tuple[Any, list]]:
    table = entry.get("for_each")
    if not table:
        return [(None, [])]
    rows = _table_rows(disclosure, table)
    where = entry.get("where")
    chosen = []
    for row in rows:
        if where == "has_children" and (row.code == "合计" or not _children(rows, row)):
            continue
        if where and where.startswith("level=") and str(getattr(row, "level", "")) != where[6:]:
            continue
        chosen.append(row)
    return [(row, rows) for row in chosen]


def make_check(entry: dict):
    """The check function of one YAML identity."""
    severity = entry.get("severity", "错误")
    fixed = entry.get("tolerance", "auto")
    group_table = entry.get("for_each", entry["expr"]).split(".")[0]

    def check(ctx: RuleContext):
        d = ctx.disclosure
        for expr, _title in _expand(entry):
            compiled = compile_expr(expr)
            for row, rows in _rows_for(entry, d):
                left, right, cells = evaluate(compiled, Resolver(d, entry.get("for_each"), row, rows))
                difference = left - right
                if difference == 0:
                    continue
                allowed = envelope(v for _, v in cells) if fixed == "auto" else Decimal(str(fixed))
                paths = tuple(dict.fromkeys(p for p, _ in cells))
                anchor = paths[0]
                where = f"{describe(anchor)}" if row is None else f"{describe(anchor)}（{row.name or row.code}）"
                message = f"{entry['title']}不成立：{compiled.left_text} = {left}，{compiled.right_text} = {right}"
                location = ctx.locate(anchor)
                location = Location(**{**_fields(location), "text": where})
                finding = ctx.finding(location, message, expected=right, actual=left,
                                      difference=difference, related=paths[1:],
                                      suggestion="核对相关单元格的填列" if abs(difference) > allowed else None)
                if abs(difference) <= allowed:
                    defer_rounding(ctx.shared, group_table, finding)
                else:
                    yield finding if severity == ctx.rule.severity else _with(finding, severity)

    return check


def _fields(location: Location) -> dict:
    return {name: getattr(location, name) for name in location.__slots__}  # type: ignore[attr-defined]


def _with(finding: Any, severity: str) -> Any:
    from dataclasses import replace

    return replace(finding, severity=severity)


def load_entries(directory: Path = DIRECTORY) -> list[tuple[dict, Path]]:
    entries = []
    for path in sorted(directory.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            entries.append((entry, path))
    return entries


def register_identities(registry=REGISTRY, directory: Path = DIRECTORY) -> None:
    """Register every YAML identity as a rule (family from the file: 表内 or 表间)."""
    for entry, path in load_entries(directory):
        for expr, _ in _expand(entry):
            compile_expr(expr)  # fail at load time, not at check time
        family = entry.get("family") or ("表间" if path.stem.startswith("cross") else "表内")
        registry.add(Rule(
            entry["id"], family, entry.get("severity", "错误"), entry["title"], make_check(entry),
            entry.get("description", "") + f"\n\n`{entry['expr']}`" + (
                f"（逐行：{entry['for_each']}）" if entry.get("for_each") else ""),
            tuple(entry.get("profiles") or ()), entry.get("since"), entry.get("until"),
            source=f"identities/{path.name}",
        ))


register_identities()
