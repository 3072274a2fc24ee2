"""PDF via typst: the document and its grids go to ``templates/document.typ`` as JSON.

Data is never spliced into markup: the template reads ``sys.inputs.data`` with
``json(bytes(...))`` and prints strings as text. Fonts: for each role the first installed
family of its list — an official font found in ``$JUESUAN_FONT_DIRS`` or the user's font
folder, else Noto CJK (``style.font_search_dirs``) — subset-embedded by typst; headings and
table titles become PDF bookmarks; rows never split across pages; header rows repeat.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict
from pathlib import Path

import typst

from ..model import Disclosure
from ..narrative.document import Document
from . import style as S
from .cells import Cell, Grid, Row, head, label, placed
from .flow import blocks
from .headbreak import break_head, is_head
from .layout import LayoutOptions, grid_for, heading_is_table_title
from .pdf_fit import Setting, setting
from .registry import register
from .structure import structure_for, unit_table

TEMPLATE = Path(__file__).parent / "templates" / "document.typ"


class FontsMissingError(RuntimeError):
    """No CJK font: the PDF would print tofu. Install fonts-noto-cjk (``make fonts``)."""


class _Engine:
    """typst's font book and compiler, made once per process.

    Scanning the Noto CJK collections (~90 MB) and loading the faces a document uses take
    about a quarter of a first PDF build (0.33 s → 0.25 s with the warm-up); ``warm_up`` does both in a thread while the caller
    loads and composes (typst releases the GIL). Locks make the first use and every
    compile safe from any thread: a typst ``Compiler`` compiles one document at a time."""

    def __init__(self) -> None:
        self._made = threading.Lock()
        self.compiling = threading.Lock()
        self._state: tuple[typst.Fonts, frozenset[str], typst.Compiler] | None = None
        self._warming: threading.Thread | None = None

    def get(self) -> tuple[typst.Fonts, frozenset[str], typst.Compiler]:
        with self._made:
            if self._state is None:
                dirs, everything = S.font_search_dirs()
                fonts = typst.Fonts(include_system_fonts=everything, include_embedded_fonts=True,
                                    font_paths=[str(d) for d in dirs])
                available = frozenset(family.lower() for family in fonts.families())
                compiler = typst.Compiler(TEMPLATE, root=TEMPLATE.parent, font_paths=fonts)
                self._state = (fonts, available, compiler)
            return self._state

    def compile(self, payload: str) -> bytes:
        compiler = self.get()[2]
        with self.compiling:
            return compiler.compile(format="pdf", sys_inputs={"data": payload})

    def warm_up(self) -> None:
        """Start (once) a daemon thread that scans the fonts and compiles a one-page sample
        using every font role, so the font files are read before the real build."""
        with self._made:
            if self._warming is not None or self._state is not None:
                return
            self._warming = threading.Thread(target=self._warm, name="juesuan-typst-warm-up", daemon=True)
        self._warming.start()

    def _warm(self) -> None:
        try:
            self.compile(json.dumps(_sample_data(), ensure_ascii=False))
        except Exception:  # noqa: BLE001 - a warm-up only; the real build reports any problem
            pass


_ENGINE = _Engine()
warm_up = _ENGINE.warm_up


def _families(role: S.FontRole, available: frozenset[str]) -> list[str]:
    found = [name for name in role.families if name.lower() in available]
    if not found:
        raise FontsMissingError(
            f"没有可用的中文字体 / no CJK font among {role.families}; "
            "请安装 fonts-noto-cjk / install Debian fonts-noto-cjk")
    return found


def font_table() -> dict[str, list[str]]:
    """Each font role → the installed families of its fallback list, in order."""
    available = _ENGINE.get()[1]
    roles = {"title": S.TITLE, "body": S.BODY, "h1": S.HEADING[1], "h2": S.HEADING[2],
             "h3": S.HEADING[3], "table": S.TABLE, "table_head": S.TABLE_HEAD, "page": S.PAGE_NUMBER}
    return {name: _families(role, available) for name, role in roles.items()}


def _sample_data() -> dict:
    """A one-page document in the shape of ``document_data`` that sets text in every font
    role, plain and bold, and one small table (the warm-up's input)."""
    grid = Grid(key="warm-up", code="", title="表", widths=(1, 1), landscape=False,
                header=(Row((head("项目"), head("金额")), kind="head"),),
                body=(Row((label("合计", bold=True), label("1.00", align="right"))),))
    section = {"title": "一、概况", "level": 1, "show_heading": True,
               "paragraphs": [{"text": "说明", "placeholder": False}], "grid": grid_data(grid)}
    sub = [{"title": title, "level": level, "show_heading": True, "paragraphs": [], "grid": None}
           for level, title in ((2, "（一）"), (3, "1."))]
    return {"title": "决算", "subtitle": "2022", "fonts": font_table(),
            "blocks": [{"landscape": False, "break": False, "sections": [section, *sub]}]}


def _cell(cell: Cell) -> dict:
    return {"t": cell.text(), "cs": cell.colspan, "rs": cell.rowspan, "a": cell.align,
            "b": cell.bold}


def _rows(rows: tuple[Row, ...]) -> list[dict]:
    return [{"kind": row.kind, "cells": [_cell(c) for c in row.cells]} for row in rows]


def _head_rows(grid: Grid, setting: Setting, rows: tuple[Row, ...] | None = None) -> list[dict]:
    """Rows (the header by default) as JSON with each header cell's words kept whole
    (headbreak.py): the characters a line of the cell holds follow from its columns' share of
    the text width, less the insets. Header cells are those of head rows and the form labels
    of a 自评表 (``headbreak.is_head``)."""
    rows = grid.header if rows is None else rows
    out = _rows(rows)
    width_pt = (S.PAGE_MM[1] - 72 if grid.landscape else S.PAGE_MM[0] - 54) * 72 / 25.4  # document.typ margins
    total = sum(grid.widths)
    cells = [cell for row in out for cell in row["cells"]]
    for (r, c, cell), data in zip(placed(rows, len(grid.widths)), cells):
        if is_head(cell, rows[r].kind):
            column_pt = width_pt * sum(grid.widths[c:c + cell.colspan]) / total - 2 * setting.inset_x
            data["t"] = break_head(data["t"], int(column_pt // setting.size))  # noqa: money-float-ok (points)
    return out


def _placed(out: list[dict], columns: int) -> list[tuple[int, int, dict]]:
    """(row, column, cell) of JSON rows, spans resolved as ``cells.placed`` does."""
    occupied: set[tuple[int, int]] = set()
    found = []
    for r, row in enumerate(out):
        c = 0
        for cell in row["cells"]:
            while (r, c) in occupied:
                c += 1
            found.append((r, c, cell))
            occupied.update((r + dr, c + dc) for dr in range(cell["rs"]) for dc in range(cell["cs"]))
            c += cell["cs"]
    return found


def _cut(out: list[dict], columns: int, at: int, *, text_below: bool) -> None:
    """Cut every cell spanning down across the top of row ``at`` into two cells, the upper
    open at the bottom, the lower open at the top (no rule at the cut). ``text_below``: the
    lower part takes the text and is set as a header cell (a label cut at a repeated header
    row); otherwise the upper part keeps it (a label cut above the rows kept with the end)."""
    where = _placed(out, columns)
    at_row = [c for r, c, _ in where if r == at]
    lowers = []
    for r, c, cell in where:
        if not r < at < r + cell["rs"]:
            continue
        sides = cell.get("open", [])
        lower = {**cell, "rs": r + cell["rs"] - at, "open": [*(s for s in sides if s != "top"), "top"]}
        cell.update(rs=at - r, open=[*(s for s in sides if s != "bottom"), "bottom"])
        if text_below:
            lower["h"] = True
            cell["t"] = ""
        else:
            lower["t"] = ""
        lowers.append((c, lower))
    for c, lower in sorted(lowers, key=lambda item: item[0], reverse=True):
        out[at]["cells"].insert(sum(1 for column in at_row if column < c), lower)


def _body_rows(rows: tuple[Row, ...], columns: int, grid: Grid | None = None,
               setting: Setting | None = None) -> list[dict]:
    """Body rows as JSON. A header row inside the body (the 自评表's 一级指标 … row) repeats
    on continuation pages (``repeat``). A repeated header cannot share a cell with the body,
    so a label of that row spanning down (年度绩效指标完成情况) is cut there: a blank header
    cell open at the bottom, and below it, open at the top, the label (``h``: set as a header
    cell) over the rest of its rows — the header row keeps its one-line height, as printed
    in the seed, where the label sits beside the indicators, not in the header line."""
    out = _head_rows(grid, setting, rows) if grid is not None and setting is not None else _rows(rows)
    for r, row in enumerate(rows):
        if row.kind == "head" and r < len(rows) - 1:
            out[r]["repeat"] = True
            _cut(out, columns, r + 1, text_below=True)
    return out


TAIL_ROWS = 2
"""Rows kept with a table's end: a page never holds one orphan row (or only the 注)."""


def _tail(grid: Grid) -> int:
    """How many last body rows close the table together (its footer, with the notes): two, or
    fewer where a header row would be among them or the body is shorter."""
    body = grid.body
    count = 0
    while count < min(TAIL_ROWS, len(body)) and body[len(body) - 1 - count].kind != "head":
        count += 1
    return count if len(body) > count else 0  # a body of one or two rows: nothing to keep apart


def grid_data(grid: Grid, above: float = 0) -> dict:
    """A grid as plain JSON (texts already formatted as printed); ``above``: pt of headings
    on its page before it. The last rows and the notes are the table's footer, never split:
    no page holds one orphan row or a note alone. A label spanning into them is cut above."""
    tail = _tail(grid)
    chosen = setting(grid, above)
    columns = len(grid.widths)
    body = _body_rows(grid.body, columns, grid, chosen)
    if tail:
        _cut(body, columns, len(body) - tail, text_below=False)
    return {
        "title": grid.title, "subtitle": grid.subtitle, "unit": grid.unit, "note": grid.note,
        "empty_note": grid.empty_note, "landscape": grid.landscape, "widths": list(grid.widths),
        "dense": bool(grid.meta_rows),  # a form (自评表), see document.typ
        "size": chosen.size, "leading": chosen.leading,
        "inset": {"x": chosen.inset_x, "y": chosen.inset_y},
        "continued": _continued(grid),
        "meta": _head_rows(grid, chosen, grid.meta_rows), "header": _head_rows(grid, chosen),
        "body": body[:len(body) - tail], "tail": body[len(body) - tail:],
    }


def _continued(grid: Grid) -> dict | None:
    """What a 自评表's continuation pages print above it: 续表 and the project's name."""
    if not grid.meta_rows or not grid.meta_rows[0].cells:
        return None
    cells = grid.meta_rows[0].cells  # 项目名称 | name
    name = cells[1].text() if len(cells) > 1 else ""
    # Bracketed like the first page's （2022年度）: a line opening with 项目名称 starts a form
    # for a reader (ingest/performance.py), and this is no new form.
    return {"title": f"{grid.title}（续表）", "name": f"（{cells[0].text()}：{name}）" if name else ""}


def _section_data(section, grid: Grid | None, above: float = 0, units=None) -> dict:
    paragraphs = units[1] if units else section.paragraphs
    return {
        "title": section.title, "level": min(max(section.level, 1), 3),
        "show_heading": not (grid and heading_is_table_title(section.title, grid)),
        "paragraphs": [{"text": p.text, "placeholder": p.placeholder} for p in paragraphs],
        "grid": grid_data(grid, above) if grid else None,
        "units": units[0] if units else None,
    }


def document_data(disclosure: Disclosure, document: Document) -> dict:
    """Everything the template prints, as JSON-ready data, grouped into page-flow blocks."""
    options = LayoutOptions.for_disclosure(disclosure)
    grids: dict[str, Grid] = {}

    def grid_of(section) -> Grid | None:
        if section.table and section.table not in grids:
            grids[section.table] = grid_for(disclosure, section.table, options)
        return grids.get(section.table) if section.table else None

    # A heading kept with the table on its page (flow.blocks) takes about 42 pt of it.
    flow = [{"landscape": block.landscape, "break": block.starts_page,
             "sections": [_section_data(s, grid_of(s), 42 * index, unit_table(disclosure, s))
                          for index, s in enumerate(block.sections)]}
            for block in blocks(document.sections, grid_of)]
    structure = structure_for(disclosure.meta.profile)
    return {"title": document.title, "subtitle": document.subtitle, "fonts": font_table(),
            "blocks": flow, "draft": document.draft,
            "structure": {**asdict(structure), "unit_line": structure.unit_text(disclosure)},
            "keywords": [f"juesuan build --force: {document.forced}"] if document.forced else []}


@register("pdf", suffix=".pdf", prepare=warm_up, concurrent=True)
def render_pdf(disclosure: Disclosure, document: Document, out_path: Path) -> Path:
    """PDF (typst): embedded Noto CJK fonts, bookmarks per section, repeated table headers."""
    payload = json.dumps(document_data(disclosure, document), ensure_ascii=False)
    pdf = _ENGINE.compile(payload)
    Path(out_path).write_bytes(pdf)
    return out_path
