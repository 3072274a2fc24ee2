"""Shared fixtures: the real documents, and an isolated user data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
if not SHARED.is_dir():  # checkout layout: /work/main + /work/shared
    SHARED = Path("/work/shared")
SEED = SHARED / "seed" / "000_70eff566b52b1af5.txt"
SH_SAMPLE = SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"
SH_TEMPLATE = SHARED / "reference" / "shanghai-2024-dept-final-template.txt"


@pytest.fixture(autouse=True)
def juesuan_home(tmp_path, monkeypatch):
    """Every test sees an empty user data dir, so user imports never leak between tests."""
    home = tmp_path / "juesuan-home"
    monkeypatch.setenv("JUESUAN_HOME", str(home))
    return home


def read_document(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"document not available: {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read_document(SEED)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return read_document(SH_SAMPLE)


@pytest.fixture(scope="session")
def template_text() -> str:
    return read_document(SH_TEMPLATE)
