"""The transcribed 14 自评表 validate and keep the seed's printed figures."""

from decimal import Decimal

from juesuan.model import Performance


def test_fragment__validates_as_performance(seed_performance):
    assert isinstance(seed_performance, Performance)
    assert len(seed_performance.projects) == 14


def test_fragment__totals_match_seed_paragraph(seed_performance):
    # SEED §十一: 全年预算数 12503.81 万元，全年执行数 12503.81 万元
    projects = seed_performance.projects
    assert sum(p.funds.total.full_year_budget for p in projects) == Decimal("12503.81")
    assert sum(p.funds.total.execution for p in projects) == Decimal("12503.81")


def test_fragment__printed_defects_kept(seed_projects):
    assert seed_projects["信息化项目专家评审费"].execution_score == Decimal("100")
    heat = seed_projects["华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金"]
    assert heat.funds.current_appropriation.execution == Decimal("33.003")
    brt = seed_projects["2019—2020 年度乌鲁木齐市公交 BRT 车（站）视频监控运维项目"]
    assert [i.score for i in brt.indicators if i.name == "成本节约率（%）"] == [Decimal("13.65")]


def test_fragment__every_project_has_notes_and_placeholders(seed_performance):
    for project in seed_performance.projects:
        assert project.notes, project.name
        assert any(i.is_placeholder for i in project.indicators), project.name


def test_fragment__is_the_example_projects(seed_performance):
    from pathlib import Path

    from juesuan import fileformat

    example = fileformat.load(Path(__file__).resolve().parents[2] / "examples" / "urumqi-iit-2022.yaml")
    assert example.performance.projects == seed_performance.projects
