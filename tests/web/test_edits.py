"""The editor's cheap cell edits (model/edits.py) give exactly what ``model.replace_value`` gives.

Every cell of the nine tables of both examples, a row named without its column, paths that name no
cell, and random batches of edits (hypothesis) — compared with replace_value applied one by one.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from juesuan import fileformat
from juesuan.model import replace_value
from juesuan.model.items import iter_table_cells
from juesuan.model.edits import with_values

from .conftest import ROOT

EXAMPLES = {name: fileformat.load(ROOT / "examples" / f"{name}.yaml")
            for name in ("urumqi-iit-2022", "shanghai-putuo-czj-2024")}
CELLS = {name: [path for path, _ in iter_table_cells(d)] for name, d in EXAMPLES.items()}


def _both(disclosure, path: str, value: Decimal):
    """(replace_value's result, with_values' result), each "refused" where it raised KeyError or ValidationError
    (a path naming a row of columns: replace_value sets a missing ``amount`` and fails validation, with_values
    finds no such cell — the editor answers 422 for either)."""
    out = []
    for apply in (lambda: replace_value(disclosure, path, value), lambda: with_values(disclosure, {path: value})):
        try:
            out.append(apply())
        except (KeyError, ValidationError):
            out.append("refused")
    return out


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_cell_of_the_nine_tables_is_set_and_no_other(name):
    disclosure = EXAMPLES[name]
    before = dict(iter_table_cells(disclosure))
    assert len(before) > 300
    for path in CELLS[name]:
        after = dict(iter_table_cells(with_values(disclosure, {path: Decimal("12345.67")})))
        assert {p for p in before if after[p] != before[p]} == {path}, path  # no cell of the examples holds it
        assert after[path] == Decimal("12345.67")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_cells_are_set_as_replace_value_sets_them(name):
    """Every 5th cell in table order (replace_value takes ~15 ms a cell; the batch test below draws others)."""
    disclosure = EXAMPLES[name]
    for path in CELLS[name][::5]:
        expected, got = _both(disclosure, path, Decimal("12345.67"))
        assert got == expected, path


@pytest.mark.parametrize("path", [
    "summary.expenditure.201",  # a row of a two-sided table named without its column: its amount
    "three_public.final.reception", "operating_costs.amount", "expenditure.total.total",
    "expenditure.9999999.basic", "expenditure.total", "nosuchtable.x", "three_public.final",
    "three_public.final.reception.more", "expenditure.rows.0.total", "", "meta.year",
])
def test_other_paths_answer_as_replace_value_does(path):
    for disclosure in EXAMPLES.values():
        expected, got = _both(disclosure, path, Decimal("7.00"))
        assert got == expected, path


def test_untouched_tables_are_shared_with_the_original():
    disclosure = EXAMPLES["urumqi-iit-2022"]
    edited = with_values(disclosure, {"three_public.final.reception": Decimal("0.08")})
    assert edited.tables.expenditure is disclosure.tables.expenditure
    assert edited.tables.three_public.final.reception == Decimal("0.08")
    assert disclosure.tables.three_public.final.reception != Decimal("0.08")  # the stored one is unchanged


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(EXAMPLES)), st.data())
def test_a_batch_of_edits_equals_replace_value_one_by_one(name, data):
    disclosure = EXAMPLES[name]
    paths = data.draw(st.lists(st.sampled_from(CELLS[name]), min_size=1, max_size=6))
    amounts = data.draw(st.lists(st.decimals(min_value=-10**12, max_value=10**12, places=2), min_size=len(paths),
                                 max_size=len(paths)))
    values = dict(zip(paths, amounts))
    expected = disclosure
    for path, value in values.items():
        expected = replace_value(expected, path, value)
    assert with_values(disclosure, values) == expected


def _fields_outcome(apply, disclosure, fields):
    from fastapi import HTTPException

    try:
        return apply(disclosure, fields)
    except HTTPException as exc:
        return (exc.status_code, exc.detail)


def _field_cases():
    for name, disclosure in EXAMPLES.items():
        for item in list(disclosure.comparisons)[:12]:
            for field in ("prior_year", "reason", "initial_budget", "nosuch"):
                for text in ("", "  12.50 ", "很多", "增加了人员", "1e400"):
                    yield name, {f"comparisons.{item}.{field}": text}
        yield name, {"comparisons.new.item.prior_year": "3.00"}  # an item without comparisons yet
        for p, project in enumerate(disclosure.performance.projects[:3]):
            for i, _ in enumerate(project.indicators[:4]):
                for text in ("", "9.5", "abc"):
                    yield name, {f"performance.projects.{p}.indicators.{i}.score": text}
        for path in ("comparisons.x", "comparisons.", "performance.projects.99.indicators.0.score",
                     "performance.projects.-1.indicators.0.score", "meta.department", "meta.year", "meta.nosuch",
                     "performance.projects.0", "performance.projects", "nosuch.a.b", "tables.three_public.final.reception"):
            yield name, {path: "abc"}
            yield name, {path: "7"}


def test_narrative_inputs_are_set_as_the_general_route_sets_them():
    """model/edits.with_fields (via _apply_fields) against the dump-set-validate route it stands in for:
    the same disclosure, or the same 422 and message."""
    from juesuan.web.routes.filings import _apply_fields, _apply_fields_by_dump

    cases = list(_field_cases())
    assert len(cases) > 300
    for name, fields in cases:
        disclosure = EXAMPLES[name]
        expected = _fields_outcome(_apply_fields_by_dump, disclosure, fields)
        assert _fields_outcome(_apply_fields, disclosure, fields) == expected, (name, fields)


def test_the_inputs_the_editor_sends_take_the_short_route():
    from juesuan.model.edits import with_fields

    disclosure = EXAMPLES["urumqi-iit-2022"]
    item = next(iter(disclosure.comparisons))
    for fields in ({f"comparisons.{item}.prior_year": "12.50"}, {f"comparisons.{item}.reason": ""},
                   {"comparisons.new.item.reason": "新增"}, {"performance.projects.0.indicators.1.score": "9.5"}):
        edited = with_fields(disclosure, fields)
        assert edited is not None and edited.tables is disclosure.tables, fields  # untouched parts shared
