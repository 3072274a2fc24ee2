from juesuan.render.cells import Cell, Grid, Row
from juesuan.render.pdf import grid_data
from juesuan.render.pdf_fit import DENSE, DENSE_TIGHT, height, needs_tight


def _form(rows: int, note: str | None = None, meta: bool = True) -> Grid:
    body = tuple(Row((Cell("指标"), Cell("偏差原因" * 3))) for _ in range(rows))
    return Grid(key="performance:0", code="x", title="项目支出绩效自评表", subtitle=None, unit=None,
                widths=(1, 1), meta_rows=(Row((Cell("项目名称"), Cell("x"))),) if meta else (),
                header=(), body=body, landscape=True, note=note)


def test_needs_tight__only_for_a_table_that_just_overflows():
    fits, just_over, long = _form(20), _form(30), _form(60)
    assert height(just_over, DENSE) > height(just_over, DENSE_TIGHT)
    assert not needs_tight(fits)
    assert needs_tight(just_over)
    assert not needs_tight(long)  # two pages anyway: keep the normal size


def test_grid_data__a_note_takes_the_last_row_into_the_footer():
    data = grid_data(_form(3, note="注：本表反映。", meta=False))
    assert len(data["body"]) == 2 and len(data["tail"]) == 1
    assert grid_data(_form(3))["tail"] == []  # no note: nothing moves
