"""What a reviewer reads in a sentence: 预决算 directions and reasons, names checked against the
document's own table, sub-clause figures, listed items. Real sentences (seed, Shanghai sample and
PDF), our composed text, and mutations of them."""

from __future__ import annotations

import unicodedata
from collections import Counter
from decimal import Decimal

import pytest

from juesuan import fileformat
from juesuan.ingest import read
from juesuan.ingest.numbers import clean
from juesuan.ingest.resolve import Resolver, resolve_path

from .conftest import EXAMPLES, SEED, SHANGHAI_PDF, SHARED, need

SAMPLE = SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"
PATH = "一般公共服务支出（类）财政事务（款）{}（项）"


def _example(name: str):
    return fileformat.load(need(EXAMPLES / name))


@pytest.fixture(scope="module")
def rows():
    """公开05 rows as the Shanghai example carries them (transcribed from the PDF)."""
    return _example("shanghai-putuo-czj-2024.yaml").tables.general_budget.rows


def test_resolve_path__the_table_names_the_row(rows):
    resolved = resolve_path(PATH.format("行政运行"), rows, Resolver(2024))
    assert (resolved.code, resolved.flags) == ("2010601", ())


def test_resolve_path__a_name_the_table_prints_otherwise_is_kept_and_flagged(rows):
    renamed = tuple(r.model_copy(update={"name": "行政运行支出"}) if r.code == "2010601" else r for r in rows)
    resolved = resolve_path(PATH.format("行政运行"), renamed, Resolver(2024))
    assert (resolved.code, resolved.flags, resolved.table_name) == ("2010601", ("name_differs",), "行政运行支出")


def test_resolve_path__a_code_the_table_lacks_and_a_name_nobody_knows(rows):
    absent = resolve_path(PATH.format("机关服务"), rows, Resolver(2024))
    assert absent.flags == ("not_in_table",) and absent.code not in {r.code for r in rows}
    assert resolve_path(PATH.format("行政运转"), rows, Resolver(2024)).flags == ("unresolved",)


def _read_mutated(tmp_path, source, old: str, new: str):
    text = need(source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return read(path)[0]


def test_extract_claims__an_unknown_name_is_kept_with_its_figures_not_given_to_another_item(tmp_path):
    old = "1、一般公共服务支出（类）财政事务（款）行政运行（项）"
    disclosure = _read_mutated(tmp_path, SAMPLE, old, old.replace("行政运行", "行政运转"))
    kept = [c for c in disclosure.claims if "unresolved" in c.flags and "行政运转" in c.printed_name]
    assert {c.value for c in kept} == {Decimal("1560.05"), Decimal("1511.89")}
    assert all(c.item == "general_budget.unresolved.total" for c in kept)
    assert not [c for c in disclosure.claims if c.value == Decimal("1560.05") and not c.flags]
    _, report = read(tmp_path / SAMPLE.name)
    assert [p for p in report.problems if "行政运转" in p.message and p.page == kept[0].page]


def _key(claim):
    return claim.item, claim.measure, claim.value, claim.base, claim.direction


def test_extract_claims__budget_directions_equal_the_example():
    """决算数小于预算数 / 决算数与预算数基本持平 of SH §五(三) and §七(一), on the budget claims."""
    disclosure, _ = read(need(SHANGHAI_PDF))
    expected = [c for c in _example("shanghai-putuo-czj-2024.yaml").claims
                if c.direction in ("大于", "小于", "等于") or c.direction == "持平" and c.base == "initial_budget"]
    got = Counter(map(_key, disclosure.claims))
    assert len(expected) >= 14
    assert [c for c in expected if not got[_key(c)]] == []
    stated = [c for c in disclosure.claims if c.direction in ("大于", "小于", "等于")]
    assert all(c.base == "initial_budget" or c.measure == "completion_rate" for c in stated)
    reasons = {c.item: c.reason for c in expected if c.reason}
    assert {c.item: unicodedata.normalize("NFKC", c.reason) for c in stated if c.item in reasons} == \
        {item: unicodedata.normalize("NFKC", r) for item, r in reasons.items()}


def test_extract_claims__a_template_leftover_states_no_direction(tmp_path):
    old = "决算数小于预算数的主要原因：人员进出及退休变化"
    disclosure = _read_mutated(tmp_path, SAMPLE, old, old.replace("小于", "大于（小于）"))
    first = [c for c in disclosure.claims if c.item == "general_budget.2010601.total" and c.base == "initial_budget"]
    assert first and all(c.direction is None for c in first)


def test_narrative_facts__budget_reasons_from_the_direction_statements():
    disclosure, _ = read(need(SHANGHAI_PDF))
    expected = {k: unicodedata.normalize("NFKC", v.budget_reason)
                for k, v in _example("shanghai-putuo-czj-2024.yaml").comparisons.items() if v.budget_reason}
    got = {k: v.budget_reason for k, v in disclosure.comparisons.items() if k in expected}
    assert got == expected


def test_extract_claims__a_sub_clause_count_is_not_the_main_count(tmp_path):
    """“国内公务接待2批次、9人次，其中：接待外宾0批次、0人次” (our SH template): 0 批次 is 外宾."""
    from juesuan.narrative import compose

    example = _example("shanghai-putuo-czj-2024.yaml")
    three = example.tables.three_public
    final = three.final.model_copy(update={"total": Decimal("0.50"), "reception": Decimal("0.50")})
    details = example.three_public_details.model_copy(update={
        "reception_batches": 2, "reception_people": 9, "foreign_reception_batches": 0, "foreign_reception_people": 0})
    mutated = example.model_copy(update={"tables": example.tables.model_copy(
        update={"three_public": three.model_copy(update={"final": final})}), "three_public_details": details})
    text = compose(mutated).text()
    assert "其中：接待外宾0批次、0人次" in text
    path = tmp_path / "composed.txt"
    path.write_text(text, encoding="utf-8")
    parsed, _ = read(path)
    counts = {(c.item, c.unit): c.value for c in parsed.claims if c.measure == "count"}
    assert [c.value for c in parsed.claims if c.item == "three_public_details.reception_batches"] == [2]
    assert counts[("three_public_details.foreign_reception_batches", "批次")] == 0
    assert counts[("three_public_details.foreign_reception_people", "人次")] == 0
    assert parsed.three_public_details.reception_batches == 2


@pytest.mark.parametrize("path", [SEED, SHANGHAI_PDF])
def test_extract_claims__listed_items_of_人员经费_and_公用经费(path):
    disclosure, _ = read(need(path))
    listed = {c.item: c.listed for c in disclosure.claims if c.listed}
    assert set(listed) == {"basic_expenditure.personnel_total", "basic_expenditure.public_total"}
    assert "基本工资" in listed["basic_expenditure.personnel_total"]
    assert "办公费" in listed["basic_expenditure.public_total"]
    assert not set(listed["basic_expenditure.personnel_total"]) & set(listed["basic_expenditure.public_total"])


def test_extract_claims__listed_items_are_rows_of_the_documents_own_公开06():
    disclosure, _ = read(need(SHANGHAI_PDF))
    names = {clean(r.name) for r in disclosure.tables.basic_expenditure.rows}
    listed = [clean(item) for c in disclosure.claims for item in c.listed]
    assert listed and [item for item in listed if item not in names] == []


def test_extract_claims__text_out_of_reading_order_is_read_in_order():
    """The sample's extraction prints a continuation above the line it continues, alone between blank
    lines: "161.62万元，支出决算为160.75万元。…" | "保险缴费支出（项）。…年初预算为" and
    "“优”的项目4个；…" | "的2024年度项目4个，…绩效评级为". Read in order (ingest/prose.py ``in_order``),
    the figures are 2080505's and the 绩效 counts are the PDF's (before: 161.62/160.75 kept on an
    unresolved item, 96/105 claims equal to the PDF's and a false C-006)."""
    disclosure, _ = read(need(SAMPLE))
    cut = [c for c in disclosure.claims if c.value in (Decimal("161.62"), Decimal("160.75"))]
    assert cut and all(c.item == "general_budget.2080505.total" and not c.flags for c in cut)
    assert not [c for c in disclosure.claims if c.item == "general_budget.20805.total"]
    expected, _ = read(need(SHANGHAI_PDF))
    assert disclosure.performance.summary == expected.performance.summary


def test_narrative_facts__主要用于_of_each_item_equals_the_example():
    disclosure, _ = read(need(SHANGHAI_PDF))
    expected = {k: unicodedata.normalize("NFKC", v.purpose)
                for k, v in _example("shanghai-putuo-czj-2024.yaml").comparisons.items() if v.purpose}
    assert len(expected) >= 11
    assert {k: v.purpose for k, v in disclosure.comparisons.items() if k in expected} == expected
