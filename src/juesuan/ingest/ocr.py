"""Scanned pages: rapidocr-onnxruntime text boxes + ruling lines found in the image.

Optional: ``pip install 'juesuan[ocr]'``. The detection/recognition models ship
inside the rapidocr wheel; nothing is downloaded at run time. Boxes are split
into per-character glyphs (CJK counted double width) so that a box spanning two
cells still lands in the right column bands of the grid.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

from .grid import Glyph, build_rows
from .pages import Document, Page, UnreadableFile

DPI = 150
POINTS = 72 / DPI  # noqa: money-float-ok (pixels → PDF points)
MAX_PIXELS = 40_000_000
_engine = None

PageProgress = Callable[[int, int], None]
"""Called after each page OCR has read: (pages done, pages to read). The caller draws; this layer never prints."""


def available() -> bool:
    return find_spec("rapidocr_onnxruntime") is not None and find_spec("cv2") is not None


def engine():
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR()
    return _engine


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Characters the recogniser returns for a look-alike that printed Chinese uses instead:
# "丶" (a radical, never written in running text) for the enumeration comma "、".
LOOK_ALIKES = str.maketrans({"丶": "、"})


def box_glyphs(text: str, x0: float, y0: float, x1: float, y1: float) -> list[Glyph]:  # noqa: money-float-ok
    """One OCR box → glyphs spread over its width in proportion to character widths."""
    chars = [c for c in text.translate(LOOK_ALIKES) if not c.isspace()]
    total = sum(_width(c) for c in chars) or 1
    step = (x1 - x0) / total
    glyphs, x = [], x0
    for char in chars:
        w = step * _width(char)
        glyphs.append(Glyph(char, x, y0, x + w, y1))
        x += w
    return glyphs


def image_rules(gray) -> list[tuple[float, float, float, float]]:  # noqa: money-float-ok
    """Horizontal and vertical ruling lines (as thin boxes, in points) by morphology."""
    import cv2

    binary = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    height, width = binary.shape
    boxes = []
    # Kernels longer than a character (≈22 px at 150 dpi) but shorter than a table row.
    for kernel_size, horizontal in ((max(width // 40, 30), True), (max(int(30 * DPI / 150), 12), False)):
        shape = (kernel_size, 1) if horizontal else (1, kernel_size)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        lines = cv2.dilate(cv2.erode(binary, kernel), kernel)
        contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            if horizontal:
                boxes.append((x * POINTS, (y + h / 2) * POINTS - 0.5, (x + w) * POINTS, (y + h / 2) * POINTS + 0.5))
            else:
                boxes.append(((x + w / 2) * POINTS - 0.5, y * POINTS, (x + w / 2) * POINTS + 0.5, (y + h) * POINTS))
    return boxes


def ocr_page(image, number: int) -> Page:
    """``image``: a PIL image of one page rendered at ``DPI``."""
    import numpy as np

    gray = np.asarray(image.convert("L"))
    # Table pages are upright: the angle classifier costs time and changes nothing here.
    result, _ = engine()(np.asarray(image.convert("RGB")), use_cls=False)
    glyphs: list[Glyph] = []
    for box, text, _score in result or []:
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        glyphs += box_glyphs(text, min(xs) * POINTS, min(ys) * POINTS, max(xs) * POINTS, max(ys) * POINTS)
    return Page(number, build_rows(glyphs, image_rules(gray), number, grid_base=number * 100, gap_factor=1.2))


def ocr_pdf(path: Path, pages: list[int] | None = None, progress: PageProgress | None = None) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:
        raise UnreadableFile(f"{path}: 无法打开 PDF / cannot open PDF: {exc}") from None
    doc = Document(str(path), "ocr")
    try:
        numbers = [n for n in range(1, len(pdf) + 1) if not pages or n in pages]
        if progress:
            progress(0, len(numbers))
        for done, number in enumerate(numbers, start=1):
            image = pdf[number - 1].render(scale=DPI / 72).to_pil()
            doc.pages.append(ocr_page(image, number))
            if progress:
                progress(done, len(numbers))
    finally:
        pdf.close()
    return doc


def ocr_images(paths: list[Path], progress: PageProgress | None = None) -> Document:
    from PIL import Image

    if not available():
        raise UnreadableFile(f"{paths[0]}: 图片需要 OCR：pip install 'juesuan[ocr]' / images need the ocr extra")
    doc = Document(str(paths[0]), "ocr")
    for number, path in enumerate(paths, start=1):
        try:
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise UnreadableFile(f"{path}: 图片过大 / image too large")
                doc.pages.append(ocr_page(image.copy(), number))
            if progress:
                progress(number, len(paths))
        except UnreadableFile:
            raise
        except Exception as exc:
            raise UnreadableFile(f"{path}: 无法读取图片 / cannot read image: {exc}") from None
    return doc
