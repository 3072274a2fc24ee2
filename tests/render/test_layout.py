from decimal import Decimal

from render_data import small_disclosure

from juesuan.render.cells import Cell, Row, placed
from juesuan.render.layout import LayoutOptions, all_grids, grid_for, heading_is_table_title

SPLIT = LayoutOptions()
CUMULATIVE = LayoutOptions(code_style="cumulative")


def texts(row: Row) -> list[str]:
    return [cell.text() for cell in row.cells]


def test_placed__row_and_column_spans_resolve_to_positions():
    rows = (Row((Cell("a", rowspan=2), Cell("b", colspan=2))), Row((Cell("c"), Cell("d"))))
    assert [(r, c, cell.value) for r, c, cell in placed(rows, 3)] == [
        (0, 0, "a"), (0, 1, "b"), (1, 1, "c"), (1, 2, "d")]


def test_cell_text__amount_printed_with_thousands_and_blank_zero():
    assert Cell(Decimal("15144.75"), fmt="money").text() == "15,144.75"
    assert Cell(Decimal("0.00"), fmt="money", blank_zero=True).text() == ""
    assert Cell(Decimal("0.00"), fmt="money").text() == "0.00"
    assert Cell(Decimal("100.00"), fmt="percent").text() == "100.00%"


def test_grid_for__summary_is_two_sided_with_tail_lines():
    grid = grid_for(small_disclosure(), "summary", SPLIT)
    assert texts(grid.header[0]) == ["收入", "支出"]
    assert [c.colspan for c in grid.header[0].cells] == [2, 2]
    assert texts(grid.body[0])[:3] == ["一、一般公共预算财政拨款收入", "15,144.75", "一、一般公共服务支出"]
    assert texts(grid.body[-1]) == ["总计", "45,963.78", "总计", "45,963.78"]


def test_grid_for__summary_keeps_the_profile_class_rows_when_zero():
    options = LayoutOptions(class_rows=(("201", "一般公共服务支出"), ("202", "外交支出")))
    grid = grid_for(small_disclosure(), "summary", options)
    right = [texts(row)[2] for row in grid.body]
    assert right[:2] == ["一、一般公共服务支出", "二、外交支出"]
    assert texts(grid.body[1])[3] == ""  # 外交支出 printed, zero left blank
    assert "三、社会保障和就业支出" in right  # a printed line the profile lacks is kept


def test_grid_for__summary_income_lines_as_the_profile_prints_them():
    printed = tuple(f"{n}、收入{n}" for n in "一二三四五六七八")
    grid = grid_for(small_disclosure(), "summary", LayoutOptions(income_rows=printed))
    assert [texts(row)[0] for row in grid.body[:8]] == list(printed)
    assert texts(grid.body[0])[1] == "15,144.75"


def test_grid_for__split_code_columns_under_a_three_level_header():
    grid = grid_for(small_disclosure(), "income", SPLIT)
    assert len(grid.header) == 3
    assert texts(grid.header[2]) == ["类", "款", "项"]
    assert texts(grid.body[0])[0] == "合计" and grid.body[0].cells[0].colspan == 4
    assert texts(grid.body[3])[:4] == ["201", "13", "01", "行政运行"]


def test_grid_for__cumulative_code_column():
    grid = grid_for(small_disclosure(), "income", CUMULATIVE)
    assert len(grid.header) == 2 and grid.columns == 9
    assert texts(grid.body[3])[:2] == ["2011301", "行政运行"]


def test_grid_for__general_budget_total_row_position_follows_options():
    last = grid_for(small_disclosure(), "general_budget", SPLIT)
    first = grid_for(small_disclosure(), "general_budget", LayoutOptions(general_budget_total_last=False))
    assert texts(last.body[-1])[0] == "合计"
    assert texts(first.body[0])[0] == "合计"


def test_grid_for__fund_table_groups_the_expense_columns():
    grid = grid_for(small_disclosure(), "government_fund", SPLIT)
    assert texts(grid.header[0]) == ["项目", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]
    assert texts(grid.header[1])[2:] == ["小计", "基本支出", "项目支出"]


def test_grid_for__basic_expenditure_two_blocks_and_footers():
    grid = grid_for(small_disclosure(), "basic_expenditure", SPLIT)
    first = texts(grid.body[0])
    assert first[:4] == ["301", "", "工资福利支出", "1,700.11"]
    assert first[4:] == ["302", "", "商品和服务支出", "96.89"]
    assert texts(grid.body[-1]) == ["人员经费合计", "1,862.89", "公用经费合计", "96.89"]
    assert grid.body[-1].kind == "footer"


def test_grid_for__three_public_twelve_cells_interleaved_or_budget_first():
    interleaved = grid_for(small_disclosure(), "three_public", SPLIT)
    budget_first = grid_for(small_disclosure(), "three_public",
                            LayoutOptions(three_public_order="budget_first"))
    assert texts(interleaved.body[0])[:2] == ["20.50", "19.75"]
    assert texts(interleaved.header[0]) == ["财政拨款“三公”经费"]  # SH-T/SH-S, over all 12 columns
    assert texts(interleaved.header[3])[:2] == ["预算数", "决算数"]
    assert texts(budget_first.body[0])[0] == "20.50" and texts(budget_first.body[0])[6] == "19.75"
    assert texts(budget_first.header[0]) == ["预算数", "决算数"]
    assert len(interleaved.body[0].cells) == len(budget_first.body[0].cells) == 12


def test_grid_for__empty_table_keeps_format_and_adds_note():
    grid = grid_for(small_disclosure(), "state_capital", SPLIT)
    assert texts(grid.body[0])[0] == "合计"
    assert grid.empty_note == "说明：乌鲁木齐市测试局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
    assert grid.note.startswith("注：本表反映")


def test_grid_for__self_evaluation_in_the_seed_layout():
    grid = grid_for(small_disclosure(), "performance:0", SPLIT)
    rows = [texts(row) for row in grid.rows]
    assert rows[0] == ["项目名称", "原机电老干所运行维护费"]
    assert rows[2][0] == "项目资金（万元）" and grid.meta_rows[2].cells[0].rowspan == 5
    assert rows[3][-3:] == ["10", "100.00%", "10.00"]
    assert rows[4][-3:] == ["—", "—", "—"]
    header = next(r for r in rows if "一级指标" in r)
    assert header[0] == "年度绩效指标完成情况"
    assert ["效益指标", "经济效益指标", "", "", "", "", "", ""] in rows  # empty 二级指标 row printed
    assert rows[-1] == ["总分", "100", "84.40", ""]
    assert grid.subtitle == "（2022年度）"


def test_all_grids__every_grid_fills_its_columns_and_keeps_decimals():
    for grid in all_grids(small_disclosure(), SPLIT):
        for r, c, cell in placed(grid.rows, grid.columns):
            assert c + cell.colspan <= grid.columns, grid.key
            assert not isinstance(cell.value, float)
    assert len(all_grids(small_disclosure(), SPLIT)) == 10


def test_heading_is_table_title__only_when_the_heading_names_the_table():
    grid = grid_for(small_disclosure(), "summary", SPLIT)
    assert heading_is_table_title("一、《收入支出决算总表》", grid)
    project = grid_for(small_disclosure(), "performance:0", SPLIT)
    assert heading_is_table_title("项目支出绩效自评表（原机电老干所运行维护费）", project)
    assert not heading_is_table_title("一、收入支出决算总体情况说明", grid)
