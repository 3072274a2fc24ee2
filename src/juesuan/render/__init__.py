"""Renderers: DOCX, XLSX, PDF (typst) and HTML, all drawing the same layout grids.

Every format registers in one registry (``registry.register``), built-ins exactly as a
third-party package would; ``render(format, disclosure, document, out_path)`` picks one.
"""

from .registry import Renderer, UnknownFormatError, formats, get, load_plugins, register, render

# Built-in formats register themselves on import, through the same decorator as plugins.
from . import docx as _docx  # noqa: E402,F401
from . import xlsx as _xlsx  # noqa: E402,F401
from . import pdf as _pdf  # noqa: E402,F401
from . import html as _html  # noqa: E402,F401

__all__ = ["Renderer", "UnknownFormatError", "formats", "get", "load_plugins", "register", "render"]
