"""Header words never break inside a word: cut only between the header terms (render/headbreak.py)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from juesuan.render.headbreak import WORDS, _spans, break_head


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.integers(2, 8))
def test_break_head__lines_fit_and_no_word_is_cut(words, capacity):
    text = "".join(words)
    broken = break_head(text, capacity)
    assert broken.replace("\n", "") == text
    if broken != text:
        assert all(len(line) <= capacity for line in broken.split("\n"))
        cuts, at = [], 0
        for line in broken.split("\n")[:-1]:
            at += len(line)
            cuts.append(at)
        assert not any(s < cut < e for cut in cuts for s, e in _spans(text))



def test_pdf_header_cells_are_cut_between_words(grids):
    """The header texts the PDF gets: every line fits its column and no cut falls inside a word."""
    from juesuan.render.pdf import _head_rows
    from juesuan.render.pdf_fit import setting

    for grid in grids:
        for row in _head_rows(grid, setting(grid)):
            for cell in row["cells"]:
                whole = cell["t"].replace("\n", "")
                at = 0
                for line in cell["t"].split("\n")[:-1]:
                    at += len(line)
                    assert not any(s < at < e for s, e in _spans(whole)), (grid.title, cell["t"])
