"""Money stays Decimal: floats are refused at the model boundary."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from juesuan.model import Disclosure, Meta, money, percent
from juesuan.model.tables import GeneralBudgetRow


def test_money__quantises_short_values_to_cents():
    assert money("6.8") == Decimal("6.80")
    assert str(money(100)) == "100.00"


def test_money__keeps_excess_printed_precision():
    assert str(money("33.003")) == "33.003"


def test_money__refuses_float():
    with pytest.raises(ValidationError):
        GeneralBudgetRow(code="201", total=6.8)


def test_money__too_many_digits_is_a_validation_error_not_a_crash():
    # A corrupted PDF once gave "302302…310" (45 digits): Decimal cannot quantise it.
    digits = "302302302302302310310310310310310310310310310"
    with pytest.raises(ValueError, match="位数过多"):
        money(digits)
    with pytest.raises(ValidationError):
        GeneralBudgetRow(code="201", total=digits)
    assert money("1" * 26) == Decimal("1" * 26 + ".00")  # 28 significant digits still fit


def test_money__thousands_separator_accepted():
    assert money("2,940.05") == Decimal("2940.05")


def test_percent__half_up_and_zero_base():
    assert percent(Decimal("1959.78"), Decimal("45897.02")) == Decimal("4.27")
    assert percent(Decimal("1"), Decimal("0")) is None


def test_model__no_float_anywhere_in_a_dump():
    d = Disclosure(meta=Meta(department="x", year=2022))
    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        else:
            assert not isinstance(value, float)
    walk(d.model_dump())
