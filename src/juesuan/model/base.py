"""Shared pydantic configuration: immutable, strict about unknown fields."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


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


def code_field(*names: str):
    """Validator accepting ``201`` or ``"201 06 01"`` and storing ``"201"``/``"2010601"``."""
    return field_validator(*names, mode="before")(classmethod(lambda cls, v: code_text(v)))
