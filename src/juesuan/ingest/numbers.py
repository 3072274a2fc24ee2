"""Printed numbers, codes and units → Decimal / code strings (never float)."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..limits import decimal_problem

AMOUNT_RE = re.compile(r"^[-−–]?\(?[\d,，]*\d(?:[.．]\d+)?\)?$")
# thousands groups as every Chinese table prints them; "0,424,543.84" or "1,2345.00" is a number cut
# at a cell's edge or run together with another, not an amount
GROUPED_RE = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+$")
CODE_PART_RE = re.compile(r"^\d{2,7}$")
BLANK_MARKS = {"", "-", "—", "--", "——", "/", "－", "0"}
TEN_THOUSAND = Decimal("10000")
CENT = Decimal("0.01")


def clean(text: str) -> str:
    """NFKC (full-width digits and punctuation → ASCII) and no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def compact(text: str) -> str:
    """Text as printed, whitespace removed (names keep their full-width punctuation)."""
    return re.sub(r"\s+", "", text)


def parse_amount(text: str) -> Decimal | None:
    """``"2,940.05"`` → Decimal("2940.05"); ``"—"``/blank → 0; not a number → None."""
    t = clean(text).replace("−", "-").replace("–", "-")
    if t in BLANK_MARKS:
        return Decimal("0.00") if t in ("", "-", "—", "--", "——", "/", "－") else Decimal("0")
    if not AMOUNT_RE.match(t):
        return None
    negative = t.startswith("-") or (t.startswith("(") and t.endswith(")"))
    whole = t.strip("-()").split(".")[0]
    if "," in whole and not GROUPED_RE.match(whole):
        return None
    digits = t.strip("-()").replace(",", "")
    if digits.count(",") or not digits:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if len(digits) > 15 and decimal_problem(value) is not None:  # beyond docs/limits.md: a misread, no amount
        return None
    return -value if negative else value


def is_amount(text: str) -> bool:
    t = clean(text)
    return bool(t) and t not in BLANK_MARKS and parse_amount(t) is not None


def to_wanyuan(value: Decimal, unit: str) -> Decimal:
    """Convert to the model's unit 万元 (2 decimals, half-up) from 元 or 千元 when needed."""
    if unit in PER_WAN:
        return (value / PER_WAN[unit]).quantize(CENT, rounding=ROUND_HALF_UP)
    return value


PER_WAN = {"元": TEN_THOUSAND, "千元": Decimal(10)}  # units a table may print amounts in, per 万元


FOLIO = re.compile(r"[—\-–－]+\d{1,3}[—\-–－]+")
"""A page number framed by dashes ("— 11 —"); ``match``: a running foot may follow it."""

UNIT_RE = re.compile(r"(?:金额)?单位[:：]\s*(万元|千元|元)")


def find_unit(text: str) -> str | None:
    match = UNIT_RE.search(clean(text))
    return match.group(1) if match else None


def join_code(parts: list[str]) -> str | None:
    """``["201", "06", "01"]`` or ``["2010601"]`` → ``"2010601"`` when it forms a code."""
    text = "".join(clean(p) for p in parts)
    if re.fullmatch(r"\d{3}(?:\d{2}){0,2}", text):
        return text
    return None
