"""Properties: suggested scores stay within [0, 分值]; Σ parts = 总分; XLSX export → import is lossless."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.model import FundsLine, Indicator, ProjectEvaluation, ProjectFunds
from juesuan.scoring import load_policy, policy_names, score_indicator, score_project
from juesuan.scoring.form import INDICATOR_HEADER, export_form
from juesuan.scoring.form_import import import_form

OPS = st.sampled_from([">=", "≥", "<=", "≤", "=", ">", "<", ""])
UNITS = st.sampled_from(["次", "人次", "万元", "%", "小时", "个工作日", "MW", "万吨", "台", "元/人次", ""])
LABELS = st.sampled_from(["完全达到预期效果", "部分达到预期效果", "未达到预期效果", "基本达到预期效果", "达成年度指标"])
AMOUNT = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
WEIGHT = st.decimals(min_value=0, max_value=30, places=2, allow_nan=False, allow_infinity=False)
# text as a user types it: no control characters, no surrounding blanks, not empty, and not one of
# the form's own labels (a cell reading "总分" is the label, whatever field it was meant for)
FORM_LABELS = set(INDICATOR_HEADER) | {"项目名称", "主管部门", "实施单位", "年初预算数", "预期目标", "实际完成情况",
                                       "总分", "备注", "等级", "年度资金总额", "上年结转资金", "其他资金"}
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")), min_size=1,
               max_size=30).map(str.strip).filter(lambda t: t and t not in FORM_LABELS)
LEVELS = st.sampled_from([("产出指标", "数量指标"), ("产出指标", "成本指标"), ("效益指标", "社会效益指标"),
                          ("满意度指标", "满意度指标")])


@st.composite
def quantitative_rows(draw):
    level1, level2 = draw(LEVELS)
    unit = draw(UNITS)
    target = f"{draw(OPS)}{draw(AMOUNT)}{unit}"
    actual = f"{draw(AMOUNT)}{unit}"
    return Indicator(level1=level1, level2=level2, name="指标", target=target, actual=actual,
                     weight=draw(WEIGHT), score=draw(st.none() | WEIGHT))


@st.composite
def qualitative_rows(draw):
    level1, level2 = draw(LEVELS)
    return Indicator(level1=level1, level2=level2, name="指标", target="显著提升", actual=draw(LABELS),
                     weight=draw(WEIGHT), score=draw(st.none() | WEIGHT))


@given(quantitative_rows() | qualitative_rows(), st.sampled_from(policy_names()))
def test_score_indicator__within_zero_and_weight(row, policy):
    s = score_indicator(row, load_policy(policy))
    for value in (s.suggested, s.low, s.high, s.recomputed):
        if value is not None:
            assert Decimal(0) <= value <= row.weight


def _line(draw):
    return FundsLine(initial_budget=draw(st.none() | AMOUNT), full_year_budget=draw(st.none() | AMOUNT),
                     execution=draw(st.none() | AMOUNT))


@st.composite
def projects(draw):
    rows = draw(st.lists(quantitative_rows() | qualitative_rows() | LEVELS.map(
        lambda lv: Indicator(level1=lv[0], level2=lv[1])), max_size=8))
    optional = st.none() | TEXT
    return ProjectEvaluation(
        name=draw(TEXT), department=draw(optional), implementer=draw(optional),
        year=draw(st.none() | st.integers(2000, 2100)),
        funds=ProjectFunds(total=_line(draw), current_appropriation=_line(draw), carryover=_line(draw),
                           other=_line(draw)),
        execution_weight=draw(st.none() | WEIGHT), execution_rate=draw(st.none() | AMOUNT),
        execution_score=draw(st.none() | WEIGHT), goal_expected=draw(optional), goal_actual=draw(optional),
        indicators=tuple(rows), total_weight=draw(st.none() | AMOUNT), total_score=draw(st.none() | AMOUNT),
        grade=draw(st.none() | st.sampled_from(["优", "良", "中", "差"])),
        notes=tuple(draw(st.lists(TEXT, max_size=3))),
    )


@given(projects())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_score_project__parts_add_up_to_recomputed_total(project):
    s = score_project(project, "urumqi-2022")
    parts = (s.execution_score or Decimal(0)) + sum(
        (r.recomputed for r in s.indicators if r.recomputed is not None), Decimal(0))
    assert parts == s.recomputed_total
    printed = (project.execution_score or Decimal(0)) + sum(
        (r.score for r in project.indicators if r.score is not None), Decimal(0))
    assert printed == s.printed_sum


@given(st.lists(projects(), min_size=1, max_size=3))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_export_form__import_is_lossless(items):
    result = import_form(export_form(items), "t.xlsx")
    assert result.problems == ()
    assert result.projects == tuple(items)


def test_export_form__seed_round_trip(seed_performance):
    result = import_form(export_form(seed_performance.projects), "seed.xlsx")
    assert result.problems == () and result.projects == seed_performance.projects


def test_export_form__fill_puts_engine_scores_in_empty_cells(seed_projects):
    project = seed_projects["信息化项目专家评审费"]
    blank = project.model_copy(update={
        "execution_score": None, "total_score": None,
        "indicators": tuple(i.model_copy(update={"score": None}) for i in project.indicators)})
    (back,) = import_form(export_form([blank], fill=True), "f.xlsx").projects
    quantitative = [i.score for i in back.indicators if i.name in ("发放专家费人数", "召开评审论证次数", "资金发放及时率")]
    assert quantitative == [Decimal("4.50"), Decimal("3.38"), Decimal("8.00")]
    assert back.execution_score == Decimal("10.00")
    assert [i.score for i in back.indicators if i.target == "显著提升"] == [None]  # qualitative: judgement
