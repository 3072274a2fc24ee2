"""One finding per defect: identity errors that one printing mistake explains become one finding.

The identity rules report each broken identity (with its signed cells, ``tolerance.settle``).
A reviewer wants the mistake, not its echoes, so before the report is assembled the runner
asks, in this order, whether the broken identities are explained by

- a detail row that repeats its parent subtotal (T00-004: a 款 printed with its 类's figures
  while the 类 has other non-zero 款 — a 类 with a single 款 legitimately equals it);
- a column printed one row off (T00-002: shifting the column back by one row, from the row
  where the failures start, leaves no broken identity in that column);
- one cell whose change by one amount repairs every identity it breaks (T00-001), or whose
  right value is ten times or a tenth of the printed one (T00-003: a lost or extra digit).

An explained identity finding is dropped; the defect's finding names the identities it
breaks (``Finding.related_rules``) and every cell involved (``Finding.related``).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any, Iterable

from ..model import Disclosure
from .finding import Finding
from .locate import describe_item, locate_item
from .registry import REGISTRY, Registry, Rule, RuleContext
from .tolerance import FAILURES_KEY, ROUNDING, judge_sum, unit

Record = tuple[Finding, tuple[tuple[str, int, Decimal], ...]]
MAX_SHIFT_TRIES = 24
"""Re-checks spent on column shifts per check (6 per column: 3 starts × 2 directions)."""
CODED_TABLES = ("income", "expenditure", "general_budget", "government_fund", "state_capital", "basic_expenditure")
TEN = Decimal(10)
CONSOLIDATED = frozenset({"T00-001", "T00-002", "T00-003", "T00-004"})
"""The defect findings ``consolidate`` makes (no rule check of their own)."""


def _broken(record: Record) -> str:
    """``T05-001 公开05 每行 合计 = 基本支出 + 项目支出（公开05表 … 2080501 合计（行政单位离退休））``."""
    finding = record[0]
    return f"{finding.rule_id} {finding.message.split('不成立：')[0]}（{finding.location.text}）"


def _defect(rule_id: str, d: Disclosure, item: str, message: str, records: list[Record], *,
            expected: Any = None, actual: Any = None, cells: Iterable[str] = (), suggestion: str) -> Finding:
    related = tuple(dict.fromkeys(p for r in records for p in r[0].items() if p != item)) + tuple(
        c for c in cells if c != item)
    return Finding(rule_id, "错误", locate_item(d, item), message, expected, actual,
                   actual - expected if isinstance(actual, Decimal) and isinstance(expected, Decimal) else None,
                   suggestion, tuple(dict.fromkeys(related)), tuple(dict.fromkeys(map(_broken, records))))


def _repairs(record: Record, cell: str, value: Decimal) -> bool:
    terms = [(sign, value if path == cell else v) for path, sign, v in record[1]]
    return sum((s * v for s, v in terms), Decimal(0)) == 0 or judge_sum(terms) == ROUNDING


def _cell_fix(records: list[Record], cell: str) -> Decimal | None:
    """The value of ``cell`` that repairs every record containing it (None if no single one)."""
    value = next(v for path, _, v in records[0][1] if path == cell)
    for record in records:
        sign = sum(s for path, s, _ in record[1] if path == cell)
        if sign == 0:
            return None
        difference = sum((s * v for _, s, v in record[1]), Decimal(0))
        candidate = value - difference / sign
        if all(_repairs(r, cell, candidate) for r in records):
            return candidate
    return None


def _single_cells(d: Disclosure, records: list[Record]) -> tuple[list[Finding], list[Record]]:
    """T00-001 / T00-003: the cell common to several broken identities that one change repairs."""
    findings, left = [], list(records)
    while True:
        by_cell: dict[str, list[Record]] = {}
        for record in left:
            for path in dict.fromkeys(p for p, _, _ in record[1]):
                by_cell.setdefault(path, []).append(record)
        candidates = []
        for cell, group in by_cell.items():
            fix = _cell_fix(group, cell)
            if fix is None:
                continue
            value = next(v for p, _, v in group[0][1] if p == cell)
            if len(group) >= 2 or _tenfold(value, fix):
                candidates.append((len(group), cell, fix, value, group))
        if not candidates:
            return findings, left
        best = max(c[0] for c in candidates)
        top = [c for c in candidates if c[0] == best]
        tenfold = [c for c in top if _tenfold(c[3], c[2])]
        if len(top) > 1 and len(tenfold) != 1:
            return findings, left  # several cells explain the same failures: cannot tell which
        count, cell, fix, value, group = tenfold[0] if len(top) > 1 else top[0]
        shown = fix.quantize(value) if value.as_tuple().exponent < 0 else fix
        if _tenfold(value, fix):
            what = "多印了一位数" if abs(value) > abs(fix) else "少印了一位数"
            findings.append(_defect("T00-003", d, cell, f"{describe_item(cell)} 印为 {value}，疑似{what}（应约为 "
                                    f"{shown}，相差十倍）：按 {shown} 则所涉 {count} 个恒等式全部成立", group,
                                    expected=shown, actual=value, suggestion=f"核对该单元格的位数，应为 {shown}"))
        else:
            findings.append(_defect("T00-001", d, cell, f"{describe_item(cell)} 为 {value}，使 {count} 个恒等式不成立；"
                                    f"若为 {shown} 则全部成立", group, expected=shown, actual=value,
                                    suggestion=f"核对该单元格，按其余各数应为 {shown}"))
        left = [r for r in left if not any(r is g for g in group)]


def _tenfold(value: Decimal, fix: Decimal) -> bool:
    """Whether ``value`` is ``fix`` with a digit gained or lost (×10 or ÷10, to printing precision)."""
    if value == 0 or fix == 0 or (value > 0) != (fix > 0):
        return False
    step = unit(value) or Decimal("0.01")
    return abs(value - fix * TEN) <= step * TEN or abs(value * TEN - fix) <= step * TEN


def _rows(d: Disclosure, table: str) -> list[Any]:
    return [r for r in getattr(d.tables, table).rows if r.code != "合计"]


def _repeated_subtotals(d: Disclosure, records: list[Record]) -> tuple[list[Finding], list[Record]]:
    """T00-004: a detail row printed with its parent's figures while the parent has other non-zero rows."""
    findings, left = [], list(records)
    for table in CODED_TABLES:
        rows = _rows(d, table)
        for parent in rows:
            kids = [r for r in rows if r.level == parent.level + 1 and r.code.startswith(parent.code)]
            if len(kids) < 2 or not any(v for _, v in parent.amounts()):
                continue
            same = [k for k in kids if all(getattr(k, c) == getattr(parent, c) for c in k.amount_columns)]
            if len(same) > 1:  # the one that lost its own detail rows' sum is the copy
                own = f"{table}.{parent.code}."
                same = [k for k in same if any(
                    any(p.startswith(f"{table}.{k.code}.") for p, _, _ in r[1])
                    and not any(p.startswith(own) for p, _, _ in r[1]) for r in left)]
            for kid in same if len(same) == 1 else ():
                others = any(v for k in kids if k is not kid for _, v in k.amounts())
                if not others:
                    continue
                prefix = f"{table}.{kid.code}."
                group = [r for r in left if any(p.startswith(prefix) for p, _, _ in r[1])]
                if not group:
                    continue  # the siblings are too small to break a sum: not certain
                column = kid.amount_columns[0]
                findings.append(_defect(
                    "T00-004", d, f"{table}.{kid.code}.{column}",
                    f"{describe_item(f'{table}.{kid.code}.{column}').rsplit(' ', 1)[0]}（{kid.name}）各栏与上级 "
                    f"{parent.code}（{parent.name}）完全相同，而 {parent.code} 下还有其他非零的行：疑似把上级小计填入了明细行",
                    group, cells=[f"{table}.{parent.code}.{c}" for c in kid.amount_columns],
                    suggestion=f"填入 {kid.code} 本身的数字（{parent.code} 只有一个下级时两者才相同）"))
                left = [r for r in left if not any(r is g for g in group)]
    return findings, left


def _identity_rules() -> Registry:
    return Registry(r for r in REGISTRY if r.check is not None and (
        r.source.startswith("identities/") or r.source.endswith(".crosstables")))


def _identity_errors(d: Disclosure, registry: Registry) -> list[Finding]:
    shared: dict[str, Any] = {}
    out = []
    for rule in registry.select(d.meta.profile, d.meta.year):
        out.extend(f for f in rule.check(RuleContext(d, None, d.meta.profile, rule, shared))  # type: ignore[misc]
                   if f.severity == "错误")
    return out


def _row_of(path: str) -> str:
    return path.rsplit(".", 1)[0]


def _column_shifts(d: Disclosure, records: list[Record]
                   ) -> tuple[list[Finding], list[Record], set[str], list[Disclosure]]:
    """T00-002: a column printed one row off, found by shifting it back and re-checking.

    Tried only for a column with broken identities in three rows or more, in a table the reader
    placed in full (a shift is a claim about what was printed: never made from unread cells),
    starting near the first row whose own (row-wise) identity fails, else near the first failing
    row. Each try re-checks the whole disclosure, so the tries are bounded (``MAX_SHIFT_TRIES``):
    a long search on a badly read document once ran for minutes."""
    findings, left, shifted, repaired = [], list(records), set(), []
    registry = None
    unread = {path.split(".", 1)[0] for path, source in d.provenance.items() if source.kind == "unread"}
    budget = [MAX_SHIFT_TRIES]
    for table in CODED_TABLES:
        rows = _rows(d, table)
        if table in unread or getattr(d.tables, table).missing:
            continue
        for column in (rows[0].amount_columns if rows else ()):
            paths = [f"{table}.{r.code}.{column}" for r in rows]
            index = {p: i for i, p in enumerate(paths)}
            group = [r for r in left if any(p in index for p, _, _ in r[1])]
            failing = sorted({index[p] for r in group for p, _, _ in r[1] if p in index})
            if len(group) < 3 or len(failing) < 3:
                continue
            own = [index[p] for r in group if len({_row_of(q) for q, _, _ in r[1]}) == 1
                   for p, _, _ in r[1] if p in index]
            first = min(own) if own else failing[0]
            starts = [i for i in range(first - 1, first + 2) if 0 <= i < len(rows)]
            if budget[0] <= 0:
                break
            registry = registry or _identity_rules()
            fixed = _shift_back(d, table, column, rows, starts, registry, budget)
            if fixed is None:
                continue
            start, direction, fixed_copy = fixed
            repaired.append(fixed_copy)
            word = "下移" if direction > 0 else "上移"
            findings.append(_defect(
                "T00-002", d, paths[start],
                f"{describe_item(paths[start])} 起该栏整体{word}了一行（列错行）：移回一行后，"
                f"该栏 {len(group)} 个不成立的恒等式全部成立", group, cells=paths[start:],
                suggestion=f"把该栏自 {rows[start].code} 起各数{'上' if direction > 0 else '下'}移一行"))
            shifted.update(paths[start:])
            left = [r for r in left if not any(r is g for g in group)]
    return findings, left, shifted, repaired


def _echoes(findings: list[Finding], shifted: set[str], repaired: list[Disclosure]) -> set[int]:
    """Narrative 错误 on shifted cells that the repaired column no longer has (their echo)."""
    suspects = [f for f in findings if f.severity == "错误" and f.location.item in shifted
                and f.rule_id.startswith("N-")]
    if not suspects:
        return set()
    rules = Registry(r for r in REGISTRY if r.check is not None and r.source.endswith(".narrative"))
    remaining = set()
    for copy in repaired:
        remaining |= {(f.rule_id, str(f.location)) for f in _identity_errors(copy, rules)}
    return {id(f) for f in suspects if (f.rule_id, str(f.location)) not in remaining}


def _shift_back(d: Disclosure, table: str, column: str, rows: list[Any], starts: list[int],
                registry: Registry, budget: list[int]) -> tuple[int, int, Disclosure] | None:
    """(start row, +1 printed one row down / −1 up, the repaired disclosure) when shifting
    back repairs the column."""
    data = d.model_dump()
    coded = [row for row in data["tables"][table]["rows"] if row["code"] != "合计"]
    printed = [getattr(r, column) for r in rows]
    for start in starts:
        for direction in (1, -1):
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            values = list(printed)
            if direction > 0:  # printed[i] = true[i − 1]: true[i] = printed[i + 1]; the last is lost
                values[start:] = printed[start + 1:] + [Decimal(0)]
                vacated = len(rows) - 1
            else:  # printed[i] = true[i + 1]: true[i] = printed[i − 1]; the first is lost
                values[start:] = [Decimal(0)] + printed[start:-1]
                vacated = start
            for row, value in zip(coded, values):
                row[column] = value
            repaired = Disclosure.model_validate(data)
            errors = _identity_errors(repaired, registry)
            vacant = f"{table}.{rows[vacated].code}.{column}"  # its value is lost: what uses it cannot hold
            still = [f for f in errors if vacant not in f.items() and any(
                p.startswith(f"{table}.") and p.endswith(f".{column}") for p in f.items())]
            if not still:
                return start, direction, repaired
    return None


def consolidate(d: Disclosure, findings: list[Finding], shared: dict) -> list[Finding]:
    """Replace the identity errors one defect explains by one finding of that defect.

    A broken identity that uses a value nobody read (``unknown.unknown_paths``) is set aside by the
    runner whatever it says, and must not steer which cell a defect is: the runner re-checks with
    those values changed (``unknown.set_aside_dependent``), and identities broken by the changed
    values would outnumber, or tie with, the real defect's and hide it (T00-001 on 公开01 vanished
    whenever one 公开07 cell was unread)."""
    from .unknown import names_unknown, unknown_paths

    unknown = set(unknown_paths(d))
    records: list[Record] = [r for r in shared.get(FAILURES_KEY, []) if r[0].severity == "错误"
                             and not any(names_unknown(p, unknown) for p, _, _ in r[1])]
    if not records:
        return findings
    repeated, unexplained = _repeated_subtotals(d, records)
    cells, left = _single_cells(d, unexplained)
    if len(left) >= 3:  # what no single cell explains: a shifted column? (its vacated cell may look single)
        cell_items = {c.location.item for c in cells}
        used = [r for r in unexplained if any(r is x for x in left) or any(p in cell_items for p, _, _ in r[1])]
        shifts, rest, shifted, repaired = _column_shifts(d, used)
        if shifts:
            echoes = _echoes(findings, shifted, repaired)
            findings = [f for f in findings if id(f) not in echoes]
            if echoes:
                shifts = [replace(f, message=f"{f.message}；说明中引用该栏的 {len(echoes)} 处数字随之不符，已并入本条")
                          for f in shifts]
            cells = [c for c in cells if c.location.item not in shifted]
            kept_cells = {c.location.item for c in cells}
            left = [r for r in rest if not any(p in kept_cells for p, _, _ in r[1])]
            repeated += shifts
    new = repeated + cells
    if not new:
        return findings
    explained = {id(r[0]) for r in records} - {id(r[0]) for r in left}
    return [f for f in findings if id(f) not in explained] + new


for _id, _title, _text in (
    ("T00-001", "一个单元格使多个恒等式不成立：只报该单元格一次（所破坏的恒等式列于 related_rules）",
     "几个不成立的恒等式有一个共同的单元格，且把它改为同一个数即可使它们全部成立时，报告该单元格及应为之数，"
     "不再逐条报告各恒等式。"),
    ("T00-002", "列错行：某栏自某行起整体上移或下移一行",
     "某栏多行的恒等式不成立，而把该栏自失败开始处起移回一行后该栏不再有不成立的恒等式时，报告一次“列错行”，"
     "指明栏目、起始行和方向。"),
    ("T00-003", "多印或少印一位数：一个单元格与其应有之数相差十倍",
     "一个单元格改为其十倍或十分之一（按打印精度）即可使其所在的恒等式全部成立时，报告该单元格及应为之数。"),
    ("T00-004", "明细行重复上级小计：款（项）各栏与其类（款）完全相同，而该类（款）下还有其他非零的行",
     "只有一个下级时上下级相同是正常的；有其他非零下级而某下级与上级各栏完全相同，且上级 = Σ下级 因此不成立时报告。"),
):
    REGISTRY.add(Rule(_id, "表内", "错误", _title, None, _text, source=__name__))
