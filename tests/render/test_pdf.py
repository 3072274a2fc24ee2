import os
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from readback import pdf_text, squash

from juesuan.render.pdf import FontsMissingError, _families, font_table
from juesuan.render.style import FontRole

AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2,}")  # a figure kept as printed may hold more decimals


def test_render_pdf__every_table_amount_is_in_the_text(built, grids):
    found = Counter(AMOUNT.findall(pdf_text(built("pdf"))))
    expected = Counter(c.text() for g in grids for r in g.rows for c in r.cells
                       if c.is_amount and c.fmt == "money" and c.text())
    assert not {text: n for text, n in expected.items() if found[text] < n}


def test_render_pdf__chinese_text_comes_back_exactly(built, disclosure, document, grids):
    """No tofu or .notdef: every title, heading and paragraph is extracted as written (a 单位构成
    list the profile prints as a table: its rows)."""
    from juesuan.render.structure import unit_table

    text = squash(pdf_text(built("pdf")))
    expected = [document.title, *(g.title for g in grids), *(g.note for g in grids if g.note)]
    shown = []
    for s in document.sections:
        units = unit_table(disclosure, s)
        shown += [p.text for p in (units[1] if units else s.paragraphs)]
        shown += ["".join(row) for row in units[0]] if units else []
    expected += shown[:40]
    missing = [line for line in expected if squash(line) not in text]
    assert not missing
    assert "\ufffd" not in text


def _fonts_embedded(path) -> dict[str, bool]:
    """BaseFont name → whether its descriptor carries the font program, over all pages."""
    from pdfminer.pdftypes import resolve1

    fonts = {}
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            resources = resolve1(page.page_obj.resources) or {}
            for ref in (resolve1(resources.get("Font")) or {}).values():
                font = resolve1(ref)
                fonts[font["BaseFont"].name] = _embedded(font)
    return fonts


def _embedded(font) -> bool:
    from pdfminer.pdftypes import resolve1

    descendants = resolve1(font.get("DescendantFonts")) or [font]
    for descendant in descendants:
        descriptor = resolve1(resolve1(descendant).get("FontDescriptor"))
        if descriptor and any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3")):
            return True
    return False


def test_render_pdf__fonts_are_embedded_noto_cjk(built):
    fonts = _fonts_embedded(built("pdf"))
    assert fonts
    assert all(fonts.values()), [name for name, embedded in fonts.items() if not embedded]
    names = " ".join(fonts)
    assert "CJK" in names or "FangSong" in names or "SimSun" in names


def test_render_pdf__bookmarks_name_the_sections(built, document):
    from juesuan.render.typo import typeset

    document = typeset(document)  # as printed: "2022年度", not "2022 年度"
    pdf = pdfium.PdfDocument(str(built("pdf")))
    try:
        titles = {item.get_title() for item in pdf.get_toc()}
    finally:
        pdf.close()
    assert document.sections[0].title in titles
    assert {s.title for s in document.sections if s.table} <= titles


def test_render_pdf__wide_tables_on_landscape_pages(built):
    pdf = pdfium.PdfDocument(str(built("pdf")))
    try:
        sizes = {tuple(round(v) for v in pdf[i].get_size()) for i in range(len(pdf))}
    finally:
        pdf.close()
    assert (595, 842) in sizes and (842, 595) in sizes


def test_font_table__every_role_resolves_to_an_installed_family():
    table = font_table()
    assert set(table) >= {"title", "body", "table"}
    assert all(families for families in table.values())


def test_families__refuses_when_no_cjk_font_is_installed():
    try:
        _families(FontRole(("NoSuchFont",), 12), frozenset({"dejavu sans"}))
    except FontsMissingError as error:
        assert "fonts-noto-cjk" in str(error)
    else:
        raise AssertionError("expected FontsMissingError")


def test_render_pdf__data_is_never_read_as_markup(tmp_path):
    from render_data import small_disclosure

    from juesuan.narrative.document import Document, Paragraph, Section
    from juesuan.render import render

    tricky = "#set page(width: 10pt) *不加粗* _斜_ $x^2$ [括号] <标签> @引用 // 注释 \\ 反斜杠"
    document = Document("标题", None, (Section("s", "一、说明", 2, (Paragraph(tricky),)),))
    path = render("pdf", small_disclosure(), document, tmp_path / "tricky.pdf")
    assert squash(tricky) in squash(pdf_text(path))


def test_warm_up__reads_the_fonts_in_a_thread_and_later_builds_use_them(tmp_path):
    from render_data import document_for, small_disclosure

    from juesuan.render.pdf import _Engine, _sample_data

    engine = _Engine()
    engine.warm_up()
    engine.warm_up()  # a second call starts nothing new
    thread = engine._warming
    assert thread is not None and thread.daemon
    thread.join(timeout=120)
    assert not thread.is_alive() and engine._state is not None
    # the warm-up's sample sets text in every font role: it must itself be a valid document
    import json

    assert engine.compile(json.dumps(_sample_data(), ensure_ascii=False)).startswith(b"%PDF")
    disclosure = small_disclosure()
    from juesuan.render.pdf import document_data

    pdf = engine.compile(json.dumps(document_data(disclosure, document_for(disclosure)), ensure_ascii=False))
    path = tmp_path / "after-warm-up.pdf"
    path.write_bytes(pdf)
    assert squash(disclosure.meta.department) in squash(pdf_text(path))


def test_font_search_dirs__official_font_folders_come_first(monkeypatch, tmp_path):
    from juesuan.render import style

    first, second = tmp_path / "fz", tmp_path / "gb2312"
    first.mkdir()
    second.mkdir()
    monkeypatch.setenv("JUESUAN_FONT_DIRS", os.pathsep.join([str(first), str(tmp_path / "absent"), str(second)]))
    dirs, everything = style.font_search_dirs()
    assert dirs[:2] == [first, second] and tmp_path / "absent" not in dirs
    assert everything == (not style.noto_font_dirs())


def test_engine__a_font_in_juesuan_font_dirs_is_available(monkeypatch, tmp_path):
    from juesuan.render.pdf import _Engine
    from juesuan.render.style import noto_font_dirs

    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVuSans.ttf not installed (stands in for an official font)")
    (tmp_path / dejavu.name).symlink_to(dejavu)
    monkeypatch.setenv("JUESUAN_FONT_DIRS", str(tmp_path))
    assert "dejavu sans" in _Engine().get()[1]
    if noto_font_dirs():  # only the Noto folders are scanned otherwise
        monkeypatch.delenv("JUESUAN_FONT_DIRS")
        assert "dejavu sans" not in _Engine().get()[1]


def test_render_pdf__a_self_evaluation_form_continued_on_the_next_page_repeats_its_indicator_header(
        tmp_path):
    from render_data import EXAMPLES, document_for

    from juesuan.fileformat import load
    from juesuan.render import render

    disclosure = load(EXAMPLES / "urumqi-iit-2022.yaml")  # 14 自评表, several over two pages
    path = render("pdf", disclosure, document_for(disclosure), tmp_path / "forms.pdf")
    pdf = pdfium.PdfDocument(str(path))
    pages = [squash(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    pdf.close()
    title, header = squash("项目支出绩效自评表"), squash("一级指标二级指标三级指标")
    continued = []
    for start, text in enumerate(pages):
        if title in text and "项目名称" in text:
            end = next(i for i in range(start, len(pages)) if "总分" in pages[i])
            continued += range(start + 1, end + 1)
    assert continued, "expected forms that continue onto a second page"
    lost = [index + 1 for index in continued if header not in pages[index]]
    assert not lost, f"continuation pages without the indicator header: {lost}"


def test_body_rows__a_label_spanning_down_from_a_header_row_is_cut_at_the_header():
    from juesuan.render.cells import Cell, Row, head
    from juesuan.render.pdf import _body_rows

    rows = (Row((head("标签", rowspan=3), head("甲"), head("乙")), kind="head"),
            Row((Cell("a1"), Cell("b1"))),
            Row((Cell("a2"), Cell("b2"))))
    out = _body_rows(rows, 3)
    assert out[0]["repeat"] and out[0]["cells"][0] == {**out[0]["cells"][0], "t": "", "rs": 1, "open": ["bottom"]}
    below = out[1]["cells"]
    assert [c["t"] for c in below] == ["标签", "a1", "b1"]
    assert below[0]["rs"] == 2 and below[0]["h"] and below[0]["open"] == ["top"]
    assert "repeat" not in out[1] and [c["t"] for c in out[2]["cells"]] == ["a2", "b2"]
