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

import ast
import itertools
import re
from dataclasses import dataclass, replace
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
from .tolerance import ERROR, ROUNDING, envelope, judge_sum, settle

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml (C) when built: ~10× faster

DIRECTORY = Path(__file__).parent / "identities"
_REF = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.\w+)*(?:\[[^\]]*\](?:\.\w+)*)?)\b(?!\s*\()")
_FUNCTIONS = {"sum": lambda values: sum(values, Decimal(0)), "abs": abs}
ZERO = Decimal(0)


@dataclass(frozen=True)
class Compiled:
    """An expression with its references replaced by ``v0, v1, …`` and parsed once.

    ``left_terms``/``right_terms`` hold ((sign, ref index), …) when a side is a plain sum
    of references (``a + b - c``, ``sum(x)``): then it is added up directly, without an
    evaluator (the common case, and 20× faster); any other side goes through simpleeval.
    """

    refs: tuple[str, ...]
    left: Any
    right: Any
    left_text: str
    right_text: str
    left_terms: tuple[tuple[int, int], ...] | None = None
    right_terms: tuple[tuple[int, int], ...] | None = None
    plan: tuple[tuple[int, str], ...] = ()
    """(kind, rest) per ref, parsed once: ``ROW``/``CHILDREN`` column, or ``OTHER`` (cached)."""
    linear: tuple[tuple[tuple[bool, int, str, str], ...], ...] | None = None
    """Both plain-sum sides as (positive, kind, rest, ref) terms, or None (``_linear_sides``)."""


ROW, CHILDREN, OTHER = 0, 1, 2


def _plan(refs: list[str]) -> tuple[tuple[int, str], ...]:
    kinds = {"row": ROW, "children": CHILDREN}
    return tuple((kinds.get(head, OTHER), rest if head in kinds else ref)
                 for ref in refs for head, _, rest in [ref.partition(".")])


def _linear(node: ast.AST, sign: int = 1) -> list[tuple[int, int]] | None:
    """((sign, ref index), …) for ``v0 + v1 - sum(v2)``; None for anything else."""
    if isinstance(node, (ast.Expression, ast.Expr)):
        return _linear(node.body if isinstance(node, ast.Expression) else node.value, sign)
    if isinstance(node, ast.Name) and node.id.startswith("v") and node.id[1:].isdigit():
        return [(sign, int(node.id[1:]))]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sum" \
            and len(node.args) == 1 and not node.keywords:
        return _linear(node.args[0], sign)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = _linear(node.left, sign), _linear(node.right, -sign if isinstance(node.op, ast.Sub) else sign)
        return None if left is None or right is None else left + right
    return None


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
    left_tree, right_tree = SimpleEval.parse(left), SimpleEval.parse(right)
    left_terms, right_terms = _linear(left_tree), _linear(right_tree)
    plan = _plan(refs)
    linear = None
    if left_terms is not None and right_terms is not None:
        linear = tuple(tuple((sign > 0, *plan[i], refs[i]) for sign, i in terms) for terms in (left_terms, right_terms))
    return Compiled(tuple(refs), left_tree, right_tree, left_text, right_text,
                    tuple(left_terms) if left_terms is not None else None,
                    tuple(right_terms) if right_terms is not None else None, plan, linear)


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


def children_index(rows: list[Any]) -> dict[str, list[Any]]:
    """code → rows one level down (built once per table per run)."""
    index: dict[str, list[Any]] = {}
    for row in rows:
        if row.code == "合计" or len(row.code) <= 3:
            continue
        index.setdefault(row.code[: len(row.code) - 2], []).append(row)
    return index


class Resolver:
    """Turns references into (item path, value) lists for one evaluation."""

    def __init__(self, disclosure: Any, table: str | None = None, row: Any = None, rows: list | None = None,
                 children: dict[str, list[Any]] | None = None, cache: dict | None = None):
        self.d, self.table, self.row, self.rows = disclosure, table, row, rows
        self.children = children
        self.cache = cache if cache is not None else {}
        """Values of row-independent references, shared by every identity of one run."""

    def values(self, ref: str) -> tuple[bool, list[Decimal]]:
        """(is_list, values): the fast path, without building item paths."""
        head, _, rest = ref.partition(".")
        if head == "row":
            return False, [getattr(self.row, rest)]
        if head == "children":
            kids = self.children.get(self.row.code, []) if self.children is not None else \
                _children(self.rows or [], self.row)
            return True, [getattr(r, rest) for r in kids]
        if ref not in self.cache:
            is_list, pairs = self._resolve_table(ref)  # paths are kept only when a finding needs them
            self.cache[ref] = (is_list, [v for _, v in pairs])
        return self.cache[ref]

    def resolve(self, ref: str) -> tuple[bool, list[tuple[str, Decimal]]]:
        """(is_list, [(path, value)])."""
        head, _, rest = ref.partition(".")
        if head == "row":
            return False, [(self._path(self.row, rest), getattr(self.row, rest))]
        if head == "children":
            kids = self.children.get(self.row.code, []) if self.children is not None else \
                _children(self.rows or [], self.row)
            return True, [(self._path(r, rest), getattr(r, rest)) for r in kids]
        key = ("paths", ref)  # row-independent: resolved once per run (values and findings)
        if key not in self.cache:
            self.cache[key] = self._resolve_table(ref)
        return self.cache[key]

    def _resolve_table(self, ref: str) -> tuple[bool, list[tuple[str, Decimal]]]:
        if "[" in ref:
            table, selector, column = re.match(r"(\w+)\.rows\[([^\]]*)\]\.(\w+)", ref).groups()  # type: ignore[union-attr]
            key = ("rows", table, selector)  # several columns of one selection: selected once per run
            rows = self.cache.get(key)
            if rows is None:
                rows = self.cache[key] = _select(_table_rows(self.d, table), selector)
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


def _resolved(compiled: Compiled, resolver: Resolver) -> list[tuple[bool, list[Decimal]]]:
    """(is_list, values) per ref, as ``Resolver.values`` gives them (inlined: the hot loop)."""
    row, cache, out = resolver.row, resolver.cache, []
    for (kind, rest), ref in zip(compiled.plan, compiled.refs):
        if kind == ROW:
            out.append((False, [getattr(row, rest)]))
        elif kind == OTHER and ref in cache:
            out.append(cache[ref])
        else:
            out.append(resolver.values(ref))
    return out


def _sides(compiled: Compiled, resolved: list[tuple[bool, list[Decimal]]]) -> tuple[Decimal, Decimal]:
    totals = [sum(values, ZERO) for _, values in resolved]
    names = None
    sides = []
    for terms, tree in ((compiled.left_terms, compiled.left), (compiled.right_terms, compiled.right)):
        if terms is not None:
            sides.append(sum((totals[i] if sign > 0 else -totals[i] for sign, i in terms), ZERO))
            continue
        if names is None:
            names = {f"v{i}": values if is_list else values[0] for i, (is_list, values) in enumerate(resolved)}
        sides.append(Decimal(SimpleEval(names=names, functions=_FUNCTIONS).eval("", previously_parsed=tree)))
    return sides[0], sides[1]


def _linear_sides(compiled: Compiled, row: Any, children: dict[str, list[Any]] | None,
                  totals: dict[str, Decimal], resolver_args: tuple) -> tuple[Decimal, Decimal]:
    """Both sides of an identity whose sides are plain sums, straight from the row: the hot
    loop of the per-row identities (no Resolver, no lists). Decimal addition is exact, so the
    result equals ``_sides`` (same operands, same exponent)."""
    sides = []
    for terms in compiled.linear:  # type: ignore[union-attr]
        total = ZERO
        for positive, kind, key, ref in terms:
            if kind == ROW:
                value = getattr(row, key)
            elif kind == CHILDREN:  # make_check always has the index when there is a row
                kids = children.get(row.code, ()) if children is not None else ()
                value = sum((getattr(r, key) for r in kids), ZERO)
            else:
                value = totals.get(ref)
                if value is None:
                    d, table, cache = resolver_args
                    value = totals[ref] = sum(Resolver(d, table, row, cache=cache).values(ref)[1], ZERO)
            total = total + value if positive else total - value
        sides.append(total)
    return sides[0], sides[1]


def evaluate_values(compiled: Compiled, resolver: Resolver) -> tuple[Decimal, Decimal, list[Decimal]]:
    """(left, right, every value involved) of one identity — no item paths (fast path)."""
    resolved = _resolved(compiled, resolver)
    left, right = _sides(compiled, resolved)
    return left, right, [v for _, values in resolved for v in values]


def evaluate(compiled: Compiled, resolver: Resolver) -> tuple[Decimal, Decimal, list[tuple[str, Decimal]]]:
    """(left, right, every (path, value) involved) of one identity."""
    left, right, _ = evaluate_values(compiled, resolver)
    return left, right, [pair for ref in compiled.refs for pair in resolver.resolve(ref)[1]]


def _expand(entry: dict) -> Iterator[tuple[str, str]]:
    """(expr, title) for every combination of ``vars``."""
    variables = entry.get("vars") or {}
    keys = list(variables)
    for combo in itertools.product(*(variables[k] for k in keys)) if keys else [()]:
        values = dict(zip(keys, combo))
        yield entry["expr"].format(**values), entry["title"]


def _table_index(shared: dict, disclosure: Any, table: str) -> tuple[list[Any], dict[str, list[Any]]]:
    cache = shared.setdefault("identity_rows", {})
    if table not in cache:
        rows = _table_rows(disclosure, table)
        cache[table] = (rows, children_index(rows))
    return cache[table]


def _rows_for(entry: dict, disclosure: Any, shared: dict) -> list[tuple[Any, list, dict | None]]:
    table = entry.get("for_each")
    if not table:
        return [(None, [], None)]
    where = entry.get("where")
    cache = shared.setdefault("identity_chosen", {})
    if (table, where) in cache:  # several entries share a table and filter
        return cache[table, where]
    rows, children = _table_index(shared, disclosure, table)
    chosen = []
    for row in rows:
        if where == "has_children" and (row.code == "合计" or row.code not in children):
            continue
        if where and where.startswith("level=") and str(getattr(row, "level", "")) != where[6:]:
            continue
        chosen.append((row, rows, children))
    cache[table, where] = chosen
    return chosen


def make_check(entry: dict):
    """The check function of one YAML identity."""
    severity = entry.get("severity", "错误")
    fixed = entry.get("tolerance", "auto")
    group_table = entry.get("for_each", entry["expr"]).split(".")[0]
    table = entry.get("for_each")
    expressions = [compile_expr(expr) for expr, _title in _expand(entry)]  # once, not per run

    def check(ctx: RuleContext):
        d = ctx.disclosure
        cache = ctx.shared.setdefault("identity_values", {})
        totals = ctx.shared.setdefault("identity_totals", {})
        for compiled in expressions:
            linear = compiled.linear is not None
            for row, rows, children in _rows_for(entry, d, ctx.shared):
                if linear:
                    left, right = _linear_sides(compiled, row, children, totals, (d, table, cache))
                    if left == right:
                        continue
                resolver = Resolver(d, table, row, rows, children, cache)
                resolved = _resolved(compiled, resolver)
                if not linear:
                    left, right = _sides(compiled, resolved)
                difference = left - right
                if difference == 0:
                    continue
                cells = [pair for ref in compiled.refs for pair in resolver.resolve(ref)[1]]
                terms = _signed_cells(compiled, resolver) if linear else None
                if fixed != "auto":  # a fixed tolerance (万元) written in the entry
                    outcome = ROUNDING if abs(difference) <= Decimal(str(fixed)) else ERROR
                elif terms is not None:
                    outcome = judge_sum([(sign, v) for _, sign, v in terms])
                else:  # not a plain sum: the (looser) sum of half-units
                    outcome = ROUNDING if abs(difference) <= envelope(v for _, v in cells) else ERROR
                paths = tuple(dict.fromkeys(p for p, _ in cells))
                anchor = paths[0]
                where = f"{describe(anchor)}" if row is None else f"{describe(anchor)}（{row.name or row.code}）"
                message = f"{entry['title']}不成立：{_show(compiled.left_text, row)} = {left}，" \
                          f"{_show(compiled.right_text, row)} = {right}"
                location = ctx.locate(anchor)
                location = Location(**{**_fields(location), "text": where})
                finding = ctx.finding(location, message, expected=right, actual=left,
                                      difference=difference, related=paths[1:],
                                      suggestion="核对相关单元格的填列" if outcome == ERROR else None)
                if severity != ctx.rule.severity:
                    finding = _with(finding, severity)
                result = settle(ctx, group_table, finding, outcome, terms)
                if result is not None:
                    yield result

    return check


def _signed_cells(compiled: Compiled, resolver: Resolver) -> list[tuple[str, int, Decimal]]:
    """(path, sign, value) of every cell of a plain-sum identity, both sides on the left."""
    out = []
    for side, terms in ((1, compiled.left_terms), (-1, compiled.right_terms)):
        for sign, index in terms or ():
            for path, value in resolver.resolve(compiled.refs[index])[1]:
                out.append((path, side * sign, value))
    return out


def _show(text: str, row: Any) -> str:
    """An expression side for the message, with ``row``/``children`` named by the row's code."""
    if row is None:
        return text
    label = "合计" if row.code == "合计" else row.code
    return text.replace("children.", f"{label}下级各行.").replace("row.", f"{label}.")


def _fields(location: Location) -> dict:
    return {name: getattr(location, name) for name in location.__slots__}  # type: ignore[attr-defined]


def _with(finding: Any, severity: str) -> Any:
    return replace(finding, severity=severity)


def load_entries(directory: Path = DIRECTORY) -> list[tuple[dict, Path]]:
    entries = []
    for path in sorted(directory.glob("*.yaml")):
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or []:
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
