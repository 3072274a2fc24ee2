"""One Chinese explanation line per indicator."""

from decimal import Decimal as D

from juesuan.model import Indicator
from juesuan.scoring import load_policy, score_indicator


def line(target, actual, weight, policy="urumqi-2022", level2="成本指标"):
    row = Indicator(level1="产出指标", level2=level2, name="x", target=target, actual=actual, weight=D(weight), score=D(0))
    return score_indicator(row, load_policy(policy)).explanation


def test_explain__reverse_zero_if_exceeded():
    assert line("<=2.00 万元", "3.39 万元", "5") == "完成值3.39万元 > 指标值2.00万元，反向指标超标不得分 = 0"


def test_explain__reverse_linear_to_2x():
    assert line("<=2.00 万元", "3.39 万元", "5", "mof-2020") == (
        "(1 − (完成值3.39万元 − 指标值2.00万元) / 指标值2.00万元) × 分值5 = 1.53（2倍指标值及以上为0）")


def test_explain__target_met():
    assert line("<=2.74 万元", "0.07 万元", "5") == "完成值0.07万元 ≤ 指标值2.74万元，得满分5"


def test_explain__qualitative_band():
    assert line("持续保持", "部分达到预期效果", "30", level2="社会效益指标") == (
        "定性：部分达到预期效果 → 部分达成档 [60%, 80%) × 分值30 = [18.00, 24.00)")


def test_explain__zero_output_needs_judgement():
    assert line("<=2.4 万元", "0 万元", "5") == (
        "完成值0万元 ≤ 指标值2.4万元，但完成值为0：产出可能未实现，需人工判断，得分范围 [0, 5]")


def test_explain__unknown_label_needs_judgement():
    assert line("显著提升", "很好", "10", level2="社会效益指标") == "需人工判断：实际完成值不是已知的定性结果标签；得分范围 [0, 10]"
