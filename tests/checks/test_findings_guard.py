"""Guard of performance work on 审核: a full check of both examples, the shared seed text and the
shared Shanghai PDF (each stored as loaded or read, ``data/findings_guard.json``) gives exactly the
findings recorded by ``record_findings.py`` at the commit named in the file — rule, severity,
location, message, expected/actual/difference, suggestion, related. Compared as a multiset: the
order of findings of one severity follows the rules' registration order, which follows the order
the test session first imported the rule modules in (a test importing ``checks.dates`` first
moves its rules ahead)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.model import Disclosure

RECORDED = json.loads((Path(__file__).parent / "data" / "findings_guard.json").read_text(encoding="utf-8"))


def _canonical(findings: list[dict]) -> list[str]:
    return sorted(json.dumps(f, ensure_ascii=False, sort_keys=True) for f in findings)


@pytest.mark.parametrize("name", sorted(RECORDED["documents"]))
def test_findings_are_those_recorded(name: str) -> None:
    document = RECORDED["documents"][name]
    disclosure = Disclosure.model_validate(document["disclosure"])
    first = _canonical([f.as_dict() for f in check(disclosure).findings])
    assert first == _canonical(document["findings"]), f"{name}: findings differ from those recorded at " \
                                                       f"{RECORDED['commit']}"
    again = _canonical([f.as_dict() for f in check(disclosure).findings])  # per-object memos: same again
    assert again == first
