"""Names centred on their code line (pdfplumber, pdftotext -layout of a PDF whose tall cells centre
the name): head above the code line, tail below — against names printed whole above each code line.
Hand-made dumps in both shapes (ingest/flat.records, ingest/coded.parse_coded)."""

from pathlib import Path

from juesuan.ingest import read

HEAD = """一般公共预算财政拨款支出决算表
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
"""
# pdfplumber: a wrapped name's first line above its code line, the rest below
CENTRED = HEAD + """208 社会保障和就业支出 20.00 20.00
208 05 行政事业单位养老支出 20.00 20.00
机关事业单位基本养老保险缴
208 05 05 12.00 12.00
费支出
机关事业单位职业年金缴费支
208 05 06 8.00 8.00
出
"""
# the same table with every name on the line above its code line
ABOVE = HEAD + """社会保障和就业支出
208 20.00 20.00
行政事业单位养老支出
208 05 20.00 20.00
机关事业单位基本养老保险缴费支出
208 05 05 12.00 12.00
机关事业单位职业年金缴费支出
208 05 06 8.00 8.00
"""
# pdftotext -layout: the same centred names, columns kept
LAYOUT = HEAD + """208             社会保障和就业支出            20.00       20.00
208   05        行政事业单位养老支出           20.00       20.00
                机关事业单位基本养老保险缴
208   05   05                       12.00       12.00
                费支出
                机关事业单位职业年金缴费支
208   05   06                        8.00        8.00
                出
"""


def _names(text: str, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, _ = read(path)
    return {r.code: r.name for r in disclosure.tables.general_budget.rows}


def test_centred_names_rejoin_their_row(tmp_path: Path):
    for text in (CENTRED, LAYOUT):
        names = _names(text, tmp_path)
        assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
        assert names["2080506"] == "机关事业单位职业年金缴费支出"


def test_names_above_their_code_line_stay_with_it(tmp_path: Path):
    names = _names(ABOVE, tmp_path)
    assert names["20805"] == "行政事业单位养老支出"
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert names["2080506"] == "机关事业单位职业年金缴费支出"


# a top-aligned tall cell: the name starts on its code line and runs on below it (a portrait PDF);
# the code list knows the first rows; 2080508 it does not know (the rows above decide: tails), and
# its name is cut by a page break (the rest after the header repeated on the next page)
TOP = HEAD + """208 社会保障和就业支 22.00 22.00
出
208 05 行政事业单位养老 22.00 22.00
支出
208 05 05 机关事业单位基本养 12.00 12.00
老保险缴费支出
208 05 06 机关事业单位职业年 8.00 8.00
金缴
费支出
208 05 08 试点单位养老补助支 2.00 2.00
— 5 —
\f一般公共预算财政拨款支出决算表（续表）
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
出
合计 22.00 22.00
"""
TOP_LAYOUT = HEAD + """208             社会保障和就业支            22.00       22.00
                出
208   05        行政事业单位养老              22.00       22.00
                支出
208   05   05   机关事业单位基本养            12.00       12.00
                老保险缴费支出
208   05   06   机关事业单位职业年             8.00        8.00
                金缴
                费支出
208   05   08   试点单位养老补助支             2.00        2.00
                出
"""


def test_names_running_on_below_a_top_aligned_code_line_end_that_row(tmp_path: Path):
    for text in (TOP, TOP_LAYOUT):
        names = _names(text, tmp_path)
        assert names["208"] == "社会保障和就业支出"
        assert names["20805"] == "行政事业单位养老支出"
        assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
        assert names["2080506"] == "机关事业单位职业年金缴费支出"
        assert names["2080508"] == "试点单位养老补助支出"


def test_a_running_head_is_not_a_row_of_the_table(tmp_path: Path):
    """A line first on most pages (here the 续表 page too, before its title) is page furniture."""
    pages = "".join(f"XX局2024年度部门决算\n正文{n}\n— {n} —\n\f" for n in range(1, 4))
    text = pages + "XX局2024年度部门决算\n" + TOP.replace("\f", "\fXX局2024年度部门决算\n")
    names = _names(text, tmp_path)
    assert names["2080508"] == "试点单位养老补助支出"
    assert "部门决算" not in "".join(names.values())


def test_a_name_with_an_amount_inside_is_not_read_as_a_name(tmp_path: Path):
    """pdfplumber of a PDF whose amounts overflow their cells mixes digits into the names
    ("科学技10,199.5910,术支出"): such a name is left unread (K-002 would compare it) and reported."""
    path = tmp_path / "dump.txt"
    path.write_text(HEAD + "208 社会保障和就业支出 20.00 20.00\n208 05 行政事业20.0单位养老支出 20.00 20.00\n",
                    encoding="utf-8")
    disclosure, report = read(path)
    names = {r.code: r.name for r in disclosure.tables.general_budget.rows}
    assert (names["208"], names["20805"]) == ("社会保障和就业支出", "")
    assert any("名称未读" in p.message for p in report.not_understood)
