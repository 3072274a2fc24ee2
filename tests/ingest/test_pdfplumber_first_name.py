"""pdfplumber's text of a coded table prints a row's name on the line above its code line; the first
row's name sits just under the header ("类 款 项" | "一般公共服务支出" | "201 2,106.66 1,503.52 603.14",
公开05 of the shared Shanghai PDF): it names that row when the code list knows it as that code
(ingest/flat.py ``_names_first_row``). Before, 201 was left named "合计" (a false K-002 警告)."""

from juesuan.ingest import read

from .conftest import SHANGHAI_PDF, need
from .shapes import _pdfplumber, finding_keys


def test_first_row_named_above_its_code_line(tmp_path):
    pdf = need(SHANGHAI_PDF)
    path = tmp_path / "shanghai.pdfplumber.txt"
    path.write_text(_pdfplumber(pdf), encoding="utf-8")
    disclosure = read(path)[0]
    expected = read(pdf)[0]
    for key in ("general_budget", "expenditure"):
        got = {r.code: r.name for r in getattr(disclosure.tables, key).rows}
        assert got == {r.code: r.name for r in getattr(expected.tables, key).rows}, key
    assert not [k for k in finding_keys(disclosure) if k[0] == "K-002"]
