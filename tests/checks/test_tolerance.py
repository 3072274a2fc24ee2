"""The rounding model: printed precision sets the tolerance (beancount-style)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from checks_fragments import disclosure
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.checks import check
from juesuan.checks.tolerance import envelope, half_unit, printed_tolerance
from juesuan.model import iter_table_cells, replace_value

CENT = Decimal("0.01")
BASE = disclosure()
CELLS = [path for path, _ in iter_table_cells(BASE)]


def test_half_unit__printed_cents_zero_and_counts():
    assert [half_unit(Decimal("6.80")), half_unit(Decimal("0.00")), half_unit(Decimal(13))] == [
        Decimal("0.005"), Decimal(0), Decimal(0)]


def test_printed_tolerance__from_the_claims_text():
    assert [printed_tolerance("33 %", Decimal("33")), printed_tolerance("6.8", Decimal("6.8")),
            printed_tolerance(None, Decimal("80.94"))] == [Decimal("0.5"), Decimal("0.05"), Decimal("0.005")]


@given(st.lists(st.decimals(min_value=Decimal("0.005"), max_value=100000, places=4), min_size=1, max_size=30))
def test_envelope__explains_any_rounding_of_exact_addends(exact):
    # Addends that print as non-zero (a printed 0.00 is taken as exact, see tolerance.half_unit).
    printed = [a.quantize(CENT, rounding=ROUND_HALF_UP) for a in exact]
    printed_total = sum(exact, Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
    difference = abs(printed_total - sum(printed, Decimal(0)))
    assert difference <= envelope([printed_total, *printed], cap=None)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CELLS), st.decimals(min_value=Decimal("0.02"), max_value=1000, places=2))
def test_check__any_cell_changed_by_two_cents_or_more_is_an_error_naming_it(path, delta):
    value = dict(iter_table_cells(BASE))[path]
    report = check(replace_value(BASE, path, value + delta))
    assert any(f.severity == "错误" and path in f.items() for f in report.findings)
