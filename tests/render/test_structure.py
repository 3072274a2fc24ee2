"""Each profile's document structure (render/structure.py) in every paged format: cover, 目录 with page
numbers, parts starting a page, 编制单位 and 年度 on every table page and XLSX sheet.

Expected texts come from the composed document and the profile's ``structure:`` data, page numbers
from the PDF's own outline; nothing is written here by hand.
"""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from juesuan.render.structure import structure_for


def _pages(path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _parts(document) -> list[str]:
    return [s.title for s in document.sections if s.level == 1]


def test_pdf_cover_toc_and_parts_each_on_their_page(built, disclosure, document):
    structure = structure_for(disclosure.meta.profile)
    if not (structure.cover and structure.toc):
        pytest.skip("profile without cover and 目录")
    pages = [_squash(p) for p in _pages(built("pdf"))]
    assert _squash(document.title) in pages[0] and not re.search(r"—\d+—", pages[0])  # cover: no page number
    toc = pages[1]
    assert _squash(structure.toc_title) in toc
    front = 2
    for title in _parts(document):
        match = re.search(re.escape(_squash(title)) + r"[.\u2060]*(\d+)", toc)
        assert match, f"目录 lacks {title}"
        page = pages[int(match.group(1)) + front - 1]
        body = re.sub(r"^编制单位：.*?年度", "", page)  # the table pages' header line
        assert body.startswith(_squash(title)), f"{title} does not open page {match.group(1)}"


def test_pdf_every_table_page_names_unit_and_year(built, disclosure, grids):
    structure = structure_for(disclosure.meta.profile)
    unit = _squash(structure.unit_text(disclosure))
    pages = [_squash(p) for p in _pages(built("pdf"))]
    heads = [[_squash(str(c.value)) for row in g.header for c in row.cells if c.value] for g in grids]
    heads = [h for h in heads if len(set(h)) >= 5]  # short headers (收入, 项目, 决算数) also read as prose

    def is_table_page(text: str) -> bool:  # a table's first page, or a continuation repeating its header
        return "单位：万元" in text or any(all(cell in text for cell in head) for head in heads)

    table_pages = [i for i, p in enumerate(pages) if i >= 2 and is_table_page(p)]
    assert table_pages
    assert all(unit in pages[i] for i in table_pages), [i + 1 for i in table_pages if unit not in pages[i]]


def test_docx_has_a_toc_field_parts_on_new_pages_and_unit_lines(built, disclosure, document, grids):
    structure = structure_for(disclosure.meta.profile)
    xml = zipfile.ZipFile(built("docx")).read("word/document.xml").decode("utf-8")
    if structure.toc:
        assert re.search(r"<w:instrText[^>]*>\s*TOC \\o \"1-%d\"" % structure.toc_depth, xml)
    for title in _parts(document):  # a page break before it, or a section break just before it
        at = xml.rindex(f">{title}<")  # the heading, after its entry in the 目录 field
        before = xml[:at]
        paragraph = before[before.rindex("<w:p>"):]
        previous = before[:before.rindex("<w:p>")][-400:]
        assert "<w:pageBreakBefore/>" in paragraph or "<w:sectPr" in previous, title
    assert xml.count(structure.unit_text(disclosure)) == len(grids)


def test_xlsx_every_sheet_names_unit_and_year(built, disclosure):
    unit = structure_for(disclosure.meta.profile).unit_text(disclosure)
    book = openpyxl.load_workbook(str(built("xlsx")))
    for sheet in book.worksheets:
        head = [c.value for row in sheet.iter_rows(max_row=4) for c in row if c.value]
        assert unit in head, sheet.title


def test_unit_composition_is_a_numbered_table_where_the_template_has_one(built, disclosure):
    structure = structure_for(disclosure.meta.profile)
    units = disclosure.overview.units
    if not (structure.unit_table and units):
        pytest.skip("profile prints 部门决算单位构成 as text")
    text = _squash("".join(_pages(built("pdf"))))
    assert "序号单位名称备注" in text
    for i, unit in enumerate(units, 1):
        assert _squash(f"{i}{unit.name}{unit.note or ''}") in text
        assert _squash(f"{i}、{unit.name}") not in text  # the list it replaces
    xml = zipfile.ZipFile(built("docx")).read("word/document.xml").decode("utf-8")
    table = next(t for t in re.findall(r"<w:tbl>.*?</w:tbl>", xml) if ">单位名称<" in t)
    assert all(f">{unit.name}<" in table for unit in units)
