"""A page of a PDF as PNG, with the region a finding points at outlined (web desk, audit report).

The reader's provenance gives the cell's box in display space (points, top-down), so the
box scales straight onto the rendered image.
"""

from __future__ import annotations

import io
from pathlib import Path

SCALE = 1.5  # about 108 dpi: table digits legible in a browser


def page_png(path: Path, page: int, bbox: tuple[float, float, float, float] | None = None,  # noqa: money-float-ok
             crop: bool = False) -> bytes:
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    document = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(document):
            raise IndexError(page)
        image = document[page - 1].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    if bbox:
        x0, y0, x1, y1 = (round(v * SCALE) for v in bbox)
        draw = ImageDraw.Draw(image, "RGBA")
        draw.rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 3), outline=(200, 30, 30, 255), width=3,
                       fill=(255, 210, 0, 70))
        if crop:  # a thumbnail: the rows around the cell, full width
            top, bottom = max(0, y0 - 120), min(image.height, y1 + 120)
            image = image.crop((0, top, image.width, bottom))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
