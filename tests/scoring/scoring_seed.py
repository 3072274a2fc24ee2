"""The 14 自评表 of the seed, read from our example fragment (helper for the scoring tests)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from juesuan.fileformat import _DecimalLoader
from juesuan.model import Performance

FRAGMENT = Path(__file__).resolve().parents[2] / "examples" / "parts" / "urumqi-projects.yaml"


@lru_cache(maxsize=1)
def load_fragment() -> Performance:
    data = yaml.load(FRAGMENT.read_text(encoding="utf-8"), Loader=_DecimalLoader)  # floats → Decimal
    return Performance(projects=data)


def project(name: str):
    return next(p for p in load_fragment().projects if p.name == name)
