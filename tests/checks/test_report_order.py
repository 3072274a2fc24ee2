"""The report's order does not depend on which rule module a process imported first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "urumqi-iit-2022.yaml"
PROGRAM = """
import sys
for name in sys.argv[2:]:
    __import__(name)
from juesuan import fileformat
from juesuan.checks import check
for f in check(fileformat.load(sys.argv[1])).findings:
    print(f.rule_id, f.severity, f.location.text)
"""


def _order(*first: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(EXAMPLE), *first], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.splitlines()


def test_report_order__same_whatever_rule_module_is_imported_first():
    usual = _order()
    assert len(usual) > 20
    assert _order("juesuan.checks.dates", "juesuan.checks.performance") == usual
