"""Typography of the printed pages (issue 14 item 2): pages rendered and read back.

PDF (typst) pages always; DOCX and XLSX as LibreOffice prints them where ``soffice`` is
installed. Every check reads the pages (pypdfium2, pdfplumber for short pages): no page
with a note alone or one orphan row, header words never split, 续表 with the project's name
on 自评表 continuations, no space between a figure and Chinese, a sane page count.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pagecheck import gaps, orphans, read_pages, split_words, squash

from juesuan.render.cells import Cell, Grid, Row, head
from juesuan.render.headbreak import break_head

REAL_SHANGHAI = Path("/work/shared/reference/pdf/shanghai-putuo-finance-bureau-2024-dept-final.pdf")


def test_pdf__no_page_holds_a_note_alone_or_one_orphan_row(built, grids):
    path = built("pdf")
    assert orphans(path, read_pages(path), grids) == []


def test_pdf__header_words_are_never_split(built, grids):
    path = built("pdf")
    assert split_words(read_pages(path), grids) == []


def test_pdf__no_space_between_figures_and_chinese(built, disclosure, document):
    from juesuan.render.structure import unit_table

    rows = {squash("".join(row)) for s in document.sections
            for row in ((unit_table(disclosure, s) or ((),))[0])}
    assert gaps(read_pages(built("pdf")), rows) == []


def test_pdf__pages_are_not_empty_and_the_count_is_sane(built, disclosure):
    pages = read_pages(built("pdf"))
    assert all(page.lines for page in pages), [p.number for p in pages if not p.lines]
    if disclosure.meta.department == "上海市普陀区财政局" and REAL_SHANGHAI.is_file():
        real = len(pdfium.PdfDocument(str(REAL_SHANGHAI)))
        assert abs(len(pages) - real) <= 4, (len(pages), real)  # the published PDF: 25 pages


def test_pdf__self_evaluation_continuations_carry_xubiao_and_the_project_name(tmp_path):
    from render_data import EXAMPLES, document_for

    from juesuan.fileformat import load
    from juesuan.render import render

    disclosure = load(EXAMPLES / "urumqi-iit-2022.yaml")  # 14 自评表, several over two pages
    path = render("pdf", disclosure, document_for(disclosure), tmp_path / "forms.pdf")
    pages = read_pages(path)
    names = {squash(p.name) for p in disclosure.performance.projects}
    current, checked = None, 0
    for page in pages:
        first = next((line for line in page.lines if line.startswith("项目名称")), None)
        if first and "项目支出绩效自评表" in page.lines[:3]:
            current = squash(first.removeprefix("项目名称"))
            assert current in names
        elif page.lines and page.lines[0].startswith("一级指标"):
            assert "项目支出绩效自评表（续表）" in page.header, page.number
            assert f"（项目名称：{current}）" in [squash(line) for line in page.header], page.number
            checked += 1
    assert checked >= 5  # measured: 11 continuation pages


def test_cells__no_space_between_figures_and_chinese(grids):
    spaced = [cell.text() for grid in grids for row in grid.rows for cell in row.cells
              if isinstance(cell.value, str) and re.search(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", cell.text())]
    assert spaced == []


def test_checks_can_fail():
    """The page checks find what they look for (a bad header, a note alone, a gap)."""
    from pagecheck import Page, continuation_body

    grid = Grid(key="t", code="x", title="收入决算表", widths=(1, 1),
                header=(Row((head("项目"), head("本年收入合计"), head("财政拨款收入")), kind="head"),),
                body=(Row((Cell("a"), Cell("b"), Cell("c"))),))
    assert split_words([Page(1, ["项目 本年收入合 财政拨款", "计 收入"], [])], [grid]) == [(1, "本年收入合"), (1, "计")]
    assert split_words([Page(1, ["项目 本年收入 财政拨款", "合计 收入"], [])], [grid]) == []
    assert split_words([Page(1, ["项目", "a b c", "位"], [])], [grid]) == []  # a wrapped body line
    assert orphans(Path("-"), [Page(2, ["注：本表反映部门本年度取得的各项收入情况。"], [])], [grid])
    assert continuation_body(Page(3, ["项目 本年收入合计 财政拨款收入", "注：本表"], []), [grid]) == []
    assert gaps([Page(4, ["本年度增加 2020 年政务云项目"], [])]) and not gaps([Page(4, ["增加2020年"], [])])


def test_break_head__the_printed_header_of_a_column_too_narrow():
    assert break_head("本年收入合计", 5) == "本年收入\n合计"
    assert break_head("附属单位上缴收入", 6) == "附属单位\n上缴收入"


# DOCX and XLSX as LibreOffice prints them

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _printed(path: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=240)
    return out / (path.stem + ".pdf")


# ``make test`` installs LibreOffice (browser-packages): in CI its absence is a failure, not a skip
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_pages__header_words_whole_and_no_orphans(built, grids, disclosure, fmt, tmp_path):
    if disclosure.meta.department not in ("上海市普陀区财政局",):
        pytest.skip("one example through LibreOffice (about 10 s a file)")
    assert SOFFICE, "LibreOffice (soffice) missing: `make test` installs libreoffice-writer-nogui/-calc-nogui"
    path = _printed(built(fmt), tmp_path)
    pages = read_pages(path)
    assert split_words(pages, grids) == []
    if fmt == "docx":
        assert orphans(path, pages, grids) == []


def test_self_evaluation_forms__one_number_format_per_measure(grids):
    """分值 and 得分 each printed with one number of decimals in the whole document (the seed
    example had '4.4' beside '81.30' and '10' beside '10.00')."""
    from juesuan.render.cells import placed

    decimals: dict[str, set[int]] = {"分值": set(), "得分": set()}
    for grid in grids:
        if not grid.meta_rows:
            continue
        for _, c, cell in placed(grid.rows, grid.columns):
            if cell.fmt == "number" and cell.text():
                text = cell.text()
                decimals["分值" if c == 6 else "得分"].add(len(text.partition(".")[2]))
    assert all(len(found) <= 1 for found in decimals.values()), decimals


def test_html_header__breaks_only_between_terms():
    from juesuan.render.html_table import _head_text

    assert _head_text("本年收入合计") == "本年<wbr>收入<wbr>合计"
    assert _head_text("a<b") == "a&lt;b"
