"""Open-data export: tidy rows, every format, the Data Package validated by frictionless."""

from decimal import Decimal

import pytest

from juesuan.checks import check
from juesuan.export import Corpus, tidy
from juesuan.export.schema import RESOURCES
from juesuan.export.write import read_parquet, write
from juesuan.model import iter_table_cells, lookup, replace_value
from juesuan.model.provenance import Source

CODED = ("income", "expenditure", "general_budget", "government_fund", "state_capital")


def _corpus(disclosures):
    corpus = Corpus()
    for name, disclosure in disclosures.items():
        corpus.add(disclosure, check(disclosure), source=name)
    return corpus


def test_every_table_cell_is_one_row_with_its_value(example_disclosures):
    for disclosure in example_disclosures.values():
        rows = tidy(disclosure)["cells"]
        cells = dict(iter_table_cells(disclosure))
        assert len(rows) == len(cells)
        assert {row["item"]: row["amount"] for row in rows} == cells


def test_summing_exported_cells_reproduces_every_table_total(example_disclosures, shanghai_pdf_disclosure):
    """Σ 类 rows = 合计 row for every coded table and column, up to the rounding of the printed
    parts (half a cent each: the 尾差 the documents print), except where 审核 itself reports
    that table's 合计行 = 各类之和 identity as broken (a defect of the document)."""
    documents = {**example_disclosures, "shanghai.pdf": shanghai_pdf_disclosure}
    compared = 0
    for name, disclosure in documents.items():
        broken = {f.location.table for f in check(disclosure).findings if f.rule_id.endswith("-002")}
        rows = tidy(disclosure)["cells"]
        for key in CODED:
            if getattr(disclosure.tables, key).empty or key in broken:
                continue
            totals = {r["column_key"]: r["amount"] for r in rows if r["table_key"] == key and r["level"] == "合计"}
            for column, total in totals.items():
                parts = [r["amount"] for r in rows
                         if r["table_key"] == key and r["level"] == "类" and r["column_key"] == column]
                slack = Decimal("0.005") * len(parts)
                assert abs(sum(parts, Decimal(0)) - total) <= slack, (name, key, column)
                compared += 1
    assert compared >= 30


def test_unread_cells_and_missing_tables_are_empty_not_zero(example_disclosures):
    disclosure = next(iter(example_disclosures.values()))
    path = "expenditure.total.basic"
    unread = disclosure.model_copy(update={"provenance": {**disclosure.provenance, path: Source(kind="unread")}})
    missing = disclosure.model_copy(update={"tables": disclosure.tables.model_copy(
        update={"three_public": disclosure.tables.three_public.model_copy(update={"missing": True})})})
    row = next(r for r in tidy(unread)["cells"] if r["item"] == path)
    assert (row["amount"], row["status"]) == (None, "unread")
    three = [r for r in tidy(missing)["cells"] if r["table_key"] == "three_public"]
    assert three and all(r["amount"] is None and r["status"] == "missing" for r in three)


def test_parquet_round_trip_gives_the_same_cells(example_disclosures, tmp_path):
    corpus = _corpus(example_disclosures)
    write(corpus.rows, tmp_path, "parquet")
    for name in RESOURCES:
        back = read_parquet(tmp_path / f"{name}.parquet")
        assert len(back) == len(corpus.rows[name])
    back = read_parquet(tmp_path / "cells.parquet")
    assert [(r["document"], r["item"], r["amount"]) for r in back] == \
        [(r["document"], r["item"], r["amount"]) for r in corpus.rows["cells"]]
    assert all(isinstance(r["amount"], Decimal) for r in back if r["amount"] is not None)


def test_mutated_amount_travels_to_every_format(example_disclosures, tmp_path):
    """No format may round or float a value: a changed cell comes back exactly in each."""
    disclosure = example_disclosures["urumqi-iit-2022.yaml"]
    path = "expenditure.total.project"
    changed = replace_value(disclosure, path, lookup(disclosure, path) + Decimal("0.01"))
    rows = tidy(changed, source="x")
    expected = format(lookup(changed, path), "f")
    for format_name in ("csv", "json", "parquet"):
        out = tmp_path / format_name
        write(rows, out, format_name)
        if format_name == "parquet":
            value = next(r["amount"] for r in read_parquet(out / "cells.parquet") if r["item"] == path)
            assert format(value, "f") == expected
        else:
            assert expected in (out / f"cells.{format_name}").read_text(encoding="utf-8")


def test_data_package_validates(example_disclosures, shanghai_pdf_disclosure, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    corpus = _corpus({**example_disclosures, "shanghai.pdf": shanghai_pdf_disclosure})
    write(corpus.rows, tmp_path, "datapackage", sources=["a.yaml", "shanghai.pdf"])
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    assert {r.name for r in package.resources} == set(RESOURCES)
