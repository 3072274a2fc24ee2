from collections import Counter

import docx
from docx.shared import Mm
from readback import docx_cell_texts, printed_amounts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_render_docx__every_table_amount_is_read_back(built, grids):
    tables = docx.Document(str(built("docx"))).tables  # the grids, and the 单位构成 table where the profile has one
    assert len([t for t in tables if t.cell(0, 0).text != "序号"]) == len(grids)
    cells = Counter(docx_cell_texts(built("docx")))
    expected = Counter(c.text() for g in grids for r in g.rows for c in r.cells if c.is_amount and c.text())
    missing = {text: n for text, n in expected.items() if cells[text] < n}
    assert not missing
    assert printed_amounts(grids)


def test_render_docx__a4_with_official_margins_and_page_numbers(built):
    document = docx.Document(str(built("docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and "— " in footer_xml
    assert document.settings.odd_and_even_pages_header_footer
    assert 'w:instr="PAGE"' in section.even_page_footer._element.xml


def test_render_docx__styles_carry_the_official_fonts_with_fallbacks(built):
    document = docx.Document(str(built("docx")))
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    assert normal.font.size.pt == 16
    title = document.styles["JS Title"]
    assert title.element.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体" and title.font.size.pt == 22
    fonts_xml = next(p for p in document.part.package.iter_parts()
                     if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in fonts_xml


def test_render_docx__merged_headers_repeat_and_rows_never_split(built):
    document = docx.Document(str(built("docx")))
    tables = [t._tbl for t in document.tables]
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for t in tables for tr in t.tr_lst)
    grid_tables = [t._tbl for t in document.tables if t.cell(0, 0).text != "序号"]  # not the 单位构成 table
    with_header = [t for t in grid_tables if t.tr_lst[0].find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(with_header) >= 9  # the nine tables; a 自评表 has no repeated header
    table = with_header[0]
    first_row = table.tr_lst[0]
    spans = [tc for tc in first_row.tc_lst if tc.find(f"{W}tcPr/{W}gridSpan") is not None]
    assert spans, "two-level header has merged cells"
    widths = [int(col.get(f"{W}w")) for col in table.find(f"{W}tblGrid")]
    assert abs(sum(widths) - Mm(156).twips) < 30 or abs(sum(widths) - Mm(225).twips) < 30


def test_render_docx__headings_use_heading_styles(built, document):
    rendered = docx.Document(str(built("docx")))
    headings = [p.text for p in rendered.paragraphs if p.style.name.startswith("Heading")]
    narrative = [s.title for s in document.sections if not s.table]
    assert narrative and set(narrative) <= set(headings)


def test_table_xml__the_last_row_and_a_note_never_stand_alone_on_a_page():
    """keep-with-next on the row before the last (a 自评表's 总分), and on the last row when a
    注 line follows (LibreOffice printed '注：本表反映…' alone on page 54 of the Urumqi DOCX)."""
    import re

    from juesuan.render.cells import Cell, Grid, Row
    from juesuan.render.docx_table import table_xml

    rows = tuple(Row((Cell(f"r{i}"),)) for i in range(4))
    ids = {"cell_left": "L", "cell_head": "H", "cell_center": "C", "cell_right": "R"}

    def kept(grid: Grid) -> list[bool]:
        xml = table_xml(grid, 100, ids, "T")
        return ["<w:keepNext/>" in row for row in re.findall(r"<w:tr>.*?</w:tr>", xml)]

    plain = Grid(key="k", code="", title="t", widths=(1,), header=(), body=rows)
    assert kept(plain) == [False, False, True, False]
    noted = Grid(key="k", code="", title="t", widths=(1,), header=(), body=rows, note="注：本表反映…")
    assert kept(noted) == [False, False, True, True]
