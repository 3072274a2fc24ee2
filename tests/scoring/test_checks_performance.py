"""绩效 rules of 审核 (checks/performance.py): each fails on a real seed defect or a small edit of a
clean seed table, and passes on clean tables. The rules call the scoring engine."""

from __future__ import annotations

from decimal import Decimal as D
from functools import lru_cache
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "urumqi-iit-2022.yaml"
CLEAN = "历年重点建设项目资金"  # no issue at all under urumqi-2022


@lru_cache(maxsize=1)
def example():
    return fileformat.load(EXAMPLE)


def seed(name):
    return next(p for p in example().performance.projects if p.name == name)


def with_projects(*projects, **summary):
    d = example()
    performance = d.performance.model_copy(update={
        "projects": tuple(projects),
        "summary": d.performance.summary.model_copy(update=summary or {
            "project_count": len(projects),
            "budget_total": sum(p.funds.total.full_year_budget for p in projects),
            "execution_total": sum(p.funds.total.execution for p in projects)})})
    return d.model_copy(update={"performance": performance})


def edit_row(project, position, **changes):
    rows = list(project.indicators)
    rows[position] = rows[position].model_copy(update=changes)
    return project.model_copy(update={"indicators": tuple(rows)})


def found(d, rule_id, *fields):
    return [f.flat(*(fields or ("severity", "project", "indicator"))) for f in check(d).by_rule(rule_id)]


@pytest.mark.rule("P-001", "passes")
@pytest.mark.rule("P-002", "passes")
@pytest.mark.rule("P-003", "passes")
@pytest.mark.rule("P-004", "passes")
@pytest.mark.rule("P-005", "passes")
@pytest.mark.rule("P-006", "passes")
@pytest.mark.rule("P-007", "passes")
@pytest.mark.rule("P-008", "passes")
@pytest.mark.rule("P-009", "passes")
@pytest.mark.rule("P-010", "passes")
@pytest.mark.rule("P-011", "passes")
@pytest.mark.rule("P-012", "passes")
@pytest.mark.rule("P-013", "passes")
def test_performance_rules__clean_table_is_silent():
    report = check(with_projects(seed(CLEAN)))
    assert [f.rule_id for f in report.findings if f.rule_id.startswith("P-")] == []


@pytest.mark.rule("P-001", "fails")
def test_funds_sum__heating_appropriation_33003():
    name = "华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金"
    assert found(with_projects(seed(name)), "P-001", "severity", "project", "expected", "actual") == [
        ("错误", name, D("33.003"), D("333.00"))]


@pytest.mark.rule("P-002", "fails")
def test_execution_rate__printed_rate_differs():
    project = seed(CLEAN).model_copy(update={"execution_rate": D("90.00")})
    assert found(with_projects(project), "P-002", "severity", "expected", "actual") == [
        ("错误", D("100.00"), D("90.00"))]


@pytest.mark.rule("P-003", "fails")
def test_execution_score__printed_score_differs():
    project = seed(CLEAN).model_copy(update={"execution_score": D("8.00")})
    # 提示: the min(执行率,100%)×分值 policy is unverified (severity policy, docs/rules.md).
    assert found(with_projects(project), "P-003", "severity", "indicator") == [("提示", "预算执行率")]


@pytest.mark.rule("P-004", "fails")
def test_weight_sum__weights_do_not_add_to_100():
    project = edit_row(seed(CLEAN), 0, weight=D(9))
    assert found(with_projects(project), "P-004", "severity", "expected", "actual") == [
        ("错误", D(100), D(99))]


@pytest.mark.rule("P-005", "fails")
def test_score_range__expert_fee_execution_score_100():
    assert found(with_projects(seed("信息化项目专家评审费")), "P-005") == [
        ("错误", "信息化项目专家评审费", "预算执行率")]


@pytest.mark.rule("P-006", "fails")
def test_indicator_rule__brt_manual_scores():
    name = "2019—2020 年度乌鲁木齐市公交 BRT 车（站）视频监控运维项目"
    assert sorted(found(with_projects(seed(name)), "P-006", "indicator", "expected", "actual")) == [
        ("成本节约率（%）", D("13.75"), D("13.65")), ("设施设备损坏维修率（%）", D("8.75"), D("7.5")),
        ("设施设备运行维护及时性", D("0"), D("10.5"))]


@pytest.mark.rule("P-007", "fails")
def test_reason_required__score_below_weight_without_reason():
    project = edit_row(seed("信息化项目专家评审费"), 1, deviation_reason=None)  # 27/40 次 → 3.38
    assert found(with_projects(project), "P-007") == [("警告", "信息化项目专家评审费", "召开评审论证次数")]


@pytest.mark.rule("P-008", "fails")
def test_total_sum__cloud_2021_does_not_add_up():
    name = "2021年度乌鲁木齐市政务云服务项目"
    assert found(with_projects(seed(name)), "P-008", "severity", "expected", "actual") == [
        ("错误", D("100.00"), D("88.98"))]


@pytest.mark.rule("P-009", "fails")
def test_weight_split__research_project_70_10_10():
    assert found(with_projects(seed("工业和信息化项目调研经费")), "P-009", "severity", "indicator", "actual") == [
        ("警告", "产出指标", D(70)), ("警告", "效益指标", D(10))]


@pytest.mark.rule("P-010", "fails")
def test_judgement__zero_actual_cost_rows():
    assert [i for _, _, i in found(with_projects(seed("工业和信息化项目调研经费")), "P-010")] == [
        "全年参加安全生产、煤炭安全项目相关调研考察使用经费"]


@pytest.mark.rule("P-011", "fails")
def test_notation__strict_inequality_met_by_equality():
    name = "2019—2020 年度乌鲁木齐市公交 BRT 车（站）视频监控运维项目"
    assert found(with_projects(seed(name)), "P-011") == [("提示", name, "居民满意度 (%)")]


@pytest.mark.rule("P-012", "fails")
def test_required_cells__score_not_filled():
    project = edit_row(seed(CLEAN), 0, score=None)
    assert ("错误", CLEAN, "新建原水输水管道") in found(with_projects(project), "P-012")


@pytest.mark.rule("P-013", "fails")
def test_summary_scores__average_differs():
    d = with_projects(*example().performance.projects, project_count=14, average_score=D("90.00"))
    assert found(d, "P-013", "severity", "expected", "actual") == [("错误", D("90.76"), D("90.00"))]


@pytest.mark.rule("P-013", "fails")
def test_summary_scores__grade_count_differs_and_unknown_grade():
    d = with_projects(*example().performance.projects, project_count=14, grade_counts={"优": 7, "良": 7, "合格": 0})
    assert [m for (m,) in found(d, "P-013", "message")] == [
        "说明中“优”等级7个，按自评表总分为6个", "说明中“良”等级7个，按自评表总分为8个",
        "等级“合格”不是评分策略 urumqi-2022 的等级（优/良/中/差）"]


@pytest.mark.rule("P-013", "passes")
def test_summary_scores__average_and_grades_match():
    d = with_projects(*example().performance.projects, project_count=14, average_score=D("90.8"),
                      grade_counts={"优": 6, "良": 8, "中": 0, "差": 0})
    assert found(d, "P-013") == []
