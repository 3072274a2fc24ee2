"""A fast sample of the text mutation test (the full run: ``bench/text_mutations.py``): every
tenth defect of each class injected into both examples rendered as text and read back, and
each table taken out; each class must be found at 错误/警告 at least 95 % of the time."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks.mutants import CLASSES
from juesuan.checks.mutation import table_mutations, text_mutations
from juesuan.ingest import read
from juesuan.narrative import compose

ROOT = Path(__file__).parents[2]
EXAMPLES = ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mutants")

    def read_text(text: str):
        path = tmp / "document.txt"
        path.write_text(text, encoding="utf-8")
        return read(path)[0]

    by_class = defaultdict(list)
    for name in EXAMPLES:
        d = fileformat.load(ROOT / "examples" / name)
        for r in text_mutations(d, compose(d).text(), read_text, every=10) + table_mutations(d):
            by_class[r.defect].append(r)
    return by_class


@pytest.mark.parametrize("defect", [*CLASSES, "tables"])
def test_text_mutation__each_class_is_found(defect, results):
    found = results[defect]
    assert len(found) >= 3
    missed = [r.after for r in found if not r.detected]
    assert len(missed) <= 0.05 * len(found), missed
