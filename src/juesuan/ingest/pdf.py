"""PDF text layer → glyphs and ruling lines, via pypdfium2 (fast, permissive licence).

Scanned pages (no text layer) are reported so the caller can OCR them.
"""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

from .. import limits
from .grid import Glyph, Rule, build_rows
from .pages import Document, Page, UnreadableFile


def _transform(rotation: int, width: float, height: float):  # noqa: money-float-ok
    """PDF user space (bottom-up) → display space (top-down) for a page rotation."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (width - x, y)
    if rotation == 270:
        return lambda x, y: (height - y, width - x)
    return lambda x, y: (x, height - y)


def _box(fn, l, b, r, t) -> tuple[float, float, float, float]:  # noqa: money-float-ok
    xa, ya = fn(l, b)
    xb, yb = fn(r, t)
    return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def page_glyphs(page, textpage, rotation: int) -> tuple[list[Glyph], int]:
    """Glyphs in display space and the rotation used (from /Rotate or the text angle)."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return [], rotation
    # Text drawn sideways on an upright page (a landscape table on a portrait sheet).
    angles = [raw.FPDFText_GetCharAngle(textpage.raw, i) for i in range(0, count, max(1, count // 40))]
    angles.sort()
    angle = angles[len(angles) // 2]
    # pdfium measures the angle clockwise: 3π/2 is text running upwards (turned 90° counter-clockwise).
    if rotation == 0 and abs(angle - math.pi / 2) < 0.3:
        rotation = 270
    elif rotation == 0 and abs(angle - 3 * math.pi / 2) < 0.3:
        rotation = 90
    fn = _transform(rotation, *page.get_size())
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    glyphs = []
    for i in range(count):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 9, 10, 13, 32, 0x3000, 0xFFFE, 0xFFFF) or code > 0x10FFFF:
            continue
        if not raw.FPDFText_GetCharBox(textpage.raw, i, l, r, b, t):
            continue
        if 0xD800 <= code <= 0xDFFF:
            continue
        # pdfium reports a hyphen that ends a line as 0x02 ("8 月-" | "12 月" in a wrapped cell)
        char = "-" if code == 2 else chr(code)
        glyphs.append(Glyph(char, *_box(fn, l.value, b.value, r.value, t.value)))
    return glyphs, rotation


def page_rules(page, rotation: int) -> list[Rule]:
    import pypdfium2.raw as raw

    fn = _transform(rotation, *page.get_size())
    boxes = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
        try:
            l, b, r, t = obj.get_bounds()
        except Exception:  # a malformed object: skip it, it is only a line
            continue
        box = _box(fn, l, b, r, t)
        w, h = box[2] - box[0], box[3] - box[1]
        if min(w, h) <= 3.0:  # noqa: money-float-ok
            boxes.append(box)
        elif raw.FPDFPath_CountSegments(obj.raw) > 6:
            boxes += _segment_boxes(obj, fn)
        elif _stroked(obj):  # a stroked rectangle: its four edges (a filled one is shading, no rule)
            x0, y0, x1, y1 = box
            boxes += [(x0, y0, x1, y0 + 1), (x0, y1 - 1, x1, y1), (x0, y0, x0 + 1, y1), (x1 - 1, y0, x1, y1)]
    return boxes


def _stroked(obj) -> bool:
    """Whether a path is stroked. The edges of a filled-only rectangle (a grey header cell)
    are no ruling lines: taken as rules, a borderless table with a shaded header row got a
    grid of its header cells alone, and its amounts went to the wrong cells."""
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke):
        return True  # unknown: as before
    return bool(stroke.value)


def _segment_boxes(obj, fn) -> list[Rule]:
    """The straight horizontal and vertical lines of one path of many segments, as thin boxes.

    Some producers draw a whole table's borders as one path ("x y w h re … re f", or one
    long run of moveto/lineto); its bounding box is the table, not a line. A path with a
    curve is a drawing or a glyph outline, never a ruling: it gives nothing."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj.raw, matrix):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[int, float, float, bool]] = []  # noqa: money-float-ok (kind, x, y, closes)
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO or not raw.FPDFPathSegment_GetPoint(segment, x, y):
            return []
        page_x = matrix.a * x.value + matrix.c * y.value + matrix.e
        page_y = matrix.b * x.value + matrix.d * y.value + matrix.f
        points.append((kind, *fn(page_x, page_y), bool(raw.FPDFPathSegment_GetClose(segment))))
    boxes: list[Rule] = []
    start = previous = None
    for kind, px, py, closes in points:
        if kind == raw.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = (px, py)
            continue
        for (ax, ay), (bx, by) in [(previous, (px, py))] + ([((px, py), start)] if closes else []):
            if min(abs(bx - ax), abs(by - ay)) < 1.0 and max(abs(bx - ax), abs(by - ay)) >= 2.0:  # noqa: money-float-ok
                boxes.append((min(ax, bx) - 0.25, min(ay, by) - 0.25, max(ax, bx) + 0.25, max(ay, by) + 0.25))
        previous = start if closes else (px, py)
    return boxes


def load_pdf(path: Path, password: str | None = None) -> Document:
    import pypdfium2 as pdfium

    bounds = limits.current()
    try:
        limits.check_pdf_streams(path, bounds)  # before pdfium inflates a 1 GB content stream
    except limits.LimitError as exc:
        raise UnreadableFile(str(exc)) from None
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except Exception as exc:  # PdfiumError: truncated, encrypted or not a PDF
        raise UnreadableFile(f"{path}: 无法打开 PDF（文件损坏、加密或不完整）/ cannot open PDF: {exc}") from None
    doc = Document(str(path), "pdf")
    try:
        total = len(pdf)
        if total > bounds.pages:
            doc.problems.append(f"只读取前 {bounds.pages} 页 / only the first {bounds.pages} of {total} pages read"
                                " (JUESUAN_LIMIT_PAGES)")
        for index in range(min(total, bounds.pages)):
            number = index + 1
            try:
                page = pdf[index]
                rotation = page.get_rotation() % 360
                textpage = page.get_textpage()
                items = max(textpage.count_chars(), pdfium.raw.FPDFPage_CountObjects(page.raw))
                if items > bounds.page_items:  # before glyphs and rules are built from them
                    raise ValueError(f"超出限制：{items} 个文字或对象 > {bounds.page_items} / limit exceeded: "
                                     f"{items} text items or objects > {bounds.page_items} (JUESUAN_LIMIT_PAGE_ITEMS)")
                glyphs, rotation = page_glyphs(page, textpage, rotation)
                rules = page_rules(page, rotation) if glyphs else []
                pictured = len(glyphs) < 20 and _image_share(page) >= 0.25
                textpage.close()
                page.close()
            except Exception as exc:
                doc.problems.append(f"第 {number} 页无法读取 / page {number} unreadable: {exc}")
                doc.pages.append(Page(number))
                continue
            doc.pages.append(Page(number, build_rows(glyphs, rules, number, grid_base=number * 100), pictured))
    finally:
        pdf.close()
    return doc


def _image_share(page) -> float:  # noqa: money-float-ok
    """The share of the page covered by image objects (bounding boxes, overlaps counted twice)."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    area = 0.0  # noqa: money-float-ok
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # a malformed image object covers nothing we can read
            continue
        area += max(0.0, right - left) * max(0.0, top - bottom)
    return area / max(width * height, 1.0)


def scanned_pages(doc: Document) -> list[int]:
    """Pages with (almost) no usable text layer: candidates for OCR. A text layer of mostly
    private-use characters (a font embedded without its Unicode map) is as good as none."""
    out = []
    for page in doc.pages:
        text = "".join(r.compact for r in page.rows)
        private = sum(1 for ch in text if 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd")
        if len(text) < 10 or private * 10 >= len(text) * 3:
            out.append(page.number)
    return out
