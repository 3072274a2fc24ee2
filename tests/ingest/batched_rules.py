"""Rewrite a PDF so that every ruling line of a page is one rectangle of a single path
object ("x y w h re … re f"), as PDF producers that batch a table's borders into one fill
operator write them. The text is untouched; only how the rules are drawn changes."""

from __future__ import annotations

import ctypes
from pathlib import Path


def batch_rules(source: Path, target: Path, pages: list[int] | None = None) -> int:
    """Write ``target``; returns how many line objects were merged."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(source))
    merged = 0
    for index in range(len(pdf)):
        if pages and index + 1 not in pages:
            continue
        page = pdf[index]
        boxes, doomed = [], []
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=1):
            if raw.FPDFPath_CountSegments(obj.raw) > 6:
                continue
            left, bottom, right, top = obj.get_bounds()
            if min(right - left, top - bottom) > 3:
                continue  # a shaded cell or a frame, not a line: left as it is
            boxes.append((left, bottom, right, top))
            doomed.append(obj)
        if not boxes:
            continue
        for obj in doomed:
            raw.FPDFPage_RemoveObject(page.raw, obj.raw)
        path = raw.FPDFPageObj_CreateNewPath(*boxes[0][:2])
        for left, bottom, right, top in boxes:
            right, top = max(right, left + 0.5), max(top, bottom + 0.5)
            raw.FPDFPath_MoveTo(path, left, bottom)
            for x, y in ((right, bottom), (right, top), (left, top)):
                raw.FPDFPath_LineTo(path, x, y)
            raw.FPDFPath_Close(path)
        raw.FPDFPageObj_SetFillColor(path, 0, 0, 0, 255)
        raw.FPDFPath_SetDrawMode(path, raw.FPDF_FILLMODE_WINDING, False)
        raw.FPDFPage_InsertObject(page.raw, path)
        raw.FPDFPage_GenerateContent(page.raw)
        merged += len(boxes)
    pdf.save(str(target))
    pdf.close()
    return merged


def drop_rules(source: Path, target: Path) -> int:
    """Write ``target`` without its ruling lines (shaded cells and text kept): a table printed
    without borders but with a grey header row."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(source))
    dropped = 0
    for index in range(len(pdf)):
        page = pdf[index]
        doomed = []
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=1):
            left, bottom, right, top = obj.get_bounds()
            if min(right - left, top - bottom) <= 3:
                doomed.append(obj)
        for obj in doomed:
            raw.FPDFPage_RemoveObject(page.raw, obj.raw)
        if doomed:
            raw.FPDFPage_GenerateContent(page.raw)
        dropped += len(doomed)
    pdf.save(str(target))
    pdf.close()
    return dropped
