"""The rounding envelope: a printed figure is consistent iff exact values behind its printed
inputs (each within half a unit of its own printed precision) can print as it.

Property tests draw exact 元 amounts, compute totals and shares exactly, round every printed
figure independently (as the 决算 software does), and check both directions: such figures
never raise 错误, and a printed value moved outside the envelope always does."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
import yaml
from checks_fragments import disclosure
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.checks import check
from juesuan.model import replace_value
from juesuan.checks.tolerance import (ERROR, PRINTED_TWICE, ROUNDING, Interval, consistent, half_unit, judge_same,
                                      judge_sum, percent_of, printed, printed_tolerance)

CENT = Decimal("0.01")
YUAN = Decimal("0.0001")  # one 元 in 万元
D = Decimal

# Exact amounts in 元: nothing (a blank cell), or at least 50 元 so that the printed cell is not 0.00
# (a printed zero is taken as exact, see tolerance.printed).
AMOUNTS = st.one_of(st.just(0), st.integers(min_value=50, max_value=2_000_000_000))


def wan(yuan: int) -> Decimal:
    return Decimal(yuan) * YUAN


def show(exact: Decimal, places: int = 2) -> Decimal:
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_half_unit__printed_cents_zero_and_counts():
    assert [half_unit(D("6.80")), half_unit(D("0.00")), half_unit(D(13))] == [D("0.005"), D(0), D(0)]


def test_printed_tolerance__from_the_claims_text():
    assert [printed_tolerance("33 %", D("33")), printed_tolerance("6.8", D("6.8")),
            printed_tolerance(None, D("80.94"))] == [D("0.5"), D("0.05"), D("0.005")]


def test_printed__half_up_ends_open_and_closed():
    assert printed(D("6.80")) == Interval(D("6.795"), D("6.805"), False, True)
    assert printed(D("-6.80")) == Interval(D("-6.805"), D("-6.795"), True, False)


def test_judge_same__one_unit_apart_cannot_be_one_value():
    # [326.705, 326.715) and [326.715, 326.725) do not meet: one of the two printings is wrong.
    assert [judge_same(D("326.71"), D("326.72")), judge_same(D("231.3"), D("231.29"), 1, 2),
            judge_same(D("80.94"), D("80.91"))] == [PRINTED_TWICE, None, ERROR]


def test_judge_sum__tail_difference_printed_twice_and_error():
    assert judge_sum([(1, D("10.01")), (-1, D("5.00")), (-1, D("5.00"))]) == ROUNDING   # 3 figures: ±0.015
    assert judge_sum([(1, D("10.02")), (-1, D("5.00")), (-1, D("5.00"))]) == ERROR
    assert judge_sum([(1, D("10.01")), (-1, D("10.00")), (-1, D("0.00"))]) == PRINTED_TWICE


def test_share__issue_example_is_outside():
    # A share whose exact value can only be 45.868 % ± ε cannot print as 45.86 %.
    part, whole = printed(D("458.68")), printed(D("1000.00"))
    share = percent_of(part, whole)
    assert (consistent(share, D("45.87"), 2), consistent(share, D("45.86"), 2)) == (True, False)


@given(st.lists(AMOUNTS, min_size=1, max_size=30))
def test_sum__rounded_from_exact_yuan_is_never_an_error(parts):
    exact = [wan(p) for p in parts]
    terms = [(1, show(sum(exact, Decimal(0))))] + [(-1, show(x)) for x in exact]
    assert judge_sum(terms) == ROUNDING  # (or no difference at all: then 0 is trivially inside)


@given(st.lists(AMOUNTS, min_size=1, max_size=20), st.integers(min_value=-8, max_value=8))
def test_sum__a_total_outside_the_envelope_is_always_an_error(parts, cents):
    shown = [show(wan(p)) for p in parts]
    moved = show(wan(sum(parts))) + cents * CENT
    # Independent oracle, in whole 元: the addends can add up to any 元 amount between their lowest
    # and highest exact values; the total is consistent iff one of those prints as ``moved``.
    low = sum((s - D("0.005") for s in shown if s), Decimal(0))
    high = sum((s + D("0.0049") for s in shown if s), Decimal(0))
    can = max(low, moved - D("0.005")) <= min(high, moved + D("0.0049"))
    outcome = judge_sum([(1, moved)] + [(-1, s) for s in shown])
    assert outcome in ((ROUNDING,) if can else (ERROR, PRINTED_TWICE))


@given(st.integers(min_value=50, max_value=10**9), st.integers(min_value=50, max_value=10**9))
def test_share__rounded_from_exact_yuan_is_consistent(part, whole):
    part, whole = sorted((part, whole))
    share = show(Decimal(part) / Decimal(whole) * 100)
    assert consistent(percent_of(printed(show(wan(part))), printed(show(wan(whole)))), share, 2)


@given(st.integers(min_value=50, max_value=10**9), st.integers(min_value=50, max_value=10**9),
       st.integers(min_value=-30, max_value=30))
def test_share__outside_the_envelope_is_inconsistent(part, whole, cents):
    part, whole = sorted((part, whole))
    p, w = show(wan(part)), show(wan(whole))
    stated = show(Decimal(part) / Decimal(whole) * 100) + cents * CENT
    # Oracle with fractions: the exact share ranges over (p−½)/(w+½) … (p+½)/(w−½), open ends.
    h = Fraction(1, 200)
    low, high = (Fraction(p) - h) / (Fraction(w) + h) * 100, (Fraction(p) + h) / (Fraction(w) - h) * 100
    s = Fraction(stated)
    can = s - h < high and low < s + h  # [s − ½, s + ½) meets (low, high)
    assert consistent(percent_of(printed(p), printed(w)), stated, 2) == can


def _basic(amounts: dict[str, list[int]]) -> str:
    """公开06 from exact 元 amounts per 款, every printed cell rounded independently."""
    rows, classes = [], {}
    for cls, parts in amounts.items():
        classes[cls] = sum(parts)
        rows.append({"code": cls, "name": "类", "amount": str(show(wan(classes[cls])))})
        for index, part in enumerate(parts):
            rows.append({"code": f"{cls}{index + 1:02d}", "name": "款", "amount": str(show(wan(part)))})
    data = {"rows": rows, "personnel_total": str(show(wan(classes["301"] + classes["303"]))),
            "public_total": str(show(wan(classes["302"])))}
    return yaml.safe_dump(data, allow_unicode=True)


CLASSES = st.fixed_dictionaries({c: st.lists(AMOUNTS, min_size=1, max_size=14) for c in ("301", "302", "303")})


@settings(max_examples=40, deadline=None)
@given(CLASSES)
def test_check__table_rounded_from_exact_yuan_raises_no_error(amounts):
    report = check(disclosure(tables={"basic_expenditure": _basic(amounts)}))
    assert [f.rule_id for f in report.findings if f.severity == "错误" and f.rule_id.startswith("T06")] == []


@settings(max_examples=40, deadline=None)
@given(CLASSES, st.integers(min_value=0, max_value=13), st.sampled_from([-3, -2, 2, 3, 5, 100]))
def test_check__a_kuan_moved_outside_its_class_envelope_is_an_error(amounts, index, cents):
    parts = amounts["302"]
    index %= len(parts)
    text = yaml.safe_load(_basic(amounts))
    path = f"basic_expenditure.302{index + 1:02d}.amount"
    row = next(r for r in text["rows"] if r["code"] == f"302{index + 1:02d}")
    row["amount"] = str(D(row["amount"]) + cents * CENT)
    shown = [D(r["amount"]) for r in text["rows"] if r["code"].startswith("302") and len(r["code"]) == 5]
    cls = D(next(r["amount"] for r in text["rows"] if r["code"] == "302"))
    # Outside iff |class − Σ款| reaches half a cent per non-zero printed figure (class included).
    halves = D("0.005") * (sum(1 for s in shown if s) + (1 if cls else 0))
    difference = abs(cls - sum(shown, Decimal(0)))
    outside = difference >= halves
    # A class with one non-zero 款 prints one quantity twice: one unit apart that is R-005 (警告).
    twice = [s for s in shown if s] and len([s for s in shown if s]) == 1 and cls and difference <= CENT
    report = check(disclosure(tables={"basic_expenditure": yaml.safe_dump(text, allow_unicode=True)}))
    severity = "警告" if outside and twice else "错误"
    named = any(f.severity == severity and path in f.items() for f in report.findings)
    assert named == outside


@pytest.mark.rule("R-005", "fails")
def test_printed_twice__class_one_cent_apart_in_two_tables_is_a_warning():
    report = check(replace_value(disclosure(), "summary.expenditure.208", D("38.01")))
    assert [f.flat("rule_id", "severity", "item") for f in report.findings
            if f.severity != "提示" and f.rule_id[0] in "RTX"] == [("R-005", "警告", "summary.expenditure.208")]


@pytest.mark.rule("R-005", "passes")
def test_printed_twice__same_figure_at_fewer_decimals_is_consistent():
    claims = """[{item: general_budget.total.total, measure: amount, value: "98.0", text: "98.0"}]"""
    assert check(disclosure(claims=claims)).by_rule("R-005") == []


@given(st.integers(min_value=50, max_value=10**9), st.integers(min_value=50, max_value=10**9))
def test_change__amount_and_rate_rounded_from_exact_yuan_are_consistent(current, prior):
    now, before = printed(show(wan(current))), printed(show(wan(prior)))
    amount = show(abs(wan(current) - wan(prior)))
    rate = show(abs(Decimal(current - prior) / Decimal(prior) * 100))
    assert consistent((now - before).magnitude(), amount, 2)
    assert consistent((percent_of(now, before) - Interval(D(100), D(100))).magnitude(), rate, 2)
