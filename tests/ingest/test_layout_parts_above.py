"""pdftotext -layout prints a tall row's parts one line above the line with its code, name and 合计
("1,503.52 603.14" above "201 一般公共服务支出 2,106.66"). Such an amounts-only line joins the row
whose identity (合计 = Σ parts) it completes — only when exactly one neighbouring coded row is
completed by it (ingest/virtual._join_split_rows); otherwise it is left unread, never guessed."""

from pathlib import Path

from juesuan import fileformat
from juesuan.ingest import read
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, SHARED, need

SAMPLE = SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"


def test_shanghai_layout_dump__parts_above_their_row_are_placed():
    disclosure = read(need(SAMPLE))[0]
    got = dict(iter_table_cells(disclosure))
    example = fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml"))
    want = dict(iter_table_cells(example))
    # before: all unread (the parts above lost; the 合计's amounts two lines above its label)
    rows = ("total", "201", "20106", "2010601", "2010607", "2010608")
    for key, value in want.items():
        parts = key.split(".")
        if parts[0] == "expenditure" and parts[1] in rows and value:
            assert got.get(key) == value, key
    assert {k: v for k, v in got.items() if v and want.get(k) != v} == {}
    # 公开04 prints no codes: "2,940.05" above its first line (一、一般公共预算财政拨款, under the header)
    # joins it, and "2,940.05 2,940.05" above 本年收入合计/本年支出合计 joins that line — never the line
    # above it ("二十六、抗疫特别国债安排 | 的支出", as an earlier attempt did)
    fiscal = {k: v for k, v in want.items() if k.startswith("fiscal_summary.") and v}
    assert {k: got.get(k) for k in fiscal} == fiscal
    # names printed below their code line (公开02: "208 05 05 160.75 160.75" | "机关事业单位基本养老保险" |
    # "缴费支出"), the last piece of one running into the next row's name ("支出" + "其他…")
    names = {r.code: r.name for r in disclosure.tables.income.rows}
    for row in example.tables.income.rows:
        if row.code in ("2080505", "2080506", "2080599"):
            assert names[row.code] == row.name


def _joined(text: str) -> list[list[str]]:
    from juesuan.ingest.pages import Row, layout_cells
    from juesuan.ingest.virtual import _join_split_rows, _merge, _with_columns

    rows = [Row(layout_cells(line, n), 1, n) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    clusters = _merge([(c.x0, c.x1) for r in rows for c in r.cells])
    return [[c.text for c in sorted(r.cells, key=lambda c: c.x0)]
            for r in _join_split_rows([_with_columns(r, clusters) for r in rows])]


def test_parts_line_joins_the_one_row_it_completes():
    # as the Shanghai dump prints them: each row's parts on the line above its code line
    assert _joined("""                                 60.00      40.00
201             一般公共服务支出     100.00
                                 60.00      40.00
201   06        财政事务         100.00
                                 60.00
201   06   01   行政运行         60.00
                                            40.00
201   06   02   一般行政管理事务     40.00
""") == [["201", "一般公共服务支出", "100.00", "60.00", "40.00"], ["201", "06", "财政事务", "100.00", "60.00", "40.00"],
         ["201", "06", "01", "行政运行", "60.00", "60.00"], ["201", "06", "02", "一般行政管理事务", "40.00", "40.00"]]


def test_parts_line_two_rows_could_take_is_not_joined_by_the_identities():
    # "60.00 40.00" completes 201 above it and 20106 below it alike: the identities do not say
    # whose it is: the line stays apart (its amounts then unread)
    rows = _joined("""201             一般公共服务支出     100.00
                                 60.00      40.00
201   06        财政事务         100.00
""")
    assert rows == [["201", "一般公共服务支出", "100.00"], ["60.00", "40.00"], ["201", "06", "财政事务", "100.00"]]
