"""Shared fixtures: the 14 自评表 of the seed, read from our example fragment."""

from __future__ import annotations

import pytest
from scoring_seed import load_fragment


@pytest.fixture(scope="session")
def seed_performance():
    return load_fragment()


@pytest.fixture(scope="session")
def seed_projects(seed_performance):
    return {p.name: p for p in seed_performance.projects}


def pytest_configure(config: pytest.Config) -> None:
    # the 审核 rule marker (tests/checks registers it too): tests here cover the 绩效 rules P-…
    config.addinivalue_line("markers", "rule(rule_id, case): the rule a test covers, case 'fails' or 'passes'")
