"""HTML: one self-contained, accessible page (Jinja2), with inline SVG charts.

``lang="zh-CN"``, semantic headings (document level n → ``<h{n+1}>``), tables with
``<caption>``, ``<th scope>``, ``<thead>`` repeated when printed, print CSS for A4, and no
script or external resource of any kind.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..model import Disclosure
from ..narrative.document import Document
from . import charts as charts_module
from .cells import Cell, Grid, Row
from .layout import LayoutOptions, grid_for, heading_is_table_title
from .registry import register

CSS = Path(__file__).parent / "templates" / "document.css"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One Jinja2 environment (templates compiled once per process)."""
    env = Environment(loader=PackageLoader("juesuan.render", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals["cell_tag"] = cell_tag
    env.filters["classes"] = cell_classes
    return env


def cell_tag(cell: Cell, row: Row, first: bool) -> str:
    """``th`` for header rows and the first label of a body row, ``td`` otherwise."""
    if row.kind == "head":
        return "th"
    return "th" if first and not cell.is_amount and cell.value is not None else "td"


def cell_classes(cell: Cell) -> str:
    classes = [f"a-{cell.align}"]
    if cell.is_amount:
        classes.append("num")
    if cell.bold:
        classes.append("b")
    return " ".join(classes)


def _sections(disclosure: Disclosure, document: Document) -> list[dict]:
    options = LayoutOptions.for_disclosure(disclosure)
    sections = []
    for index, section in enumerate(document.sections):
        grid: Grid | None = grid_for(disclosure, section.table, options) if section.table else None
        sections.append({
            "id": f"s{index}-{section.id}".replace(".", "-").replace(":", "-"),
            "section": section,
            "tag": f"h{min(max(section.level, 1), 3) + 1}",
            "show_heading": not (grid and heading_is_table_title(section.title, grid)),
            "grid": grid,
        })
    return sections


@register("html", suffix=".html")
def render_html(disclosure: Disclosure, document: Document, out_path: Path) -> Path:
    """One self-contained HTML page with inline SVG charts (no script, no CDN)."""
    env = _environment()
    charts = [(chart, Markup(charts_module.svg(chart))) for chart in charts_module.charts(disclosure)]
    html = env.get_template("document.html.j2").render(
        document=document, sections=_sections(disclosure, document), charts=charts,
        css=Markup(CSS.read_text(encoding="utf-8")), meta=disclosure.meta,
    )
    Path(out_path).write_text(html, encoding="utf-8")
    return out_path
