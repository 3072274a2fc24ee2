"""Money: Decimal only, never float.

Amounts are held as printed. A value with fewer than two decimals is quantised to
0.01 (ROUND_HALF_UP) so that ``6.8`` and ``6.80`` compare equal; a value printed with
more decimals (the seed has ``33.003``) keeps them, because that excess precision is
itself something 审核 must be able to see.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")


class FloatMoneyError(ValueError):
    """A float reached a money field: binary floats cannot hold 0.01 exactly."""


def to_decimal(value: Any) -> Decimal:
    """Convert printed input to Decimal; reject floats and booleans."""
    if isinstance(value, bool):
        raise ValueError("金额不能是布尔值 / amount cannot be a boolean")
    if isinstance(value, float):
        raise FloatMoneyError("金额不能是浮点数，请写成字符串或十进制数 / amount must not be a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(f"不是有效金额 / not a valid amount: {value!r}") from exc
    else:
        raise ValueError(f"不是有效金额 / not a valid amount: {value!r}")
    if not result.is_finite():
        raise ValueError(f"金额必须是有限数 / amount must be finite: {value!r}")
    return result


def money(value: Any) -> Decimal:
    """Decimal quantised to at least two decimals (the printed precision of 万元 tables)."""
    result = to_decimal(value)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        try:
            result = result.quantize(CENT, rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than Decimal's 28: a misread, not an amount
            raise ValueError(f"金额位数过多 / amount has too many digits: {value!r}") from None
    return result


def round2(value: Decimal) -> Decimal:
    """Round to 0.01 half-up, the convention of every printed figure."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100 rounded to 2 decimals; None when the base is zero."""
    if whole == 0:
        return None
    return round2(part / whole * HUNDRED)


def format_amount(value: Decimal, *, trim: bool = False, thousands: bool = False) -> str:
    """Print an amount as tables (2 decimals) or narratives (trailing zeros dropped) do."""
    text = f"{round2(value):,.2f}" if thousands else f"{round2(value):.2f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _serialise(value: Decimal) -> str:
    return format(value, "f")


Money = Annotated[Decimal, BeforeValidator(money), PlainSerializer(_serialise, when_used="json")]
"""An amount in the disclosure's unit (万元 unless meta says 元)."""

Number = Annotated[Decimal, BeforeValidator(to_decimal), PlainSerializer(_serialise, when_used="json")]
"""A non-money decimal (scores, rates, areas) kept exactly as printed."""
