"""Fixtures for the worked examples: the example files and the real seed document."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan import fileformat

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEED = REPO.parent / "shared" / "seed" / "000_70eff566b52b1af5.txt"
URUMQI = EXAMPLES / "urumqi-iit-2022.yaml"


@pytest.fixture(scope="session")
def urumqi():
    """The Urumqi worked example as a ``Disclosure``."""
    return fileformat.load(URUMQI)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed document's text; the test is skipped when the shared folder is absent."""
    if not SEED.is_file():
        pytest.skip(f"seed document not available: {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_part2(seed_text: str) -> str:
    """第二部分 as printed: from its second heading (the first is the table of contents)
    to the first 项目支出绩效自评表."""
    heading = "第二部分 部门决算情况说明"
    first = seed_text.index(heading)
    second = seed_text.index(heading, first + len(heading))
    end = seed_text.index("项目支出绩效自评表", second)
    return seed_text[second + len(heading):end]
