"""Fixtures: the worked examples and the printed documents they were transcribed from."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan import fileformat

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_70eff566b52b1af5.txt"
SHANGHAI_SAMPLE = SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"


def _example(name: str):
    path = EXAMPLES / name
    if not path.is_file():
        pytest.skip(f"example not available: {path}")
    return fileformat.load(path)


def _text(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"document not available: {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def urumqi():
    return _example("urumqi-iit-2022.yaml")


@pytest.fixture(scope="session")
def shanghai():
    return _example("shanghai-putuo-czj-2024.yaml")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return _text(SEED)


@pytest.fixture(scope="session")
def shanghai_text() -> str:
    return _text(SHANGHAI_SAMPLE)
