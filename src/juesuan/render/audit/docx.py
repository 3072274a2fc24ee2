"""The audit report as DOCX for filing: the HTML's content (thumbnails included) without the filters and marks."""

from __future__ import annotations

import io

from . import Audit
from .content import FILING_HEAD, SEVERITIES, family_counts, filing_cells, meta_rows, title_of


def _table(document, header: list[str], rows: list[list[str]], widths_cm: list[float] | None = None):  # noqa: money-float-ok (cm)
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
            if widths_cm:
                cell.width = Cm(widths_cm[i])
    if widths_cm:  # Word reads the cells' widths, LibreOffice the grid's: both are set
        table.autofit = False
        for column, width in zip(table.columns, widths_cm):
            column.width = Cm(width)
    return table


WIDTHS_CM = [1.3, 3.0, 3.3, 5.6, 2.0]  # noqa: money-float-ok (cm): 15.2 cm, python-docx's A4/Letter text width


def _thumbnail_row(table, after, thumb) -> None:
    """A row under ``after``, its cells merged into one holding the page region at the table's width."""
    import copy

    from docx.shared import Cm

    new = copy.deepcopy(after._tr)
    after._tr.addnext(new)
    row = next(r for r in table.rows if r._tr is new)
    cell = row.cells[0].merge(row.cells[-1])
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    for finding_cell in after.cells:  # the finding stays on the page of its picture
        for kept in finding_cell.paragraphs:
            kept.paragraph_format.keep_with_next = True
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    width = min(sum(WIDTHS_CM) - 0.3, thumb.width / 1.5 * 2.54 / 72)  # noqa: money-float-ok (cm, inside the cell)
    paragraph.add_run().add_picture(io.BytesIO(thumb.png), width=Cm(width))


def audit_docx(audit: Audit) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    document.add_heading(title_of(audit), level=1)
    _table(document, ["项目", "内容"], [[k, v] for k, v in meta_rows(audit)], [3.5, 11.7])
    document.add_heading("按规则族和级别计数", level=2)
    _table(document, ["规则族", *SEVERITIES, "合计"],
           [[fam, *(str(n[s]) for s in SEVERITIES), str(sum(n.values()))] for fam, n in family_counts(audit)])
    for group in audit.groups():
        document.add_heading(f"{group.title}（{len(group.findings)}）", level=2)
        table = _table(document, FILING_HEAD, [filing_cells(audit, f) for f in group.findings], WIDTHS_CM)
        for f, row in reversed(list(zip(group.findings, table.rows[1:]))):
            thumb = audit.thumbnail(f)
            if thumb is not None:
                _thumbnail_row(table, row, thumb)
    if not audit.findings:
        document.add_paragraph("未发现问题。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
