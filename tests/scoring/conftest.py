"""Shared fixtures: the 14 自评表 of the seed, read from our example fragment."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from juesuan.fileformat import _DecimalLoader
from juesuan.model import Performance

FRAGMENT = Path(__file__).resolve().parents[2] / "examples" / "parts" / "urumqi-projects.yaml"


def load_fragment() -> Performance:
    data = yaml.load(FRAGMENT.read_text(encoding="utf-8"), Loader=_DecimalLoader)  # floats → Decimal
    return Performance(projects=data)


@pytest.fixture(scope="session")
def seed_performance() -> Performance:
    return load_fragment()


@pytest.fixture(scope="session")
def seed_projects(seed_performance):
    return {p.name: p for p in seed_performance.projects}
