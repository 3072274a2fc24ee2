"""Meta-test (issue 10): every column of every model table has exactly one schema entry, and every
schema column exists in the model, the renderers and the readers (model/table_schema.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.model import TABLE_KEYS, Tables
from juesuan.model.table_schema import schema, table_schema
from juesuan.model.tables import BySource, ThreePublicAmounts

SCHEMA = schema()
EXAMPLES = Path(__file__).parent.parent / "examples"
CODED = ("income", "expenditure", "general_budget", "basic_expenditure", "government_fund", "state_capital")


def test_schema__lists_the_nine_tables_in_model_order():
    assert [t.key for t in SCHEMA.tables] == list(Tables.model_fields)
    assert TABLE_KEYS == tuple((t.key, t.code, t.title) for t in SCHEMA.tables)
    assert [t.code for t in SCHEMA.tables] == [f"公开0{n}表" for n in range(1, 10)]


@pytest.mark.parametrize("key", CODED)
def test_coded_table__row_fields_are_the_schema_columns(key):
    row_type = Tables.model_fields[key].annotation.row_type
    money_fields = [f for f in row_type.model_fields if f not in ("code", "name")]
    assert money_fields == list(table_schema(key).fields)
    assert row_type.amount_columns == table_schema(key).fields


def test_two_sided_and_three_public__fields_are_the_schema_columns():
    assert list(BySource.model_fields) == list(table_schema("fiscal_summary").fields)
    assert list(ThreePublicAmounts.model_fields) == list(table_schema("three_public").fields)


def test_every_column_has_a_label_and_every_table_a_note_and_titles():
    for table in SCHEMA.tables:
        assert table.note.startswith("注："), table.key
        assert table.titles, table.key
        for column in table.columns:
            assert column.field in SCHEMA.labels, (table.key, column.field)


# --- every schema column exists in the renderers and the readers -------------------------------

FUNCTION_TABLES = ("income", "expenditure", "general_budget", "government_fund", "state_capital")
READER_KIND = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
               "government_fund": "fund", "state_capital": "fund"}


@pytest.mark.parametrize("key", FUNCTION_TABLES + ("three_public",))
def test_renderer__prints_every_schema_header_of_the_example(key):
    from juesuan import fileformat
    from juesuan.render.layout import LayoutOptions, grid_for

    disclosure = fileformat.load(EXAMPLES / "shanghai-putuo-czj-2024.yaml")
    grid = grid_for(disclosure, key, LayoutOptions.for_disclosure(disclosure))
    heads = [cell.value for row in grid.header for cell in row.cells]
    for column in table_schema(key).columns:
        assert column.header in heads, (key, column.field)
        assert column.group is None or column.group in heads, (key, column.group)


@pytest.mark.parametrize("key", FUNCTION_TABLES)
def test_document_reader__names_each_printed_header_by_its_keywords(key):
    """The headers we print are read back by keyword, not by the printed-order fallback."""
    from juesuan.ingest.columns import choose_bands

    spec = table_schema(key)
    texts = {band: (column.group or "") + column.header for band, column in enumerate(spec.columns)}
    chosen = choose_bands(READER_KIND[key], texts, 0, len(texts) - 1)
    assert {band: field for band, (field, _) in chosen.items()} == dict(enumerate(spec.fields))
    assert all("关键词" in evidence for _, evidence in chosen.values())


@pytest.mark.parametrize("key", FUNCTION_TABLES)
def test_workbook_reader__names_each_printed_header(key):
    from juesuan.workbook.coded import FIELD_PATTERNS, Columns

    spec = table_schema(key)
    paths = {1: ["项目", "科目名称"]}
    paths |= {col: [*([column.group] if column.group else []), column.header]
              for col, column in enumerate(spec.columns, start=2)}
    found = Columns(paths, FIELD_PATTERNS[READER_KIND[key]], sorted(paths))
    assert found.amounts == {col: field for col, field in enumerate(spec.fields, start=2)}


def test_trust_and_claim_labels__name_schema_columns():
    from juesuan.ingest.claim_labels import LABELS
    from juesuan.ingest.trust import PARTS

    for key, (whole, parts) in PARTS.items():
        assert (whole, parts) == (table_schema(key).sums[0].whole, table_schema(key).sums[0].parts)
    for key in ("income", "expenditure", "general_budget"):
        fields = {path.split(".")[2] for _, path in LABELS[key] if path.startswith(f"{key}.total.")}
        assert fields <= set(table_schema(key).fields)
        assert fields == {c.field for c in table_schema(key).columns if c.claims}


# --- the YAML identities agree with the schema ---------------------------------------------------
# Validated, not generated: checks/identities/tables.yaml stays the one file a reviewer reads and a
# user overrides, its rule ids, titles and order (which fix the findings' order) stay as they are.

def _identities():
    import yaml

    from juesuan.checks.identities import DIRECTORY

    return yaml.safe_load((DIRECTORY / "tables.yaml").read_text(encoding="utf-8"))


def _sum_expr(prefix: str, total) -> str:
    return f"{prefix}{total.whole} == " + " + ".join(f"{prefix}{part}" for part in total.parts)


@pytest.mark.parametrize("key", FUNCTION_TABLES)
def test_identities__per_row_sums_and_column_lists_are_the_schema(key):
    rules = _identities()
    per_row = {r["expr"] for r in rules if r.get("for_each") == key and "where" not in r}
    for total in table_schema(key).sums:
        assert _sum_expr("row.", total) in per_row, (key, total)
    fields = list(table_schema(key).fields)
    total_row = next(r for r in rules if r["expr"].startswith(f"{key}.total.{{col}} == sum({key}.rows[level=1]"))
    children = next(r for r in rules if r.get("for_each") == key and r.get("where") == "has_children")
    assert total_row["vars"]["col"] == fields
    assert children["vars"]["col"] == fields


def test_identities__fiscal_summary_and_three_public_sums_are_the_schema():
    rules = {r["id"]: r for r in _identities()}
    by_source = table_schema("fiscal_summary")
    assert rules["T04-004"]["expr"] == _sum_expr("row.", by_source.sums[0])
    assert rules["T04-005"]["vars"]["col"] == list(by_source.fields)
    assert rules["T04-007"]["vars"]["col"] == list(by_source.fields)
    three = table_schema("three_public")
    assert [rules["T07-001"]["expr"], rules["T07-002"]["expr"]] == [
        _sum_expr("three_public.{col}.", total) for total in three.sums]


def test_two_sided_tables__fixed_lines_are_the_model_fields():
    from juesuan.model.tables import FiscalExpenditure, FiscalIncome, SummaryExpenditure, SummaryIncome

    summary, fiscal = table_schema("summary"), table_schema("fiscal_summary")
    assert list(SummaryIncome.model_fields) == [*summary.line_fields("income"), *summary.line_fields("income_tail")]
    assert list(SummaryExpenditure.model_fields) == ["classes", *summary.line_fields("expenditure_tail")]
    assert list(FiscalIncome.model_fields) == [*fiscal.line_fields("income"), *fiscal.line_fields("income_tail")]
    assert list(FiscalExpenditure.model_fields) == ["classes", *fiscal.line_fields("expenditure_tail")]
    for side in ("income", "income_tail", "expenditure_tail"):
        for line in (*summary.lines[side], *fiscal.lines[side]):
            assert line.field in SCHEMA.labels


@pytest.mark.parametrize("key", ("summary", "fiscal_summary"))
def test_renderer__prints_every_fixed_line_of_the_example(key):
    from juesuan import fileformat
    from juesuan.render.layout import LayoutOptions, grid_for

    disclosure = fileformat.load(EXAMPLES / "urumqi-iit-2022.yaml")
    grid = grid_for(disclosure, key, LayoutOptions())  # the schema's lines, no profile's income rows
    texts = {cell.value for row in grid.body for cell in row.cells}
    for side, lines in table_schema(key).lines.items():
        for line in lines:
            assert line.header in texts, (key, side, line.field)


def test_identities__two_sided_line_sums_are_the_schema_lines():
    rules = {r["id"]: r for r in _identities()}
    summary, fiscal = table_schema("summary"), table_schema("fiscal_summary")
    eight = " + ".join(f"summary.income.{f}" for f in summary.line_fields("income"))
    assert rules["T01-004"]["expr"] == f"summary.income.total == {eight}"
    grand, *tail = summary.line_fields("income_tail")[::-1]
    assert rules["T01-001"]["expr"] == f"summary.income.{grand} == " + " + ".join(
        f"summary.income.{f}" for f in tail[::-1])
    three = " + ".join(f"fiscal_summary.income.{f}" for f in fiscal.line_fields("income"))
    assert rules["T04-002"]["expr"] == f"fiscal_summary.income.total == {three}"
    assert rules["T04-009"]["vars"]["src"] == list(fiscal.line_fields("income"))


@pytest.mark.parametrize("key", CODED)
def test_coded_table__row_codes_are_the_schema_row_family(key):
    row_type = Tables.model_fields[key].annotation.row_type
    family = SCHEMA.row_families[table_schema(key).rows]
    assert row_type.code_lengths == family.code_lengths
    assert len(family.levels) == len(family.code_lengths)


@pytest.mark.parametrize("key", ("summary", "fiscal_summary"))
def test_workbook_reader__knows_every_fixed_line_by_its_printed_label(key):
    from juesuan.workbook.sides import (FISCAL_EXPENSE_TAIL, SOURCES, SUMMARY_EXPENSE_TAIL, SUMMARY_INCOME, _label,
                                        _match)

    spec = table_schema(key)
    income = SUMMARY_INCOME if key == "summary" else (*SOURCES[:3], *_words_of(spec.lines["income_tail"]))
    tail = SUMMARY_EXPENSE_TAIL if key == "summary" else FISCAL_EXPENSE_TAIL
    for line in (*spec.lines["income"], *spec.lines["income_tail"]):
        assert _match(_label(line.header), income) == line.field, (key, line.header)
    for line in spec.lines["expenditure_tail"]:
        assert _match(line.header, tail) == line.field, (key, line.header)
    if key == "fiscal_summary":
        assert [_match(c.header, SOURCES) for c in spec.columns] == list(spec.fields)


def _words_of(lines):
    return tuple((word, line.field) for line in lines for word in line.keywords)


def test_workbook_reader__knows_the_three_public_and_economic_headers():
    import re

    from juesuan.workbook.coded import ECONOMIC_PATTERNS, THREE_PUBLIC_ITEMS

    for column in table_schema("three_public").columns:
        assert next(f for word, f in THREE_PUBLIC_ITEMS if word in column.header) == column.field
    (field, pattern), = ECONOMIC_PATTERNS
    assert field == "amount" and re.search(pattern, table_schema("basic_expenditure").column("amount").header)


@pytest.mark.parametrize("key", ("summary", "fiscal_summary"))
def test_document_reader__knows_every_fixed_line_and_source_by_its_printed_label(key):
    """ingest/twosided.py takes its line words from the schema (`reads`): each printed label reads back."""
    from juesuan.ingest.twosided import EXPENSE_TAIL, FISCAL_COLUMNS, INCOME_LINES, strip_numbering

    def match(label, words):
        return next((field for word, field in words if word in strip_numbering(label)), None)

    spec = table_schema(key)
    for line in (*spec.lines["income"], *spec.lines["income_tail"]):
        assert match(line.header, INCOME_LINES) == line.field, (key, line.header)
    for line in spec.lines["expenditure_tail"]:
        assert match(line.header, EXPENSE_TAIL) == line.field, (key, line.header)
    for column in spec.columns:
        assert match(column.header, FISCAL_COLUMNS) == column.field, (key, column.header)


def test_document_reader__knows_every_three_public_header():
    """ingest/three_public.py names each printed header (and the 公务用车 group) by the schema's words."""
    from juesuan.ingest.three_public import ITEMS, _item

    spec = table_schema("three_public")
    assert ITEMS == spec.fields
    for column in spec.columns:
        assert _item(column.header) == column.field, column.header
        if column.group:
            assert _item(column.group) == "vehicle_total", column.group
