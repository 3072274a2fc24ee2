"""HTML: one self-contained, accessible page (Jinja2), with inline SVG charts.

``lang="zh-CN"``, semantic headings (document level n → ``<h{n+1}>``), tables with
``<caption>``, ``<th scope>``, ``<thead>`` repeated when printed, print CSS for A4, and no
script or external resource of any kind. The Jinja2 template lays out the page only;
tables (``html_table``) and charts (``charts.svg``) are written in Python and passed in as
``Markup``, which keeps the first render (template compile included) fast.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..model import Disclosure
from ..narrative.document import Document
from ..narrative.templating import bytecode_cache
from . import charts as charts_module
from .cells import Grid
from .html_table import table_html
from .layout import LayoutOptions, grid_for, heading_is_table_title
from .registry import register
from .structure import structure_for, unit_table

CSS = Path(__file__).parent / "templates" / "document.css"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One Jinja2 environment (templates compiled once, and kept between runs)."""
    return Environment(loader=PackageLoader("juesuan.render", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                       lstrip_blocks=True, bytecode_cache=bytecode_cache())


def _sections(disclosure: Disclosure, document: Document) -> list[dict]:
    options = LayoutOptions.for_disclosure(disclosure)
    sections = []
    for index, section in enumerate(document.sections):
        grid: Grid | None = grid_for(disclosure, section.table, options) if section.table else None
        section_id = f"s{index}-{section.id}".replace(".", "-").replace(":", "-")
        units = unit_table(disclosure, section)  # SH-T: 序号 / 单位名称 / 备注 instead of a numbered list
        sections.append({
            "id": section_id,
            "section": section,
            "tag": f"h{min(max(section.level, 1), 3) + 1}",
            "show_heading": not (grid and heading_is_table_title(section.title, grid)),
            "grid": grid,
            "table": table_html(grid, section_id) if grid else None,
            "paragraphs": units[1] if units else section.paragraphs,
            "units": units[0] if units else None,
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
        structure=structure_for(disclosure.meta.profile),
    )
    Path(out_path).write_text(html, encoding="utf-8")
    return out_path
