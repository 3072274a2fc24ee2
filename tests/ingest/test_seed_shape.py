"""The seed's shape (tables as tab rows among the text lines) as a rougher extractor gives it: a
row whose name wraps split over two tab rows, the name's rest alone in the name column. Hand-made
dumps (ingest/coded.parse_coded, parse_basic; ingest/performance); the whole shape of the real
Shanghai PDF and of our own PDFs is scored in test_text_shapes_score.py and bench/text_shapes.py."""

from pathlib import Path

from juesuan.ingest import read

HEAD = "\n".join(["一般公共预算财政拨款支出决算表", "单位：万元",
                  "项目\t\t\t\t合计\t基本支出\t项目支出", "科目编码\t\t\t科目名称\t\t\t", "类\t款\t项\t\t\t\t"])
WRAPPED = HEAD + "\n" + "\n".join([
    "合计\t\t\t\t20.00\t20.00\t",
    "208\t\t\t社会保障和就业支出\t20.00\t20.00\t",
    "208\t05\t\t行政事业单位养老支出\t20.00\t20.00\t",
    "208\t05\t05\t机关事业单位基本养老保险缴\t12.00\t12.00\t",
    "\t\t\t费支出\t\t\t",
    "208\t05\t06\t机关事业单位职业年金缴费支\t8.00\t8.00\t",
    "\t\t\t出\t\t\t",
])
# a name-only tab row that the code list gives another code: the next row's name printed above it
ABOVE = HEAD + "\n" + "\n".join([
    "合计\t\t\t\t20.00\t20.00\t",
    "208\t\t\t社会保障和就业支出\t20.00\t20.00\t",
    "208\t05\t\t行政事业单位养老支出\t20.00\t20.00\t",
    "\t\t\t机关事业单位基本养老保险缴费支出\t\t\t",
    "208\t05\t05\t\t12.00\t12.00\t",
    "208\t05\t06\t机关事业单位职业年金缴费支出\t8.00\t8.00\t",
])


def _read(text: str, tmp_path: Path):
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, _ = read(path)
    return disclosure


def test_wrapped_name_on_a_tab_row_of_its_own_rejoins_its_row(tmp_path: Path):
    rows = {r.code: r for r in _read(WRAPPED, tmp_path).tables.general_budget.rows}
    assert rows["2080505"].name == "机关事业单位基本养老保险缴费支出"
    assert rows["2080506"].name == "机关事业单位职业年金缴费支出"
    assert rows["2080505"].basic == rows["2080505"].total  # the amounts stay where they were


def test_a_name_the_code_list_gives_another_code_is_not_a_tail(tmp_path: Path):
    rows = {r.code: r for r in _read(ABOVE, tmp_path).tables.general_budget.rows}
    assert rows["20805"].name == "行政事业单位养老支出"
    assert rows["2080505"].name == "机关事业单位基本养老保险缴费支出"


BASIC = "\n".join([
    "一般公共预算财政拨款基本支出决算表", "单位：万元",
    "经济分类\t\t科目名称\t决算数\t经济分类\t\t科目名称\t决算数",
    "科目编码\t\t\t\t科目编码\t\t\t", "类\t款\t\t\t类\t款\t\t",
    "301\t\t工资福利支出\t160.75\t302\t\t商品和服务支出\t2.00",
    "301\t08\t机关事业单位基本养老保险缴\t160.75\t302\t12\t因公出国（境）费\t2.00",
    "\t\t费\t\t\t\t用\t",
    "人员经费合计\t160.75\t\t\t公用经费合计\t2.00\t\t",
])


def test_basic_expenditure_names_wrapped_onto_a_tab_row_rejoin_each_block(tmp_path: Path):
    table = _read(BASIC, tmp_path).tables.basic_expenditure
    names = {r.code: r.name for r in table.rows}
    assert names["30108"] == "机关事业单位基本养老保险缴费"
    assert names["30212"] == "因公出国（境）费用"


FORM = Path(__file__).parent / "fixtures" / "urumqi-form-seed-shape-wrapped-rows.txt"


def test_self_evaluation_form_with_wrapped_rows_reads_as_the_example(tmp_path: Path):
    """One 自评表 of our Urumqi PDF in the seed's shape, every wrapped cell over two tab rows (the
    label 年度总体 | 目标, indicator names "…投资支持" | "率", a target "<=10个工作" | "日"): read as
    the example prints it — the form kept (before: its indicator lines were taken for 资金 lines
    and the form dropped), no piece put into a neighbouring field."""
    from juesuan import fileformat
    from juesuan.ingest.performance import tidy

    from .conftest import EXAMPLES

    want = next(p for p in fileformat.load(EXAMPLES / "urumqi-iit-2022.yaml").performance.projects
                if p.name == "乌鲁木齐市饕文化产业园（二期）项目")
    got = read(FORM)[0].performance.projects
    assert [p.name for p in got] == [want.name]
    assert got[0].goal_expected == want.goal_expected
    assert tidy(got[0].goal_actual) == tidy(want.goal_actual)  # a cell's lines joined with a space
    assert got[0].funds.total == want.funds.total
    named = [(i.name, i.target, i.actual, i.weight, i.score) for i in got[0].indicators if i.name]
    assert named == [(i.name, i.target, i.actual, i.weight, i.score) for i in want.indicators if i.name]
