"""Acceptance: the 14 自评表 of the seed, reported vs recomputed 总分, and the real anomalies found."""

from decimal import Decimal as D

import pytest
from scoring_seed import load_fragment, project

from juesuan.scoring import score_performance, score_project, summary_figures

# name → (printed 总分, recomputed under urumqi-2022, recomputed under mof-2020)
ACCEPTANCE = {
    "原机电老干所运行维护费": ("81.30", "81.38", "86.48"),
    "信息化项目专家评审费": ("86.88", "86.88", "86.88"),
    "乌鲁木齐市饕文化产业园（二期）项目": ("95.80", "95.80", "95.80"),
    "历年重点建设项目资金": ("95.74", "95.74", "95.74"),
    "华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金": ("94", "94.00", "94.00"),
    "华电新疆发电有限公司乌鲁木齐分公司1号机组凝抽背改造项目": ("89.50", "89.50", "89.50"),
    "华电新疆发电有限公司红雁池分公司1、2号机组凝抽背改造项目专项补贴资金": ("93.50", "93.50", "93.50"),
    "工业和信息化项目调研经费": ("82.15", "82.17", "82.17"),
    "甘泉堡南区多能互补及工业废热回收利用供暖项目": ("99.50", "99.50", "99.50"),
    "安全生产工作经费": ("98.15", "98.16", "98.16"),
    "2022 年度乌鲁木齐市政务云服务项目": ("88.50", "88.50", "88.50"),
    "2021年度乌鲁木齐市政务云服务项目": ("88.98", "93.46", "99.48"),
    "2020 年度乌鲁木齐市政务云服务项目（第三批）": ("88.94", "88.94", "88.94"),
    "2019—2020 年度乌鲁木齐市公交 BRT 车（站）视频监控运维项目": ("87.65", "78.50", "88.19"),
}


@pytest.mark.parametrize("name", list(ACCEPTANCE))
def test_score_project__acceptance_urumqi(name):
    printed, urumqi, _ = ACCEPTANCE[name]
    s = score_project(project(name), "urumqi-2022")
    assert (s.reported_total, s.recomputed_total) == (D(printed), D(urumqi))


@pytest.mark.parametrize("name", list(ACCEPTANCE))
def test_score_project__acceptance_mof(name):
    assert score_project(project(name), "mof-2020").recomputed_total == D(ACCEPTANCE[name][2])


def _codes(name, policy="urumqi-2022"):
    s = score_project(project(name), policy)
    return sorted((i.code, i.severity, i.indicator) for i in s.all_issues)


def test_score_project__expert_fee_execution_score_printed_100():
    codes = _codes("信息化项目专家评审费")
    assert ("score-range", "错误", "预算执行率") in codes
    assert ("total-sum", "错误", None) in codes  # 100 + 76.88 ≠ 86.88


def test_score_project__heating_appropriation_33003():
    s = score_project(project("华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金"))
    assert [(i.code, i.severity, i.expected, i.actual) for i in s.issues] == [
        ("funds-sum", "错误", D("33.003"), D("333.00"))]


def test_score_project__safety_funds_off_by_a_cent_is_rounding():
    s = score_project(project("安全生产工作经费"))  # 8.70 + 2.61 = 11.31, printed 11.32
    assert [(i.code, i.severity, i.expected) for i in s.issues] == [
        ("funds-sum", "提示", D("11.31")), ("funds-sum", "提示", D("11.31"))]


def test_score_project__cloud_2021_does_not_add_up():
    s = score_project(project("2021年度乌鲁木齐市政务云服务项目"))
    assert s.printed_sum == D("100.00") and s.reported_total == D("88.98")
    assert ("total-sum", "错误", None) in _codes("2021年度乌鲁木齐市政务云服务项目")


def test_score_project__research_weights_70_10_10_warn():
    codes = [c for c in _codes("工业和信息化项目调研经费") if c[0] == "weight-split"]
    assert codes == [("weight-split", "警告", "产出指标"), ("weight-split", "警告", "效益指标")]


def test_score_project__brt_manual_scores_reported():
    outside = [c[2] for c in _codes("2019—2020 年度乌鲁木齐市公交 BRT 车（站）视频监控运维项目")
               if c[0] == "indicator-rule"]
    assert outside == ["成本节约率（%）", "设施设备损坏维修率（%）", "设施设备运行维护及时性"]


def test_score_project__no_missing_reasons_in_seed():
    # SEED fills 偏差原因 in every row scored below its 分值
    assert [i for s in score_performance(load_fragment()) for i in s.all_issues if i.code == "reason-required"] == []


def test_score_project__weights_add_to_100_everywhere():
    assert {s.weight_sum for s in score_performance(load_fragment())} == {D(100)}


def test_summary_figures__seed_paragraph():
    f = summary_figures(load_fragment(), "urumqi-2022")
    assert (f.project_count, f.budget_total, f.execution_total, f.execution_rate) == (
        14, D("12503.81"), D("12503.81"), D("100.00"))
    assert f.average_score == D("90.76")
    assert f.grade_counts == {"优": 6, "良": 8, "中": 0, "差": 0}


def test_summary_figures__shanghai_grade_names():
    f = summary_figures(load_fragment(), "shanghai-2024")
    assert f.grade_counts == {"优": 6, "良": 8, "合格": 0, "不合格": 0}
