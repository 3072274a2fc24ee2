"""Ruled grids from glyphs: merged cells stay whole, wrapped brackets stay on their own line."""

from __future__ import annotations

from juesuan.ingest.grid import Glyph, build_rows


def _text(text: str, x: float, y: float, size: float = 10.0) -> list[Glyph]:
    return [Glyph(ch, x + i * size, y, x + (i + 1) * size, y + size) for i, ch in enumerate(text)]


def _frame(xs: list[float], ys: list[float], open_at: set[tuple[int, int]] = frozenset()) -> list:
    """Cell borders drawn per cell, as LibreOffice and typst do; (row, boundary) in ``open_at``
    has no vertical line (a merged cell)."""
    rules = [(xs[0], y - 0.25, xs[-1], y + 0.25) for y in ys]
    for r in range(len(ys) - 1):
        for k, x in enumerate(xs):
            if (r, k) not in open_at:
                rules.append((x - 0.25, ys[r], x + 0.25, ys[r + 1]))
    return rules


def test_build_rows__a_merged_cell_is_one_cell_not_pieces_at_other_rows_columns():
    xs, ys = [0, 60, 120, 180, 240], [0, 20, 40]
    glyphs = _text("项目名称", 2, 5) + _text("原机电老干所运行维护费", 62, 5)  # spans columns 1–3
    glyphs += _text("主管部门", 2, 25) + _text("本级", 62, 25) + _text("实施单位", 122, 25) + _text("本级", 182, 25)
    rows = build_rows(glyphs, _frame(xs, ys, {(0, 2), (0, 3)}), page=1)
    assert [(c.text, c.col) for c in rows[0].cells] == [("项目名称", 0), ("原机电老干所运行维护费", 1)]
    assert [c.col for c in rows[1].cells] == [0, 1, 2, 3]


def test_build_rows__without_the_gap_in_the_rules_the_text_is_cut_at_the_columns():
    """The control: the same glyphs under a full grid are cut at each column line."""
    xs, ys = [0, 60, 120, 180, 240], [0, 20]
    rows = build_rows(_text("原机电老干所运行维护费", 62, 5), _frame(xs, ys), page=1)
    assert len(rows[0].cells) > 1


def test_build_rows__a_wrapped_bracket_line_is_not_folded_into_the_line_above():
    xs, ys = [0, 100, 160], [0, 30]
    glyphs = _text("设施设备损坏", 2, 3) + _text("（%）", 2, 16) + _text("5", 120, 9)
    rows = build_rows(glyphs, _frame(xs, ys), page=1)
    assert rows[0].cells[0].text == "设施设备损坏（%）"


def test_build_rows__a_quote_mark_set_high_joins_its_text_line():
    """The guard of the change above: marks that sit outside the line still join it."""
    glyphs = _text("收入", 0, 0) + [Glyph("“", 20, -6, 26, -1)]
    rows = build_rows(glyphs, [], page=1)
    assert [c.text for row in rows for c in row.cells] == ["收入“"]
