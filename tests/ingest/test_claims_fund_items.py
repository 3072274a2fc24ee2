"""公开08's 说明 as the Shanghai template words it (a document with government funds, which our
Shanghai example has not): the total's 收入 and 支出 in one sentence, then one paragraph per 项
("1、X（类）Y（款）Z（项）。主要用于…。年初预算为 A 万元，支出决算为 B 万元。") as 公开05's.
Before, "支出27.71万元" was read as a second 本年收入 (a false N-001 错误) and each 项's 年初预算
and 决算 went to the total (N-107/N-101 against the total) — bench/data_variety.py."""

from __future__ import annotations

from decimal import Decimal

from juesuan.ingest import read

TEXT = """第三部分 2024年度部门决算情况说明
八、政府性基金预算财政拨款收入支出决算情况说明
政府性基金预算财政拨款收入764.58万元，支出27.71万元，支出具体情况如下：
1、城乡社区支出（类）城乡社区公共设施（款）其他城乡社区公共设施支出（项）。主要用于：设施维护。年初预算为42.96万元，支出决算为27.71万元。决算数小于预算数的主要原因：工程进度调整。
"""


def test_fund_section__totals_and_each_item_paragraph_name_their_own_items(tmp_path):
    path = tmp_path / "fund.txt"
    path.write_text(TEXT, encoding="utf-8")
    disclosure, _ = read(path)
    claims = {(c.item, c.base, c.value) for c in disclosure.claims if c.measure == "amount"}
    assert claims == {
        ("government_fund.total.income", None, Decimal("764.58")),
        ("government_fund.total.expenditure", None, Decimal("27.71")),
        ("government_fund.2120399.expenditure", "initial_budget", Decimal("42.96")),
        ("government_fund.2120399.expenditure", None, Decimal("27.71")),
    }
