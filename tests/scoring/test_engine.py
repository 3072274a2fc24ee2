"""Per-indicator scoring: the seed's own rows and our small examples, under each policy."""

from decimal import Decimal as D

import pytest

from juesuan.model import Indicator
from juesuan.scoring import load_policy, score_indicator

URUMQI, MOF, GUANGXI = load_policy("urumqi-2022"), load_policy("mof-2020"), load_policy("guangxi-vendor")


def row(target, actual, weight, score, level2="数量指标", reason=None, name="x"):
    return Indicator(level1="产出指标", level2=level2, name=name, target=target, actual=actual,
                     weight=D(weight), score=None if score is None else D(score), deviation_reason=reason)


@pytest.mark.parametrize("target, actual, weight, expected", [
    (">=150 人次", "135 人次", "5", "4.50"),   # seed 专家评审费
    (">=40 次", "27 次", "5", "3.38"),         # 3.375 half-up
    (">=95%", "90%", "5", "4.74"),
    (">=5 份", "3 份", "5", "3.00"),
    ("=100%", "80%", "6", "4.80"),
    ("≥90%", "85%", "10", "9.44"),
    (">=4 次", "5 次", "5", "5"),             # over-completion: no bonus, no deduction
    ("=0起", "0起", "5", "5"),               # 指标值 0, 完成值 ≤ 0 → full
    ("=0起", "1起", "5", "0"),
])
def test_score_indicator__proportional_rule(target, actual, weight, expected):
    assert score_indicator(row(target, actual, weight, None), URUMQI).suggested == D(expected)


def test_score_indicator__explanation_line():
    s = score_indicator(row(">=40 次", "27 次", "5", "3.38"), URUMQI)
    assert s.explanation == "完成值27次/指标值40次 × 分值5 = 3.38"
    assert s.status == "match"


@pytest.mark.parametrize("policy, expected", [(URUMQI, "0"), (MOF, "1.53")])
def test_score_indicator__reverse_exceeded_by_policy(policy, expected):
    s = score_indicator(row("<=2.00 万元", "3.39 万元", "5", "0", "成本指标", "疫情"), policy)
    assert s.suggested == D(expected)


def test_score_indicator__reverse_linear_reaches_zero_at_twice_target():
    assert score_indicator(row("<=48 小时", "96 小时", "15", None, "时效指标"), MOF).suggested == D("0")
    assert score_indicator(row("<=48 小时", "65 小时", "15", None, "时效指标"), MOF).suggested == D("9.69")


def test_score_indicator__zero_actual_cost_goes_to_judgement():
    s = score_indicator(row("<=2.4 万元", "0 万元", "5", "0", "成本指标", "未开展"), URUMQI)
    assert (s.status, s.low, s.high, s.recomputed) == ("judgement", D(0), D(5), D(0))
    assert [i.code for i in s.issues] == ["judgement"]


def test_score_indicator__rounding_within_tolerance_is_info():
    s = score_indicator(row(">=90%", "80%", "5", "4.4", "满意度指标", "设施老旧"), URUMQI)
    assert (s.status, s.suggested, s.recomputed) == ("rounding", D("4.44"), D("4.44"))
    assert [(i.code, i.severity) for i in s.issues] == [("rounding", "提示")]


def test_score_indicator__outside_rule_is_warning():
    s = score_indicator(row(">80%", "70%", "10", "7.5", "质量指标", "设备老化"), URUMQI)
    assert (s.status, s.suggested) == ("outside", D("8.75"))
    assert [(i.code, i.severity) for i in s.issues] == [("indicator-rule", "警告")]


def test_score_indicator__strict_operator_met_by_equality_is_flagged():
    s = score_indicator(row(">85%", "85%", "10", "10", "满意度指标"), URUMQI)
    assert s.status == "match" and [i.code for i in s.issues] == ["strict-equality"]


@pytest.mark.parametrize("label, score, status", [
    ("完全达到预期效果", "16", "match"),      # 80% inclusive
    ("完全达到预期效果", "15.9", "outside"),
    ("部分达到预期效果", "22.5", "outside"),  # of 20: 112%
    ("部分达到预期效果", "12", "match"),      # 60% inclusive
    ("部分达到预期效果", "16", "outside"),    # 80% exclusive
    ("未达到预期效果", "11.99", "match"),
])
def test_score_indicator__qualitative_bands(label, score, status):
    s = score_indicator(row("显著提升", label, "20", score, "社会效益指标", "理由"), URUMQI)
    assert s.status == status


def test_score_indicator__qualitative_out_of_band_is_clamped():
    s = score_indicator(row("不断推动", "基本达到预期效果", "15", "15", "社会效益指标", "理由"), URUMQI)
    assert (s.low, s.high, s.high_inclusive, s.recomputed) == (D("9.00"), D("12.00"), False, D("11.99"))


def test_score_indicator__reason_required_below_weight():
    s = score_indicator(row(">=40 次", "27 次", "5", "3.38"), URUMQI)
    assert [(i.code, i.severity) for i in s.issues] == [("reason-required", "警告")]


def test_score_indicator__guangxi_requires_reason_for_over_completion():
    over = row(">=20年", "30年", "10", "10", "时效指标")
    assert [i.code for i in score_indicator(over, GUANGXI).issues] == ["reason-required"]
    assert score_indicator(over, URUMQI).issues == ()


def test_score_indicator__score_above_weight_is_error():
    s = score_indicator(row("=1 人", "1 人", "5", "6"), URUMQI)
    assert ("score-range", "错误") in [(i.code, i.severity) for i in s.issues]


def test_score_indicator__compound_target_is_judgement():
    s = score_indicator(row(">=3899 辆公交车和 494 个站台的视频监控系统", "3899 辆", "10", "10"), URUMQI)
    assert (s.rule, s.status, s.recomputed) == ("manual", "judgement", D(10))


def test_score_indicator__placeholder_row_is_skipped():
    s = score_indicator(Indicator(level1="效益指标", level2="经济效益指标"), URUMQI)
    assert (s.status, s.recomputed, s.issues) == ("placeholder", None, ())
