"""Meta-tests: every rule has a failing and a passing test, a title and a catalogue entry."""

from __future__ import annotations

import ast
from pathlib import Path

from juesuan.checks.catalogue import render
from juesuan.checks.registry import load_builtin

ROOT = Path(__file__).resolve().parents[2]


TABLES = {"RULE_FAILS": "fails", "RULE_PASSES": "passes"}


def _table_ids(value: ast.expr) -> list[str]:
    """Rule ids of a RULE_FAILS/RULE_PASSES table: a list of ids or of tuples starting with one."""
    ids = []
    for element in getattr(value, "elts", ()):
        first = element.elts[0] if isinstance(element, ast.Tuple) and element.elts else element
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            ids.append(first.value)
    return ids


def marked_cases() -> dict[str, set[str]]:
    """{rule id: {"fails", "passes"}} from literal ``pytest.mark.rule("<id>", "<case>")`` markers and
    module-level ``RULE_FAILS`` / ``RULE_PASSES`` tables, in every test file under tests/."""
    cases: dict[str, set[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
            for name in targets:
                if name in TABLES and getattr(node, "value", None) is not None:
                    for rule_id in _table_ids(node.value):
                        cases.setdefault(rule_id, set()).add(TABLES[name])
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "rule"
                    and ast.unparse(node.func.value).endswith("mark") and len(node.args) == 2
                    and all(isinstance(a, ast.Constant) for a in node.args)):
                cases.setdefault(node.args[0].value, set()).add(node.args[1].value)
    return cases


def test_rules__each_has_a_failing_and_a_passing_test():
    cases = marked_cases()
    missing = [f"{rule.id}: {sorted({'fails', 'passes'} - cases.get(rule.id, set()))}"
               for rule in load_builtin() if {"fails", "passes"} - cases.get(rule.id, set())]
    assert missing == []


def test_rules__markers_name_registered_rules():
    registry = load_builtin()
    assert sorted(rule_id for rule_id in marked_cases() if rule_id not in registry) == []


def test_rules__each_has_a_title_and_a_catalogue_entry():
    catalogue = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert [r.id for r in load_builtin() if not r.title or f"| {r.id} |" not in catalogue] == []


def test_catalogue__docs_rules_md_is_up_to_date():
    """Regenerate with ``python -m juesuan.checks.catalogue > docs/rules.md``."""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render()
