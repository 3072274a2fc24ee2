"""Scoring policies: named, data-driven variants of the 自评 rules (``policies.yaml``).

Every choice the spec marks as configurable is a field here, never a code branch
elsewhere: the 执行率 formula, the reverse-indicator rule, rounding tolerance,
over-completion, qualitative bands and labels, the 50/30/10 split and the grades.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import Field

from ..model.base import Frozen
from ..model.money import Number

DEFAULT_POLICY = "urumqi-2022"


class ExecutionRule(Frozen):
    weight: Number = Decimal(10)
    rule: Literal["capped_ratio", "ratio"] = "capped_ratio"


class Rounding(Frozen):
    places: int = 2
    tolerance: Number = Decimal("0.05")


class OverCompletion(Frozen):
    rule: Literal["none", "reason_required"] = "none"
    threshold: Number | None = None


class Band(Frozen):
    low: Number
    high: Number
    high_inclusive: bool = False


class Grade(Frozen):
    name: str
    min: Number


class Policy(Frozen):
    name: str
    title: str = ""
    sources: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    """Template profiles (``reference/profiles``) for which this is the default policy."""
    execution: ExecutionRule = Field(default_factory=ExecutionRule)
    rounding: Rounding = Field(default_factory=Rounding)
    reverse: Literal["zero_if_exceeded", "linear_to_2x"] = "linear_to_2x"
    zero_actual_cost: Literal["judgement", "full"] = "judgement"
    over_completion: OverCompletion = Field(default_factory=OverCompletion)
    reason_required_below_weight: bool = True
    qualitative_bands: dict[str, Band] = Field(default_factory=dict)
    result_labels: dict[str, str] = Field(default_factory=dict)
    weight_split: dict[str, Number] = Field(default_factory=dict)
    total_weight: Number = Decimal(100)
    grades: tuple[Grade, ...] = ()

    def grade(self, total: Decimal | None) -> str | None:
        """Grade name for a 总分 (highest band whose minimum it reaches)."""
        if total is None:
            return None
        for grade in sorted(self.grades, key=lambda g: g.min, reverse=True):
            if total >= grade.min:
                return grade.name
        return None


class _DecimalLoader(yaml.SafeLoader):
    """Floats as Decimal: no binary float enters a policy."""


_DecimalLoader.add_constructor(
    "tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node))
)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "qualitative_bands":
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("policies.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_DecimalLoader)


def _resolve(name: str, raw: dict[str, Any], seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if name in seen:
        raise ValueError(f"策略继承成环 / policy inheritance loop: {' → '.join(seen + (name,))}")
    entry = dict(raw[name])
    parent = entry.pop("extends", None)
    return _merge(_resolve(parent, raw, seen + (name,)), entry) if parent else entry


def policy_names() -> tuple[str, ...]:
    return tuple(_raw())


def policy_for_profile(profile: str | None) -> "Policy":
    """The policy a template profile names as its default (``profiles:``), else ``DEFAULT_POLICY``."""
    for name, entry in _raw().items():
        if profile is not None and profile in (entry.get("profiles") or ()):
            return load_policy(name)
    return load_policy(DEFAULT_POLICY)


@lru_cache(maxsize=None)
def load_policy(name: str = DEFAULT_POLICY) -> Policy:
    """The named policy; unknown names raise ``KeyError`` with the known ones listed."""
    raw = _raw()
    if name not in raw:
        raise KeyError(f"未知的评分策略 / unknown policy {name!r}; 可选 / known: {', '.join(raw)}")
    return Policy(name=name, **_resolve(name, raw))
