"""公开06 printed as tall rows over several lines (ingest/basic_groups.py): the shared Shanghai PDF as
pdfplumber's ``extract_text()`` (amounts below the names) and ``pdftotext -layout`` (amounts above the
codes, the footers' amounts above their labels). Expected: the cells read from the PDF itself."""

import pytest

from juesuan.ingest import read
from juesuan.ingest import basic_groups
from juesuan.ingest.pages import Row, Cell
from juesuan.ingest.resolve import Resolver
from juesuan.model import iter_table_cells

from .conftest import SHANGHAI_PDF, need
from .shapes import _pdfplumber, _pdftotext, finding_keys

# pdfplumber's lines of the Shanghai PDF's 公开06, as printed (page 16): a lone amount may be
# either block's ("0.09": 301 06 伙食补助费 or 302 04 手续费); the footers decide nothing here
PLUMBER_LINES = """301 302
工资福利支出 2,082.85 商品和服务支出 171.07
301 01 302
基本工资 01 办公费
262.33 21.21
301 02 302
津贴补贴 1,238.58 02 印刷费
7.61
301 06 302
伙食补助费 04 手续费
0.09
301 13 302 因 公 出 国 （ 境 ） 费
住房公积金 12
187.19 用"""


def _rows(text: str) -> list[Row]:
    return [Row((Cell(line, 0, 1),), 16, n, None) for n, line in enumerate(text.splitlines(), 1)]


def test_groups__codes_names_and_floating_amounts_of_the_printed_lines():
    parsed = basic_groups.parse(_rows(PLUMBER_LINES), Resolver(2024).economic)
    assert [[(i.code, "".join(i.names)) for i in g.items] for g in parsed.groups] == [
        [("301", "工资福利支出"), ("302", "商品和服务支出")], [("30101", "基本工资"), ("30201", "办公费")],
        [("30102", "津贴补贴"), ("30202", "印刷费")], [("30106", "伙食补助费"), ("30204", "手续费")],
        [("30113", "住房公积金"), ("30212", "因公出国（境）费用")]]  # the code list: "用" ends the right name
    assert [a for _, a, _ in parsed.groups[2].fixed] == ["1,238.58"]  # on its name line: that group's
    assert [(before, a) for before, _, a, _ in parsed.floating] == [
        (1, "2,082.85"), (1, "171.07"), (2, "262.33"), (2, "21.21"), (3, "7.61"), (4, "0.09"), (5, "187.19")]


def test_groups__lines_whose_families_add_up_under_no_reading_give_nothing():
    """These lines alone: 301 ≠ Σ its 款 however 0.09 and 187.19 are placed — no row is made."""
    said = []
    title = Row((Cell("一般公共预算财政拨款基本支出决算表", 0, 1),), 16, 0, None)
    assert basic_groups.parse(_rows(PLUMBER_LINES)) is not None
    assert basic_groups.rows(title, _rows(PLUMBER_LINES), lambda row, message: said.append(message)) is None


@pytest.fixture(scope="module")
def expected():
    return dict(iter_table_cells(read(need(SHANGHAI_PDF))[0]))


@pytest.mark.parametrize("shape", ["pdfplumber", "pdftotext-layout"])
def test_basic_expenditure__every_cell_placed_by_its_identities(expected, tmp_path, shape):
    pdf = need(SHANGHAI_PDF)
    text = _pdfplumber(pdf) if shape == "pdfplumber" else _pdftotext(pdf, "-layout")
    if text is None:
        pytest.skip("pdftotext not installed")
    path = tmp_path / f"shanghai.{shape}.txt"
    path.write_text(text, encoding="utf-8")
    disclosure = read(path)[0]
    got = dict(iter_table_cells(disclosure))
    cells = {p: v for p, v in expected.items() if p.startswith("basic_expenditure.")}
    assert len([v for v in cells.values() if v]) == 29
    wrong = {p: (v, got.get(p)) for p, v in cells.items() if got.get(p) != v
             or v and getattr(disclosure.provenance.get(p), "kind", None) != "parsed"}
    assert wrong == {}
    names = {r.code: r.name for r in disclosure.tables.basic_expenditure.rows}
    assert names["30108"] == "机关事业单位基本养老保险缴费" and names["30212"] == "因公出国（境）费用"
    def mine(keys):  # 公开06's: T06 identities, N-102 (人员/公用经费), K- names of its codes
        return {k for k in keys if k[0].startswith("T06") or "basic_expenditure" in str(k)}

    assert mine(finding_keys(disclosure)) == mine(finding_keys(read(pdf)[0]))
    assert any(k[0] == "N-102" for k in mine(finding_keys(disclosure)))
