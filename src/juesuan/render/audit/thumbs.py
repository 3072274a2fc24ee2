"""Thumbnails of the page region a finding points at, made once per report for every format.

A finding gets one when the checked file is a PDF and the reader kept the box of the finding's
cell on the finding's own page (``Audit.boxes``). The HTML, the DOCX and the PDF report print the
same pictures: they all ask ``Thumbnails`` in the same (document) order, so the same findings
get one when ``MAX_THUMBNAILS`` cuts the list short.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Audit

MAX_THUMBNAILS = 80  # a report stays a few MB at most


@dataclass(frozen=True)
class Thumbnail:
    page: int
    png: bytes
    width: int  # pixels (pageimage.SCALE: 1.5 px per point)
    height: int


class Thumbnails:
    """``thumbnails(finding) -> Thumbnail | None``, each page region rendered once."""

    def __init__(self, audit: "Audit") -> None:
        self.audit = audit
        source = audit.source
        self.ok = source is not None and source.suffix.lower() == ".pdf" and source.exists()
        self._chosen: dict[int, tuple[int, tuple]] | None = None
        self._made: dict[tuple, Thumbnail | None] = {}

    def _box(self, finding: dict[str, Any]) -> tuple[int, tuple] | None:
        loc = finding.get("location", {})
        box = self.audit.boxes.get(loc.get("item") or "")
        return box if box and box[0] == loc.get("page") else None

    def _choose(self) -> dict[int, tuple[int, tuple]]:
        chosen: dict[int, tuple[int, tuple]] = {}
        if self.ok:
            for group in self.audit.groups():
                for finding in group.findings:
                    box = self._box(finding)
                    if box and len(chosen) < MAX_THUMBNAILS:
                        chosen[id(finding)] = box
        return chosen

    def __call__(self, finding: dict[str, Any]) -> Thumbnail | None:
        if self._chosen is None:
            self._chosen = self._choose()
        box = self._chosen.get(id(finding))
        if box is None:
            return None
        key = (box[0], tuple(box[1]))
        if key not in self._made:
            self._made[key] = self._render(*key)
        return self._made[key]

    def _render(self, page: int, bbox: tuple) -> Thumbnail | None:
        import io

        from PIL import Image

        from ..pageimage import page_png

        try:
            png = page_png(self.audit.source, page, bbox, crop=True)  # type: ignore[arg-type]
            with Image.open(io.BytesIO(png)) as image:
                width, height = image.size
        except Exception:  # a damaged page: the page link still works, the picture is only a help
            return None
        return Thumbnail(page, png, width, height)
