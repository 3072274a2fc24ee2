"""Reading documents we have never seen (a sample of bench/data_variety.py): disclosures whose data
differ from our examples' — other 功能分类 rows and 类, deep 项 lists, long names, amounts up to
hundreds of thousands 万元 with thousands separators, blank sources, 公开07 zero or one item, an
empty or a filled 公开08, 公开06 long or short — rendered to our PDF and read from it and from
every text shape (tests/ingest/shapes.py). On every shape no amount in a wrong cell and no silent
zero; from the PDF the data's own 错误/警告, no more, no fewer; and per shape at least the cells
measured to be placed right (bench/data_variety.py, 2026-12-06). Three disclosures, the PDF and five
text shapes (~30 s)."""

from __future__ import annotations

import shutil
from collections import defaultdict

import pytest

from .data_variety import read_shapes

# (example, seed): Shanghai 16 — a filled 公开08 with a 项 paragraph in the 说明, “三公” spent, two
# cars bought; Urumqi 9 — 39 coded rows over seven 类, a filled 公开08, amounts to 713,195.25;
# Shanghai 18 — amounts to 655,009.70, no “三公” spent, a filled 公开08
CASES = [("shanghai-putuo-czj-2024", 16), ("urumqi-iit-2022", 9), ("shanghai-putuo-czj-2024", 18)]
SHAPES = ("pdfplumber", "pdftotext-raw", "pdftotext-layout", "viewer-single-space", "seed-shape-rough")
PRINTED = 726  # printed amounts (cells not zero) of the three
# cells placed right per shape over the three, as measured; the others are unread, said so
FLOORS = {"pdf": 726, "pdfplumber": 718, "pdftotext-raw": 718, "pdftotext-layout": 725,
          "viewer-single-space": 718, "seed-shape-rough": 726}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    by_shape = defaultdict(list)
    for stem, seed in CASES:
        for o in read_shapes(stem, seed, tmp_path_factory.mktemp(f"{stem}-{seed}"), SHAPES):
            by_shape[o.shape].append(o)
    return by_shape


def test_every_shape__no_wrong_cell_no_silent_zero(outcomes):
    bad = {(o.name, shape): (o.score.wrong, o.score.zero) for shape, os in outcomes.items() for o in os
           if o.score.wrong or o.score.zero}
    assert bad == {}


def test_pdf__the_data_s_own_findings(outcomes):
    assert {o.name: (o.extra, o.missing) for o in outcomes["pdf"] if o.extra or o.missing} == {}


def test_every_shape__places_at_least_the_cells_measured(outcomes):
    assert sum(o.score.printed for o in outcomes["pdf"]) == PRINTED
    placed = {shape: sum(o.score.right for o in os) for shape, os in outcomes.items()}
    assert {s: (placed.get(s, 0), floor) for s, floor in FLOORS.items() if placed.get(s, 0) < floor} == {}
