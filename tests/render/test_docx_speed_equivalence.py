"""The DOCX fast path writes what python-docx's object layer would have written.

Styles, body paragraphs and table cells bypass python-docx's setters for speed; these
tests build the same things through python-docx and compare the XML (exclusive C14N,
so namespace declarations and attribute order do not matter).
"""

from decimal import Decimal

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from lxml import etree

from juesuan.render import docx as docx_render
from juesuan.render.cells import Cell, Grid, Row, head, money_cell
from juesuan.render.docx_table import PARSER, paragraph_xml, table_xml

TEXTS = ["", "正文", " 前有空格", "后有空格 ", "\u3000全角空格", "a\tb", "一行\n二行", "x\r\ny",
         "\t", "&<>\"'", "  "]


def c14n(element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)


def parsed(xml: str):
    return etree.fromstring(f"<w:body {nsdecls('w')}>{xml}</w:body>", PARSER)[0]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("highlight, page_break", [(False, False), (True, False), (False, True)])
def test_paragraph_xml__is_what_add_paragraph_writes(text, highlight, page_break):
    paragraph = docx.Document().add_paragraph(text)
    paragraph._p.style = "JSNote"
    if highlight:
        for run in paragraph.runs:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    xml = paragraph_xml("JSNote", text, highlight=highlight, page_break=page_break)
    assert c14n(parsed(xml)) == c14n(paragraph._p)


def _reference_style(self, name, role, align="left", *, indent_chars=0, line_pt=None,
                     space_before=0, space_after=0, base="Normal"):
    """The former python-docx object-layer definition of a paragraph style."""
    styles = self.doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, 1)
    if base and name != base:
        style.base_style = styles[base]
    font = style.font
    font.name, font.size, font.bold, font.italic = role.primary, Pt(role.size_pt), role.bold, False
    font.color.rgb = RGBColor(0, 0, 0)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), role.primary)
    fmt = style.paragraph_format
    fmt.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    fmt.first_line_indent = Pt(role.size_pt * indent_chars) if indent_chars else Pt(0)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if line_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = name.startswith("Heading") or name in ("JS Table Title", "JS Unit")
    if name == "Normal":  # no gap between Chinese and figures
        p_pr = style.element.get_or_add_pPr()
        later = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                 "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                 "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            element = p_pr.makeelement(qn(tag), {qn("w:val"): "0"})
            p_pr.insert_element_before(element, *later)
    # keep the fast path's name index in step with styles added here
    self.by_name[style.element.name_val] = style.element
    return style.style_id


def test_styles__are_what_python_docx_setters_write(monkeypatch):
    fast = docx.Document()
    fast_ids = docx_render._build_styles(fast)
    reference = docx.Document()
    original_init = docx_render._Styles.__init__

    def init(self, doc):
        original_init(self, doc)
        self.doc = doc

    monkeypatch.setattr(docx_render._Styles, "__init__", init)
    monkeypatch.setattr(docx_render._Styles, "paragraph", _reference_style)
    reference_ids = docx_render._build_styles(reference)
    assert fast_ids == reference_ids
    assert c14n(fast.styles.element) == c14n(reference.styles.element)


def test_table_xml__cell_text_survives_as_printed():
    texts = [" 前后空格 ", "a&b<c>\"d\"", "x\ty", "一\n二", "回车\r", "  "]
    grid = Grid(key="t", code="t", title="t", widths=(1, 1),
                header=(Row((head("项目", colspan=2),), kind="head"),),
                body=tuple(Row((Cell(text), money_cell(Decimal("1234.5")))) for text in texts))
    ids = {key: key for key in ("cell_head", "cell_left", "cell_left_bold", "cell_center",
                                "cell_center_bold", "cell_right", "cell_right_bold")}
    tbl = parsed(table_xml(grid, 100, ids, "TableGrid"))
    w_t, space = qn("w:t"), "{http://www.w3.org/XML/1998/namespace}space"
    cells = [tc.find(f"{qn('w:p')}/{qn('w:r')}/{w_t}") for tc in tbl.iter(qn("w:tc"))]
    assert [t.text for t in cells] == ["项目", *(x for text in texts for x in (text, "1,234.50"))]
    assert [t.get(space) for t in cells[1::2]] == [
        "preserve" if text != text.strip() else None for text in texts]
    head_cell = next(tbl.iter(qn("w:tc")))
    assert head_cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "2"
