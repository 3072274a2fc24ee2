from juesuan.render.cells import Cell, Grid, Row
from juesuan.render.pdf import grid_data
from juesuan.render.pdf_fit import DENSE, DENSE_TIGHT, LANDSCAPE, TITLE, height, needs_tight, setting


def _form(rows: int, note: str | None = None, meta: bool = True) -> Grid:
    body = tuple(Row((Cell("指标"), Cell("偏差原因" * 3))) for _ in range(rows))
    return Grid(key="performance:0", code="x", title="项目支出绩效自评表", subtitle=None, unit=None,
                widths=(1, 1), meta_rows=(Row((Cell("项目名称"), Cell("x"))),) if meta else (),
                header=(), body=body, landscape=True, note=note)


def test_needs_tight__only_for_a_table_that_just_overflows():
    room = LANDSCAPE[1] - TITLE
    over = next(n for n in range(1, 200) if height(_form(n), DENSE) > room)  # first to overflow
    fits, just_over, long = _form(over - 1), _form(over), _form(over * 2)
    assert height(just_over, DENSE) > height(just_over, DENSE_TIGHT)
    assert not needs_tight(fits)
    assert needs_tight(just_over)
    assert not needs_tight(long)  # two pages anyway: keep the normal size
    assert setting(just_over) == DENSE_TIGHT and setting(fits) == DENSE


def test_grid_data__the_last_two_rows_and_the_note_close_the_table():
    """No page holds one orphan row or the 注 alone: both go in the table's footer."""
    data = grid_data(_form(5, note="注：本表反映。", meta=False))
    assert len(data["body"]) == 3 and len(data["tail"]) == 2
    assert len(grid_data(_form(5))["tail"]) == 2  # without a note too
    assert grid_data(_form(2))["tail"] == []  # a body of two rows: nothing to keep apart


def test_grid_data__a_label_spanning_into_the_closing_rows_is_cut_above_them():
    body = (Row((Cell("标签", rowspan=4), Cell("a1"))), Row((Cell("a2"),)), Row((Cell("a3"),)),
            Row((Cell("a4"),)), Row((Cell("总分", colspan=2),), kind="total"))
    grid = Grid(key="t", code="x", title="表", widths=(1, 1), header=(), body=body)
    data = grid_data(grid)
    upper = data["body"][0]["cells"][0]
    assert (upper["t"], upper["rs"], upper["open"]) == ("标签", 3, ["bottom"])
    lower = data["tail"][0]["cells"][0]
    assert (lower["t"], lower["rs"], lower["open"]) == ("", 1, ["top"])
    assert [c["t"] for c in data["tail"][0]["cells"]] == ["", "a4"]
