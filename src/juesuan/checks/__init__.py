"""审核: rules over a ``Disclosure`` that yield located ``Finding`` records.

``check(disclosure, prev=None, profile=None) -> Report`` runs every rule of the
registry (``registry.py`` explains how to add one) that applies to the profile and year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .finding import SEVERITIES, Finding, Location
from .registry import REGISTRY, Registry, Rule, RuleContext

if TYPE_CHECKING:
    from .run import Report

__all__ = ["REGISTRY", "SEVERITIES", "Finding", "Location", "Registry", "Report", "Rule",
           "RuleContext", "check"]


def check(disclosure: Any, prev: Any = None, profile: str | None = None,
          registry: Registry | None = None) -> "Report":
    """Run the rule set for the disclosure's profile and year; never raises on bad data."""
    from .run import run_check

    return run_check(disclosure, prev=prev, profile=profile, registry=registry)


def __getattr__(name: str) -> Any:
    if name == "Report":
        from .run import Report

        return Report
    raise AttributeError(name)
