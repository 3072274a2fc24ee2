"""The page image lives in ``juesuan.render.pageimage`` (the audit report uses it too)."""

from ..render.pageimage import SCALE, page_png

__all__ = ["SCALE", "page_png"]
