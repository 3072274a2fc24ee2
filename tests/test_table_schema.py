"""Meta-test (issue 10): every column of every model table has exactly one schema entry, and every
schema column exists in the model, the renderers and the readers (model/table_schema.yaml)."""

from __future__ import annotations

import pytest

from juesuan.model import TABLE_KEYS, Tables
from juesuan.model.table_schema import schema, table_schema
from juesuan.model.tables import BySource, ThreePublicAmounts

SCHEMA = schema()
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
