"""narrative.wording: figures printed as the documents print them."""

from __future__ import annotations

from decimal import Decimal

from juesuan.narrative.wording import clean_reason, format_count, format_money, format_percent


def test_format_money__trim_drops_trailing_zeros():
    """SEED: 6.8 万元, 100 万元, 0 万元."""
    assert [format_money(Decimal(v)) for v in ("6.80", "100.00", "0.00", "45963.78")] == [
        "6.8", "100", "0", "45963.78"]


def test_format_money__fixed_keeps_two_decimals():
    """SH-S §五(三): 年初预算为 10.00 万元."""
    assert format_money(Decimal("10"), "fixed") == "10.00"


def test_format_money__rounds_half_up():
    """SEED 自评表 prints 33.003; narratives print 2 decimals."""
    assert format_money(Decimal("33.005")) == "33.01"


def test_format_percent__trim():
    """SEED: 占本年支出合计的 33 %, 占 0%, 增长 100%, 占 99.18%."""
    assert [format_percent(Decimal(v)) for v in ("33.00", "0.00", "100.00", "99.18", "0.80")] == [
        "33", "0", "100", "99.18", "0.8"]


def test_format_percent__fixed():
    """SH-S: 占本年支出合计的100.00%, 下降2.10%."""
    assert [format_percent(Decimal(v), "fixed") for v in ("100", "2.1")] == ["100.00", "2.10"]


def test_format_percent__fixed_bare_zero():
    """SH-S §七: 完成预算的0%."""
    assert [format_percent(Decimal(v), "fixed_bare_zero") for v in ("0", "1.4")] == ["0", "1.40"]


def test_format_count__integers_and_areas():
    assert [format_count(Decimal(v)) for v in ("13", "3254.00", "12.5")] == ["13", "3254", "12.5"]


def test_clean_reason__drops_final_stop():
    assert clean_reason("本年度政府性基金项目减少，导致本年度收入减少。") == "本年度政府性基金项目减少，导致本年度收入减少"
