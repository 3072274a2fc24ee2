"""DuckDB over the exported Parquet: named reports give the values of the model."""

from decimal import Decimal

import pytest

from juesuan.checks import check
from juesuan.export import Corpus
from juesuan.export.query import REPORTS, QueryError, report, run
from juesuan.export.write import write


@pytest.fixture(scope="module")
def data(example_disclosures, tmp_path_factory):
    corpus = Corpus()
    for name, disclosure in example_disclosures.items():
        corpus.add(disclosure, check(disclosure), source=name)
    out = tmp_path_factory.mktemp("parquet")
    write(corpus.rows, out, "parquet")
    csv_out = tmp_path_factory.mktemp("csv")
    write(corpus.rows, csv_out, "csv")
    return out, csv_out


def _by_department(columns, rows):
    return {row[0]: dict(zip(columns, row)) for row in rows}


def test_three_public_report_equals_the_tables(data, example_disclosures):
    for folder in data:  # Parquet and CSV give the same answer
        table = _by_department(*report(folder, "three_public"))
        for disclosure in example_disclosures.values():
            final = disclosure.tables.three_public.final
            row = table[disclosure.meta.department]
            assert (row["公务接待费"], row["合计"]) == (final.reception, final.total)


def test_basic_project_shares(data, example_disclosures):
    table = _by_department(*report(data[0], "basic_project_shares"))
    for disclosure in example_disclosures.values():
        total = disclosure.tables.expenditure.total
        row = table[disclosure.meta.department]
        assert row["基本支出"] == total.basic
        share = (Decimal(100) * total.basic / total.total).quantize(Decimal("0.01"))
        assert abs(row["基本支出占比"] - share) <= Decimal("0.01")


def test_operating_costs_and_findings_reports(data, example_disclosures):
    costs = _by_department(*report(data[0], "operating_costs"))
    for disclosure in example_disclosures.values():
        if disclosure.operating_costs.amount is not None:
            assert costs[disclosure.meta.department]["机关运行经费"] == disclosure.operating_costs.amount
    columns, rows = report(data[0], "findings_by_family")
    expected = sum(len(check(d).findings) for d in example_disclosures.values())
    assert sum(row[columns.index("条数")] for row in rows) == expected


def test_every_named_report_runs(data):
    for name in REPORTS:
        columns, _ = report(data[0], name)
        assert columns


def test_bad_sql_and_unknown_report_are_user_errors(data, tmp_path):
    with pytest.raises(QueryError):
        run(data[0], "select nope from cells")
    with pytest.raises(QueryError):
        report(data[0], "nope")
    with pytest.raises(QueryError):
        run(tmp_path, "select 1")


def test_docs_open_data_lists_every_field():
    from pathlib import Path

    from juesuan.export.schema import markdown

    doc = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text(encoding="utf-8")
    assert markdown() in doc, "docs/open-data.md is stale: python -m juesuan.export.schema"
