"""A file read back with no 说明 at all (our workbook of the nine tables) is one defect, said once by C-011
— not a 警告 for each item the 说明 would hold (C-002…C-006 gave six on our Shanghai XLSX). And C-003/C-004,
like C-005, say an item is missing only when the 说明 prints nothing naming it: the sentences below are the
shared Shanghai PDF's with their figures not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from checks_fragments import disclosure

from juesuan import fileformat
from juesuan.checks import check
from juesuan.ingest import read
from juesuan.narrative import compose

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shanghai-putuo-czj-2024.yaml"
ITEMS = ("C-002", "C-003", "C-004", "C-005", "C-006")
PROCUREMENT = "{kind: sentence, section: procurement, text: 上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为 万元}"
OPERATING = "{kind: sentence, section: operating_costs, text: 机关运行经费支出 万元，比2023年度增加 万元，增长 %。}"


def _read_back(tmp_path: Path, fmt: str):
    render = pytest.importorskip("juesuan.render")
    d = fileformat.load(EXAMPLE)
    return read(render.render(fmt, d, compose(d), tmp_path / f"out.{fmt}"))[0]


def said(d, *rule_ids):
    return [(f.rule_id, f.severity) for f in check(d).findings if f.rule_id in rule_ids]


@pytest.mark.rule("C-011", "fails")
def test_workbook_without_narrative__said_once_not_per_item(tmp_path: Path):
    d = _read_back(tmp_path, "xlsx")
    assert said(d, "C-011", *ITEMS) == [("C-011", "警告")]


@pytest.mark.rule("C-011", "passes")
def test_document_with_its_narrative__no_c011(tmp_path: Path):
    d = _read_back(tmp_path, "docx")
    assert said(d, "C-011") == []


def test_example_as_data__judged_item_by_item():
    """Nothing printed (a disclosure kept as data): the items are its inputs, C-011 has nothing to say."""
    assert said(disclosure(operating_costs="{}"), "C-011", "C-004") == [("C-004", "警告")]


def test_procurement__sentence_printed_but_total_not_read_is_a_note():
    d = disclosure(procurement="{sme_contracts: 246.47}", printed=f"[{PROCUREMENT}]")
    assert [(f.severity, f.message) for f in check(d).by_rule("C-003")] == [
        ("提示", "政府采购情况提到政府采购支出总额，但其数未能读出（数值未知，不作缺项）")]


def test_operating_costs__sentence_printed_but_amount_not_read_is_a_note():
    d = disclosure(operating_costs="{}", printed=f"[{OPERATING}]")
    assert said(d, "C-004") == [("C-004", "提示")]
