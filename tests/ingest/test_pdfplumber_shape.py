"""pdfplumber's ``extract_text()`` of the shared Shanghai PDF: tall cells print their amounts on
lines of their own, and the tables' identities put them back (ingest/flat.py, collapsed.py).

- 公开01/04: the amounts sit a little below their labels ("八、其他收入 八、社会保障和就业支出" |
  "6.20 326.71"); joined to the line above because the 总表 then adds up and joined below it does not;
- 公开02: "合计" alone under the header, its amounts on the next line;
- 公开03: a tall row's parts on its name line above the code line with its 合计
  ("一般公共服务支出 1,503.52 603.14" | "201 2,106.66"), the two lines interleaved by the identities.
Expected: the cells read from the PDF itself."""

import pytest

from juesuan.ingest import read
from juesuan.model import iter_table_cells

from .conftest import SHANGHAI_PDF, need
from .shapes import _pdfplumber


@pytest.fixture(scope="module")
def plumber(tmp_path_factory):
    pdf = need(SHANGHAI_PDF)
    path = tmp_path_factory.mktemp("plumber") / "shanghai.pdfplumber.txt"
    path.write_text(_pdfplumber(pdf), encoding="utf-8")
    return dict(iter_table_cells(read(pdf)[0])), read(path)[0]


@pytest.mark.parametrize("table", ["summary", "income", "expenditure", "fiscal_summary"])
def test_pdfplumber__tall_cells_rejoin_their_rows(plumber, table):
    expected, disclosure = plumber
    got = dict(iter_table_cells(disclosure))
    cells = {p: v for p, v in expected.items() if p.startswith(table + ".") and v}
    assert cells
    wrong = {p: (v, got.get(p)) for p, v in cells.items()
             if got.get(p) != v or getattr(disclosure.provenance.get(p), "kind", None) != "parsed"}
    assert wrong == {}
    assert not [n for n in disclosure.reading if n.kind == "table" and n.table == table]
