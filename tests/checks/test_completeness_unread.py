"""C-005/C-006 say an item is missing only when the 说明 does not print it: a sentence naming it whose
figure the reader did not read is unknown, not missing (a 提示 to look, never a 警告). The sentences are
the Shanghai PDF's as pdfplumber's text printed them (figures on a line below, tests/ingest/
test_claims_moved_figures.py): before the reader put them back, C-005 and C-006 gave false 警告."""

from __future__ import annotations

from checks_fragments import disclosure

from juesuan.checks import check

EQUIPMENT = "{kind: sentence, section: assets, text: 车 辆、其他用车 辆。单价 万元（含）以上设备（不含车辆） 台（套）。}"
PERFORMANCE = ("{kind: sentence, section: performance, text: 上海市普陀区财政局 年度预算绩效管理工作开展情况如下："
               "本部门制定了普陀区财政局预算绩效管理实施办法}")


def said(d, rule_id):
    return [(f.severity, f.message) for f in check(d).by_rule(rule_id)]


def test_assets__equipment_sentence_printed_but_not_read_is_a_note():
    d = disclosure(assets="{vehicles: 0}", printed=f"[{EQUIPMENT}]")
    assert said(d, "C-005") == [("提示", "国有资产占用情况提到单价100万元（含）以上设备，但其数未能读出（数值未知，不作缺项）")]


def test_assets__equipment_not_printed_is_still_missing():
    d = disclosure(assets="{vehicles: 0}", printed="[]")
    assert said(d, "C-005") == [("警告", "国有资产占用情况缺少单价100万元（含）以上设备数")]


def test_performance__a_sentence_of_the_section_is_its_说明文字():
    assert said(disclosure(performance="{}", printed=f"[{PERFORMANCE}]"), "C-006") == []


def test_performance__any_figure_of_the_summary_states_it():
    # pdfplumber's read before the figures were put back: target and tracking counts, no 自评 count
    assert said(disclosure(performance="{summary: {target_projects: 4, tracking_projects: 4}}"), "C-006") == []
