"""The document's own lines are kept with their kind, section and page (model.printed)."""

from pathlib import Path

import pytest

from juesuan.ingest import read

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_70eff566b52b1af5.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_seed_sentences_and_parts_are_kept_with_sections():
    disclosure, _ = read(SEED)
    kinds = {line.kind for line in disclosure.printed}
    assert {"title", "part", "heading", "sentence"} <= kinds
    income = [line.text for line in disclosure.printed if line.section == "income" and line.kind == "sentence"]
    assert any("财政拨款收入" in text and "占" in text for text in income)
    assert all(line.page and line.page >= 1 for line in disclosure.printed)
