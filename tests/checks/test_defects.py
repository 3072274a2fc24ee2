"""One finding per defect and the table-shape defects, on mutated copies of both examples.

Each class is injected at least 20 times across the two examples (every eligible place, up to
a cap per example) and must be found as its own finding naming the place and the right value;
the unmodified examples have none of these findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check
from juesuan.model import replace_value

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml")
TABLES = ("general_budget", "expenditure", "income")
CAP = 12  # injections per example and class (the two examples give ≥ 20 each)


def load(name: str):
    return fileformat.load(EXAMPLES / name)


def leaf_cells(d) -> list[tuple[str, Decimal]]:
    """Non-zero 项 cells of the coded tables (each is in a row identity and its 款's sum)."""
    cells = []
    for table in TABLES:
        for row in getattr(d.tables, table).rows:
            if row.level == 3:
                cells += [(f"{table}.{row.code}.{c}", v) for c, v in row.amounts() if v and c != "total"]
    return cells[:: max(1, len(cells) // CAP)][:CAP]


def shifted(d, table: str, column: str, start: int, direction: int):
    """The column printed one row down (+1: row ``start`` left empty) or up (−1: from ``start``)."""
    data = d.model_dump()
    rows = data["tables"][table]["rows"]
    values = [r[column] for r in rows]
    if direction > 0:
        values = values[:start] + [Decimal("0.00")] + values[start:-1]
    else:
        values = values[:start] + values[start + 1:] + [Decimal("0.00")]
    for row, value in zip(rows, values):
        row[column] = value
    return type(d).model_validate(data)


def shifts(d) -> list[tuple[str, str, int, int]]:
    """(table, column, start, direction) where the shift changes at least three printed cells."""
    out = []
    for table in TABLES:
        rows = getattr(d.tables, table).rows
        for column in (rows[0].amount_columns if rows else ()):
            values = [getattr(r, column) for r in rows]
            for start in range(0, len(rows) - 3, 3):
                for direction in (1, -1):
                    moved = sum(1 for a, b in zip(values[start:], values[start + 1:]) if a != b)
                    if moved >= 3:
                        out.append((table, column, start, direction))
    return out[:: max(1, len(out) // CAP)][:CAP]


def repeats(d) -> list[tuple[str, str]]:
    """(table, detail code) of rows whose parent has another non-zero detail row."""
    out = []
    for table in TABLES:
        rows = [r for r in getattr(d.tables, table).rows]
        for parent in rows:
            kids = [r for r in rows if r.level == parent.level + 1 and r.code.startswith(parent.code)]
            for kid in kids:
                others = any(v for k in kids if k is not kid for _, v in k.amounts())
                if len(kids) >= 2 and others and any(getattr(kid, c) != getattr(parent, c) for c in kid.amount_columns):
                    out.append((table, kid.code))
    return out[:: max(1, len(out) // CAP)][:CAP]


def shape_findings(report, rule_id: str):
    return [f for f in report.findings if f.rule_id == rule_id]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.rule("T00-001", "passes")
@pytest.mark.rule("T00-002", "passes")
@pytest.mark.rule("T00-003", "passes")
@pytest.mark.rule("T00-004", "passes")
def test_examples__no_shape_findings_as_published(name):
    report = check(load(name))
    assert [f.rule_id for f in report.findings if f.rule_id.startswith("T00")] == []


@pytest.mark.rule("T00-001", "fails")
def test_one_cell__reported_once_with_the_identities_it_breaks():
    results = []
    for name in NAMES:
        d = load(name)
        for path, value in leaf_cells(d):
            report = check(replace_value(d, path, value + Decimal("5.00")))
            errors = [f for f in report.findings if f.severity == "错误" and path in f.items()]
            results.append([(f.rule_id, f.location.item, f.expected) for f in errors] == [("T00-001", path, value)]
                           and len(errors[0].related_rules) >= 2)
    assert len(results) >= 20
    assert sum(results) / len(results) >= 0.95, results


@pytest.mark.rule("T00-003", "fails")
def test_tenfold__a_lost_or_extra_digit_names_the_value_it_should_be():
    results = []
    for name in NAMES:
        d = load(name)
        for index, (path, value) in enumerate(leaf_cells(d)):
            wrong = value * 10 if index % 2 else (value / 10).quantize(Decimal("0.01"))
            report = check(replace_value(d, path, wrong))
            found = [(f.location.item, f.expected) for f in shape_findings(report, "T00-003")]
            results.append(found == [(path, value)])
    assert len(results) >= 20
    assert sum(results) / len(results) >= 0.95, results


@pytest.mark.rule("T00-002", "fails")
def test_column_shift__one_finding_naming_the_column_and_the_shift():
    results = []
    for name in NAMES:
        d = load(name)
        for table, column, start, direction in shifts(d):
            report = check(shifted(d, table, column, start, direction))
            found = shape_findings(report, "T00-002")
            others = [f for f in report.findings if f.severity == "错误" and f.rule_id[0] in "TX"
                      and f.rule_id != "T00-002"]
            results.append(len(found) == 1 and found[0].location.table == table
                           and found[0].location.column == column and not others)
    assert len(results) >= 20
    assert sum(results) / len(results) >= 0.95, results


@pytest.mark.rule("T00-004", "fails")
def test_repeated_subtotal__detail_row_printed_with_its_parents_figures():
    results = []
    for name in NAMES:
        d = load(name)
        for table, code in repeats(d):
            parent = next(r for r in getattr(d.tables, table).rows
                          if len(r.code) == len(code) - 2 and code.startswith(r.code))
            broken = d
            for column in parent.amount_columns:
                broken = replace_value(broken, f"{table}.{code}.{column}", getattr(parent, column))
            found = shape_findings(check(broken), "T00-004")
            results.append([f.location.row for f in found] == [code])
    assert len(results) >= 20
    assert sum(results) / len(results) >= 0.95, results


def test_repeated_subtotal__a_single_detail_row_may_equal_its_parent():
    # Urumqi 20604 (技术研究与开发) equals 206: its sibling 20699 is all zero — legitimate.
    d = load("urumqi-iit-2022.yaml")
    rows = {r.code: r for r in d.tables.general_budget.rows}
    assert rows["20604"].total == rows["206"].total
    assert check(d).by_rule("T00-004") == []


def test_finding__related_rules_reach_json():
    d = load("urumqi-iit-2022.yaml")
    path, value = leaf_cells(d)[0]
    from juesuan.checks.report import to_data
    data = to_data(check(replace_value(d, path, value + Decimal("5.00"))))
    merged = [f for f in data["findings"] if f["rule_id"] == "T00-001"]
    assert merged and len(merged[0]["related_rules"]) >= 2
