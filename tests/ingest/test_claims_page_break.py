"""A paragraph that runs on to the next page carries no page number into its sentence."""

from __future__ import annotations

import pytest

from juesuan.ingest import read
from juesuan.ingest.claims import PAGE_NUMBER

TEXT = """第二部分 情况说明
一、收入支出决算总体情况说明
2022年度收入总计45963.78万元，其中：本年收入合计45894.64万元，使用非财政拨款结余0万元，年初结转和
{page}
结余69.14万元。
"""


@pytest.mark.parametrize("page", ["— 2 —", "-2-", "第 2 页", "第2页共9页", "2/9", "2"])
def test_claims__a_page_number_between_two_lines_of_a_sentence_is_skipped(tmp_path, page):
    path = tmp_path / "broken.txt"
    path.write_text(TEXT.format(page=page), encoding="utf-8")
    disclosure, _ = read(path)
    values = {(c.item, str(c.value)) for c in disclosure.claims if c.measure == "amount"}
    assert ("summary.income.opening_balance", "69.14") in values
    assert ("summary.income.non_fiscal_balance_used", "69.14") not in values


@pytest.mark.parametrize("line", ["年初结转和结余69.14万元", "45,963.", "—2—结余", "12345"])
def test_page_number__text_is_not_a_page_number(line):
    assert not PAGE_NUMBER.match(line)
