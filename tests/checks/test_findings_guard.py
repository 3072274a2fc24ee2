"""Guard of performance work on 审核: a full check of both examples, the shared seed text and the
shared Shanghai PDF (each stored as loaded or read, ``data/findings_guard.json``) gives exactly the
findings recorded by ``record_findings.py`` at the commit named in the file — rule, severity,
location, message, expected/actual/difference, suggestion, related, in report order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.model import Disclosure

RECORDED = json.loads((Path(__file__).parent / "data" / "findings_guard.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(RECORDED["documents"]))
def test_findings_are_those_recorded(name: str) -> None:
    document = RECORDED["documents"][name]
    disclosure = Disclosure.model_validate(document["disclosure"])
    first = [f.as_dict() for f in check(disclosure).findings]
    assert first == document["findings"], f"{name}: findings differ from those recorded at {RECORDED['commit']}"
    again = [f.as_dict() for f in check(disclosure).findings]  # per-object caches do not change a second check
    assert again == first
