"""Shared pydantic configuration: immutable, strict about unknown fields."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, WithJsonSchema


class Frozen(BaseModel):
    """Base of every model class: immutable, no unknown fields, no floats sneaking in."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


def code_text(value: Any) -> Any:
    """Classification codes are strings; YAML may hand us ints (``201``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.replace(" ", "").strip()
    return value


def checked_code(value: Any, lengths: tuple[int, ...], allow_total: bool = False) -> str:
    """A classification code: digits of one of the edition's lengths (类 3, 款 5, 项 7).

    Well-formed but unknown codes pass here (the 编码 checks report them); a code
    that cannot be a code at all ("20A01", "2010") is an input error.
    """
    text = code_text(value)
    if allow_total and text == "合计":
        return text
    if not isinstance(text, str) or not text.isdigit() or len(text) not in lengths:
        expected = "/".join(str(n) for n in lengths)
        raise ValueError(f"科目编码应为{expected}位数字 / a code must have {expected} digits: {value!r}")
    return text


CodeText = Annotated[
    str,
    WithJsonSchema({
        "anyOf": [{"type": "string", "pattern": r"^(\d{3}|\d{5}|\d{7}|合计)$"}, {"type": "integer"}],
        "description": "科目编码 类3位/款5位/项7位，或“合计” / classification code",
    }),
]
"""A classification code as written in the file: ``"2010601"``, ``201`` or ``合计``."""
