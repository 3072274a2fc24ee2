"""DOCX in the look of an official document (GB/T 9704-2012), via python-docx.

Fast path: every paragraph and cell style is built once per document (fonts, sizes,
alignment live in styles, not in runs); cells are reached through their row's ``tc``
elements rather than ``Table.cell()`` (which rescans the whole table on each call).
Font fallbacks are declared once in the font table (``w:altName``).
"""

from __future__ import annotations

from pathlib import Path

import docx as python_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..model import Disclosure
from ..narrative.document import Document
from . import style as S
from .cells import Grid
from .docx_table import build_table
from .flow import blocks
from .layout import LayoutOptions, grid_for, heading_is_table_title
from .registry import register

CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
ALIGN = {"left": LEFT, "center": CENTER, "right": RIGHT}
BLACK = RGBColor(0, 0, 0)


def _font(style, role: S.FontRole) -> None:
    """Set every script's font on a style once (ascii, hAnsi and eastAsia)."""
    font = style.font
    font.name = role.primary
    font.size = Pt(role.size_pt)
    font.bold = role.bold
    font.italic = False
    font.color.rgb = BLACK
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), role.primary)


def _paragraph_style(doc, name: str, role: S.FontRole, align=LEFT, *, indent_chars: int = 0,
                     line_pt: float | None = None, space_before: float = 0, space_after: float = 0,
                     base: str = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, 1)
    if base and name != base:
        style.base_style = styles[base]
    _font(style, role)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Pt(role.size_pt * indent_chars) if indent_chars else Pt(0)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if line_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = name.startswith("Heading") or name in ("JS Table Title", "JS Unit")
    return style


def _build_styles(doc) -> dict[str, object]:
    """All styles, once: body 仿宋 三号 with 28.95 pt lines (22 lines a page), headings, cells."""
    body = _paragraph_style(doc, "Normal", S.BODY, indent_chars=2, line_pt=28.95, base="")
    styles = {"body": body}
    styles["title"] = _paragraph_style(doc, "JS Title", S.TITLE, CENTER, line_pt=36, space_after=18)
    styles["subtitle"] = _paragraph_style(doc, "JS Subtitle", S.HEADING[3], CENTER, line_pt=28.95)
    for level, role in S.HEADING.items():
        align = CENTER if level == 1 else LEFT
        styles[f"h{level}"] = _paragraph_style(
            doc, f"Heading {level}", role, align, indent_chars=0 if level == 1 else 2,
            line_pt=28.95, space_before=12 if level == 1 else 0)
    styles["table_title"] = _paragraph_style(doc, "JS Table Title", S.TABLE_TITLE, CENTER,
                                             space_before=6, space_after=6)
    small = S.FontRole(S.TABLE.families, S.PT["五号"])
    styles["unit"] = _paragraph_style(doc, "JS Unit", small, RIGHT, space_after=2)
    styles["table_subtitle"] = _paragraph_style(doc, "JS Table Subtitle", S.FontRole(
        S.HEADING[3].families, S.PT["小四"]), CENTER, space_after=2)
    styles["note"] = _paragraph_style(doc, "JS Note", small, LEFT, space_before=3)
    bold_cell = S.FontRole(S.TABLE.families, S.TABLE.size_pt, True)
    for align in ("left", "center", "right"):
        styles[f"cell_{align}"] = _paragraph_style(doc, f"JS Cell {align}", S.TABLE, ALIGN[align],
                                                   space_before=1, space_after=1)
        styles[f"cell_{align}_bold"] = _paragraph_style(doc, f"JS Cell {align} bold", bold_cell,
                                                        ALIGN[align])
    outline = OxmlElement("w:outlineLvl")  # table titles appear in the navigation pane
    outline.set(qn("w:val"), "1")
    styles["table_title"].element.get_or_add_pPr().append(outline)
    styles["table"] = doc.styles["Table Grid"]
    styles["cell_head"] = _paragraph_style(doc, "JS Cell head", S.TABLE_HEAD, CENTER)
    styles["footer"] = _paragraph_style(doc, "JS Page Number", S.PAGE_NUMBER, RIGHT)
    styles["footer_even"] = _paragraph_style(doc, "JS Page Number even", S.PAGE_NUMBER, LEFT)
    return styles


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
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def _footers(doc, section, styles) -> None:
    """GB/T 9704: odd page numbers on the right, even on the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, key in ((section.footer, "footer"), (section.even_page_footer, "footer_even")):
        paragraph = footer.paragraphs[0]
        paragraph._p.style = styles[key].style_id
        _page_number(paragraph)


def _add(doc, text: str, style):
    """``doc.add_paragraph`` with the style set by id (the name lookup rescans every style)."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = style.style_id
    return paragraph


def _grid_block(doc, grid: Grid, styles, text_width_mm: float):
    """Title, unit line, table and notes; returns the title paragraph."""
    title = _add(doc, grid.title, styles["table_title"])
    if grid.subtitle:
        _add(doc, grid.subtitle, styles["table_subtitle"])
    anchor = _add(doc, grid.unit or "", styles["unit"])
    style_ids = {key: style.style_id for key, style in styles.items()}
    anchor._p.addnext(build_table(grid, text_width_mm, style_ids, styles["table"].style_id))
    for text in (grid.note, grid.empty_note):
        if text:
            _add(doc, text, styles["note"])
    return title


def _text_width_mm(landscape: bool) -> float:
    m = S.MARGINS_MM
    if landscape:
        return S.PAGE_MM[1] - m["top"] - m["bottom"]
    return S.PAGE_MM[0] - m["left"] - m["right"]


@register("docx", suffix=".docx")
def render_docx(disclosure: Disclosure, document: Document, out_path: Path) -> Path:
    """Word document (GB/T 9704 look): headings, narrative, the nine tables and the 自评表."""
    doc = python_docx.Document()
    styles = _build_styles(doc)
    _declare_fallbacks(doc)
    section = doc.sections[0]
    _page_setup(section, landscape=False)
    _footers(doc, section, styles)
    landscape = False
    options = LayoutOptions.for_disclosure(disclosure)
    _add(doc, document.title, styles["title"])
    if document.subtitle:
        _add(doc, document.subtitle, styles["subtitle"])
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
            _page_setup(doc.add_section(WD_SECTION.NEW_PAGE), landscape)
        first = None
        for part in block.sections:
            grid = grid_of(part)
            own_title = grid is not None and heading_is_table_title(part.title, grid)
            heading = None if own_title else _add(doc, part.title, styles[f"h{min(max(part.level, 1), 3)}"])
            first = first or heading
            for paragraph in part.paragraphs:
                added = _add(doc, paragraph.text, styles["body"])
                if paragraph.placeholder:
                    for run in added.runs:
                        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if grid:
                title = _grid_block(doc, grid, styles, _text_width_mm(landscape))
                first = first or title
        if block.starts_page and not switched and first is not None:
            first.paragraph_format.page_break_before = True
    doc.core_properties.title = document.title
    doc.core_properties.language = "zh-CN"
    doc.save(str(out_path))
    return out_path
