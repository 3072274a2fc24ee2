"""The ``rule`` marker of the 审核 tests (see ``juesuan.checks.registry``)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rule(rule_id, case): the rule a test covers, case 'fails' or 'passes'")
