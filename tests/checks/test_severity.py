"""The severity policy: written in docs/rules.md, and every registered rule follows its vocabulary."""

from __future__ import annotations

from pathlib import Path

from juesuan.checks.catalogue import SEVERITY_POLICY, render
from juesuan.checks.finding import SEVERITIES
from juesuan.checks.registry import load_builtin

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_rule__severity_is_one_of_the_three():
    assert sorted({r.severity for r in load_builtin()} - set(SEVERITIES)) == []


def test_rules_md__states_the_policy_and_is_up_to_date():
    text = RULES_MD.read_text(encoding="utf-8")
    assert SEVERITY_POLICY in text
    assert all(f"**{s}**" in SEVERITY_POLICY for s in SEVERITIES)
    assert text == render(), "regenerate: .venv/bin/python -m juesuan.checks.catalogue > docs/rules.md"


def test_policy_caps__conventions_adjustable_and_unverified_rules():
    # A convention (N-007 emits 提示 for it), an adjustable figure (Y-) or an unverified policy (P-003) is never 错误.
    registry = load_builtin()
    caps = {"N-007": "警告", "P-003": "提示", "R-001": "提示", "R-005": "警告", "Y-001": "警告", "Y-002": "警告"}
    assert {rule_id: registry.get(rule_id).severity for rule_id in caps} == caps
