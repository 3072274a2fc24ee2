"""DOCX in the look of an official document (GB/T 9704-2012), via python-docx.

python-docx gives the package (template, sections, footers, saving); the bulk bypasses
its object layer, which re-reads the XML on every property access. Every paragraph and
cell style is defined once per document, directly on the styles part, with the effect
of python-docx's setters (fonts, sizes, alignment live in styles, not in runs); body
paragraphs and tables are written as XML text (``docx_table``) and the document is
parsed once. Font fallbacks are declared once in the font table (``w:altName``).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import docx as python_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.styles import styleId_from_name
from docx.shared import Mm, Pt, RGBColor
from docx.styles import BabelFish
from lxml import etree

from ..model import Disclosure
from ..narrative.document import Document
from . import style as S
from .cells import Grid
from .docx_table import BodyText, paragraph_xml, table_xml
from .flow import blocks
from .layout import LayoutOptions, grid_for, heading_is_table_title
from .registry import register
from .structure import structure_for, unit_table

VAL = qn("w:val")
# Child order (ECMA-376) in w:style, w:pPr and w:rPr: a missing child goes before the
# first present child that must follow it, as python-docx's ``get_or_add_*`` does.
SEQUENCES = {
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
             "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr "
             "rPr tblPr trPr tcPr tblStylePr",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
           "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
           "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid "
           "spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
           "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
           "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
           "specVanish oMath",
}
FOLLOWERS = {(kind, tag): frozenset(qn(f"w:{t}") for t in seq.split()[i + 1:])
             for kind, seq in SEQUENCES.items() for i, tag in enumerate(seq.split())}


def _child(parent, tag: str):
    """The ``w:{tag}`` child of ``parent`` (a style, pPr or rPr), added when missing."""
    name = qn(f"w:{tag}")
    child = parent.find(name)
    if child is None:
        child = parent.makeelement(name, {})
        followers = FOLLOWERS[(parent.tag.rpartition("}")[2], tag)]
        later = next((c for c in parent if c.tag in followers), None)
        if later is None:
            parent.append(child)
        else:
            later.addprevious(child)
    return child


def _on_off(parent, tag: str, on: bool) -> None:
    """``<w:b/>`` for on, ``<w:b w:val="0"/>`` for off (python-docx's spelling)."""
    child = _child(parent, tag)
    if on:
        child.attrib.pop(VAL, None)
    else:
        child.set(VAL, "0")


def _set(element, **attrs: str) -> None:
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)


def _twips(points: float) -> str:
    return str(Pt(points).twips)


class _Styles:
    """The styles part edited in place, with the effect of python-docx's style setters."""

    def __init__(self, doc):
        self.root = doc.styles.element
        self.by_name = {}
        for style in self.root.iterchildren(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                self.by_name.setdefault(name.get(VAL), style)

    def get(self, name: str):
        """The style called ``name`` (UI name, e.g. "Heading 1"), added when missing."""
        internal = BabelFish.ui2internal(name)
        style = self.by_name.get(internal)
        if style is None:
            style = etree.SubElement(self.root, qn("w:style"))
            _set(style, type="paragraph", customStyle="1", styleId=styleId_from_name(internal))
            _child(style, "name").set(VAL, internal)
            self.by_name[internal] = style
        return style

    def paragraph(self, name: str, role: S.FontRole, align: str = "left", *,
                  indent_chars: int = 0, line_pt: float | None = None, space_before: float = 0,
                  space_after: float = 0, base: str = "Normal") -> str:
        """Define paragraph style ``name``; returns its id."""
        style = self.get(name)
        if base and name != base:
            _child(style, "basedOn").set(VAL, self.get(base).get(qn("w:styleId")))
        r_pr = _child(style, "rPr")
        _set(_child(r_pr, "rFonts"), ascii=role.primary, hAnsi=role.primary,
             eastAsia=role.primary)  # every script's font, once
        _child(r_pr, "sz").set(VAL, str(int(Pt(role.size_pt).pt * 2)))
        _on_off(r_pr, "b", role.bold)
        _on_off(r_pr, "i", False)
        for color in r_pr.findall(qn("w:color")):  # replaced, theme colour and all
            r_pr.remove(color)
        _child(r_pr, "color").set(VAL, "000000")
        p_pr = _child(style, "pPr")
        _child(p_pr, "jc").set(VAL, align)
        ind = _child(p_pr, "ind")
        ind.attrib.pop(qn("w:hanging"), None)
        ind.set(qn("w:firstLine"), _twips(role.size_pt * indent_chars))
        spacing = _child(p_pr, "spacing")
        _set(spacing, before=_twips(space_before), after=_twips(space_after))
        if line_pt:
            _set(spacing, lineRule="exact", line=_twips(line_pt))
        else:  # single spacing
            _set(spacing, line="240", lineRule="auto")
        _on_off(p_pr, "keepNext",
                name.startswith("Heading") or name in ("JS Table Title", "JS Unit"))
        if name == "Normal":  # every style's base: no gap between Chinese and figures ("2019年")
            _on_off(p_pr, "autoSpaceDE", False)
            _on_off(p_pr, "autoSpaceDN", False)
        return style.get(qn("w:styleId"))


def _build_styles(doc) -> dict[str, str]:
    """All styles, once: body 仿宋 三号 with 28.95 pt lines (22 lines a page), headings, cells.

    Returns the style id of each role."""
    styles = _Styles(doc)
    add = styles.paragraph
    ids = {"body": add("Normal", S.BODY, indent_chars=2, line_pt=28.95, base="")}
    ids["title"] = add("JS Title", S.TITLE, "center", line_pt=36, space_after=18)
    ids["subtitle"] = add("JS Subtitle", S.HEADING[3], "center", line_pt=28.95)
    for level, role in S.HEADING.items():
        ids[f"h{level}"] = add(f"Heading {level}", role, "center" if level == 1 else "left",
                               indent_chars=0 if level == 1 else 2, line_pt=28.95,
                               space_before=12 if level == 1 else 0)
    ids["table_title"] = add("JS Table Title", S.TABLE_TITLE, "center", space_before=6,
                             space_after=6)
    small = S.FontRole(S.TABLE.families, S.PT["五号"])
    ids["unit"] = add("JS Unit", small, "right", space_after=2)
    ids["unit_left"] = add("JS Unit Line", small, "left", space_after=2)
    ids["toc_title"] = add("JS TOC Title", S.HEADING[1], "center", line_pt=36, space_after=12)
    ids["table_subtitle"] = add("JS Table Subtitle", S.FontRole(
        S.HEADING[3].families, S.PT["小四"]), "center", space_after=2)
    ids["note"] = add("JS Note", small, "left", space_before=3)
    bold_cell = S.FontRole(S.TABLE.families, S.TABLE.size_pt, True)
    for align in ("left", "center", "right"):
        ids[f"cell_{align}"] = add(f"JS Cell {align}", S.TABLE, align, space_before=1,
                                   space_after=1)
        ids[f"cell_{align}_bold"] = add(f"JS Cell {align} bold", bold_cell, align, space_before=1,
                                        space_after=1)
    # table titles appear in the navigation pane
    title_pr = _child(styles.get("JS Table Title"), "pPr")
    _child(title_pr, "outlineLvl").set(VAL, "1")
    ids["table"] = styles.get("Table Grid").get(qn("w:styleId"))
    ids["cell_head"] = add("JS Cell head", S.TABLE_HEAD, "center", space_before=1, space_after=1)
    ids["footer"] = add("JS Page Number", S.PAGE_NUMBER, "right")
    ids["footer_even"] = add("JS Page Number even", S.PAGE_NUMBER, "left")
    return ids


def _declare_fallbacks(doc) -> None:
    """Add ``w:altName`` fallbacks for the official fonts to the font table, once."""
    part = next((p for p in doc.part.package.iter_parts()
                 if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None or not hasattr(part, "_blob"):
        return
    entries = []
    for role in (S.TITLE, S.BODY, S.TABLE, S.TABLE_HEAD, *S.HEADING.values()):
        fallback = role.families[-1]
        entries.append(f'<w:font w:name="{role.primary}"><w:altName w:val="{fallback}"/>'
                       f'<w:charset w:val="86"/><w:family w:val="roman"/></w:font>')
    blob = part._blob.decode("utf-8")
    part._blob = blob.replace("</w:fonts>", "".join(dict.fromkeys(entries)) + "</w:fonts>").encode()


def _page_setup(section, landscape: bool) -> None:
    width, height = Mm(S.PAGE_MM[0]), Mm(S.PAGE_MM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    m = S.MARGINS_MM
    if landscape:  # the binding edge stays on the left of the turned page
        section.top_margin, section.bottom_margin = Mm(m["left"]), Mm(m["right"])
        section.left_margin, section.right_margin = Mm(m["top"]), Mm(m["bottom"])
    else:
        section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
        section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
    section.footer_distance = Mm(20)


def _page_number(paragraph) -> None:
    """"— PAGE —" with a PAGE field."""
    paragraph.add_run("— ")
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE">'
                                  "<w:r><w:t>1</w:t></w:r></w:fldSimple>"))
    paragraph.add_run(" —")


def _footers(doc, section, ids: dict[str, str]) -> None:
    """GB/T 9704: odd page numbers on the right, even on the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, key in ((section.footer, "footer"), (section.even_page_footer, "footer_even")):
        paragraph = footer.paragraphs[0]
        paragraph._p.style = ids[key]
        _page_number(paragraph)


def _grid_block(body: BodyText, grid: Grid, ids: dict[str, str], text_width_mm: float,
                page_break: bool, unit_text: str = "") -> None:
    """Title, 编制单位 and unit line, table and notes."""
    body.add(paragraph_xml(ids["table_title"], grid.title, page_break=page_break))
    if grid.subtitle:
        body.add(paragraph_xml(ids["table_subtitle"], grid.subtitle))
    if unit_text:  # 编制单位 left, 单位：万元 right, on one line (a right tab at the text width)
        body.add(unit_line_xml(ids["unit_left"], unit_text, grid.unit or "", text_width_mm))
    else:
        body.add(paragraph_xml(ids["unit"], grid.unit or ""))
    body.add(table_xml(grid, text_width_mm, ids, ids["table"]))
    for text in (grid.note, grid.empty_note):
        if text:
            body.add(paragraph_xml(ids["note"], text))


def toc_field_xml(document: Document, depth: int) -> str:
    """A real Word TOC field over the heading levels 1…depth; its cached result lists the entries
    (page numbers appear when Word or LibreOffice updates the field, ``w:updateFields``)."""
    entries = [s.title for s in document.sections if 1 <= s.level <= depth]
    cached = "".join(f"<w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r><w:r><w:br/></w:r>" for t in entries)
    return (f'<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{depth}" \\h \\z \\u </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{cached}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def units_table_xml(rows: list[tuple[str, str, str]], ids: dict[str, str], width_mm: float) -> str:
    """部门决算单位构成: 序号 / 单位名称 / 备注 (SH-T), a bordered table the text width wide."""
    twips = [round(width_mm * share / 25.4 * 1440) for share in (0.12, 0.55, 0.33)]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)

    def row(values, head: bool) -> str:
        styles = [ids["cell_head"]] * 3 if head else [ids["cell_center"], ids["cell_left"], ids["cell_left"]]
        header = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if head else "<w:trPr><w:cantSplit/></w:trPr>"
        return f"<w:tr>{header}" + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{st}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{escape(v)}</w:t></w:r></w:p></w:tc>'
            for v, w, st in zip(values, twips, styles)) + "</w:tr>"

    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["table"]}"/><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
            f'<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{row(('序号', '单位名称', '备注'), True)}"
            + "".join(row(r, False) for r in rows) + "</w:tbl>")


def unit_line_xml(style_id: str, left: str, right: str, width_mm: float) -> str:
    tab = round(width_mm / 25.4 * 1440)
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/><w:tabs><w:tab w:val="right" w:pos="{tab}"/>'
            f'</w:tabs></w:pPr><w:r><w:t xml:space="preserve">{escape(left)}</w:t></w:r>'
            f'<w:r><w:tab/><w:t xml:space="preserve">{escape(right)}</w:t></w:r></w:p>')


def _text_width_mm(landscape: bool) -> float:
    m = S.MARGINS_MM
    if landscape:
        return S.PAGE_MM[1] - m["top"] - m["bottom"]
    return S.PAGE_MM[0] - m["left"] - m["right"]


@register("docx", suffix=".docx")
def render_docx(disclosure: Disclosure, document: Document, out_path: Path) -> Path:
    """Word document (GB/T 9704 look): headings, narrative, the nine tables and the 自评表."""
    doc = python_docx.Document()
    ids = _build_styles(doc)
    _declare_fallbacks(doc)
    section = doc.sections[0]
    _page_setup(section, landscape=False)
    _footers(doc, section, ids)
    landscape = False
    options = LayoutOptions.for_disclosure(disclosure)
    body = BodyText(doc.element.body)
    structure = structure_for(disclosure.meta.profile)
    body.add(paragraph_xml(ids["title"], document.title))
    if document.subtitle:
        body.add(paragraph_xml(ids["subtitle"], document.subtitle))
    if structure.cover:  # the cover page carries no page number
        section.different_first_page_header_footer = True
    if structure.toc:  # on its own page after the cover; Word fills the page numbers on opening
        body.add(paragraph_xml(ids["toc_title"], structure.toc_title, page_break=structure.cover))
        body.add(toc_field_xml(document, structure.toc_depth))
        doc.settings.element.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
    part_break = structure.cover or structure.toc
    unit_text = structure.unit_text(disclosure) if structure.unit_line else ""
    grids: dict[str, Grid] = {}

    def grid_of(section) -> Grid | None:
        if section.table and section.table not in grids:
            grids[section.table] = grid_for(disclosure, section.table, options)
        return grids.get(section.table) if section.table else None

    for block in blocks(document.sections, grid_of):
        # A table starts a page (landscape when wide); narrative text returns to portrait.
        switched = block.landscape != landscape
        if switched:
            landscape = block.landscape
            body.cut()  # python-docx adds the section break after what is there
            _page_setup(doc.add_section(WD_SECTION.NEW_PAGE), landscape)
        # Otherwise a new page starts at the block's first heading or table title.
        page_break = block.starts_page and not switched
        for part in block.sections:
            grid = grid_of(part)
            if grid is None or not heading_is_table_title(part.title, grid):
                level = min(max(part.level, 1), 3)
                # 第一部分 …: a part opens a page (the first one after the cover or 目录)
                page_break |= level == 1 and structure.part_starts_page and part_break and not switched
                part_break |= level == 1 and structure.part_starts_page
                body.add(paragraph_xml(ids[f"h{level}"], part.title, page_break=page_break))
                page_break = False
            units = unit_table(disclosure, part)
            for paragraph in units[1] if units else part.paragraphs:
                body.add(paragraph_xml(ids["body"], paragraph.text,
                                       highlight=paragraph.placeholder))
            if units:
                body.add(units_table_xml(units[0], ids, _text_width_mm(landscape)))
            if grid:
                _grid_block(body, grid, ids, _text_width_mm(landscape), page_break, unit_text)
                page_break = False
    body.finish(doc)
    doc.core_properties.title = document.title
    doc.core_properties.language = "zh-CN"
    if document.draft:  # juesuan build --draft: 草稿 in the header of every page, odd and even
        first = doc.sections[0]  # the later sections' headers are linked to it
        for header in (first.header, first.even_page_header):
            run = header.paragraphs[0].add_run("草稿")
            run.bold, run.font.size, run.font.color.rgb = True, Pt(28), RGBColor(0xC0, 0, 0)
            header.paragraphs[0].alignment = 1
    if document.forced:
        doc.core_properties.comments = f"juesuan build --force: {document.forced}"
    doc.save(str(out_path))
    return out_path
