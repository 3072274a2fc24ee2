"""juesuan — 部门决算公开: model, 审核, generation and reading of published disclosures.

The library entry points are imported lazily so that ``import juesuan`` stays cheap:
``juesuan.load(path)``, ``juesuan.check(disclosure, prev=None)``, ``juesuan.read(path)``,
``juesuan.compose(disclosure)``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load": ("juesuan.fileformat", "load"),
    "check": ("juesuan.checks", "check"),
    "read": ("juesuan.ingest", "read"),
    "compose": ("juesuan.narrative", "compose"),
    "Disclosure": ("juesuan.model", "Disclosure"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'juesuan' has no attribute {name!r}")
