"""Reasons the Shanghai template gives one sentence per item after all the changes ("因公出国（境）费支出增加
的主要原因是…。公务接待费支出增加的主要原因是…。") belong to the item each names. Before, the first went to
the last clause's item and the others to none (C-007 “增减变化未说明主要原因” on a document that states
them — bench/data_variety.py, Shanghai disclosures with “三公” spending)."""

from __future__ import annotations

from juesuan.ingest import read

TEXT = """第三部分 2024年度部门决算情况说明
七、“三公”经费财政拨款支出决算情况说明
2024年度“三公”经费财政拨款支出决算数比2023年度增加5.02万元，增长20.00%，其中：因公出国（境）费支出决算增加4.61万元，增长6.36%；公务用车购置及运行维护费支出决算减少0.00万元；公务接待费支出决算增加0.41万元，增长29.29%。
因公出国（境）费支出增加的主要原因是出访任务增加。
公务接待费支出增加的主要原因是接待批次增加。
"""


def test_three_public__each_reason_sentence_goes_to_the_item_it_names(tmp_path):
    path = tmp_path / "reasons.txt"
    path.write_text(TEXT, encoding="utf-8")
    disclosure, _ = read(path)
    reasons = {(c.item, c.measure): c.reason for c in disclosure.claims if c.base == "prior_year"}
    assert reasons[("three_public.final.overseas", "change_amount")] == "出访任务增加"
    assert reasons[("three_public.final.overseas", "change_rate")] == "出访任务增加"
    assert reasons[("three_public.final.reception", "change_amount")] == "接待批次增加"
    assert reasons[("three_public.final.reception", "change_rate")] == "接待批次增加"
    assert reasons[("three_public.final.total", "change_amount")] is None


VEHICLES = """第三部分 2024年度部门决算情况说明
七、“三公”经费财政拨款支出决算情况说明
2、公务用车购置及运行维护费支出8.63万元。其中：
公务用车购置支出为8.08万元。购置公务用车2辆。
公务用车运行维护支出0.55万元。主要用于公务用车燃料费。2024年，本部门所属各预算单位开支财政拨款的公务用车保有量为3辆。
"""


def test_three_public__vehicles_bought_in_the_shanghai_wording(tmp_path):
    """"购置公务用车2辆" is the number of cars bought (C-002 said it was not given)."""
    path = tmp_path / "vehicles.txt"
    path.write_text(VEHICLES, encoding="utf-8")
    disclosure, _ = read(path)
    assert disclosure.three_public_details.vehicles_purchased == 2
    assert disclosure.three_public_details.vehicles_held == 3
