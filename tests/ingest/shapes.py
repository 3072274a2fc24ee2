"""The text shapes a disclosure arrives in, made from one PDF, and their score against known cells.

Shapes: the PDF itself; pdfplumber's ``extract_text()``; ``pdftotext`` raw and ``-layout``
(poppler-utils, skipped when absent); the seed's shape (``seed-shape``: pdfplumber's tables as
tab-separated rows where they sit among the page's other lines, as the shared seed gives published
disclosures; with and without form feeds, and as a rougher extractor gives them: a header or a row
whose cells wrap split over two tab rows, empty trailing cells dropped, and ``seed-shape-rough``: all
of these without form feeds); PDFium's page text (what a browser's PDF viewer
copies); that text with every run of spaces made one (a viewer that keeps no alignment);
and, for our own documents, the HTML as a browser's ``innerText`` (cells joined by tabs)
and the DOCX/XLSX. Pages are joined by form feeds, as pdftotext does.

Score per shape, over the amounts the source prints (known cells that are not zero):
right, wrong (a value in a cell that is not its own, also a non-zero where the source has
zero), unread (provenance ``unread``, the table missing or read as unread as a whole) and zero (read as zero without
saying so: a silent zero, never acceptable).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from juesuan.ingest import read
from juesuan.model import Disclosure, iter_table_cells

SEED_SHAPES = ("seed-shape", "seed-shape-no-form-feed", "seed-shape-header-split", "seed-shape-wrapped-rows",
               "seed-shape-no-trailing-tabs", "seed-shape-rough")
PDF_SHAPES = ("pdf", "pdfplumber", *SEED_SHAPES, "pdftotext-raw", "pdftotext-layout", "viewer",
              "viewer-single-space")
OWN_SHAPES = ("html-innertext", "docx", "xlsx")


def _pdfplumber(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "\f".join(page.extract_text() or "" for page in document.pages)


def _tab_rows(rows: list[list[str | None]], variant: str) -> list[str]:
    """A table's rows as tab-separated lines (None → "", a cell's lines joined by a space), or as a
    rougher extractor gives them: ``header-split`` — the first row's wrapped cells over two rows;
    ``wrapped-rows`` — every row with a wrapped cell over two rows (first lines, then the rest);
    ``no-trailing-tabs`` — empty cells at a row's end dropped (several may be named at once)."""
    lines = []
    for i, row in enumerate(rows):
        cells = [(cell or "").split("\n") for cell in row]
        split = any(len(c) > 1 for c in cells) and ("wrapped-rows" in variant or "header-split" in variant and i == 0)
        parts = ([[c[0] for c in cells], [" ".join(c[1:]) for c in cells]] if split
                 else [[" ".join(c) for c in cells]])
        for part in parts:
            line = "\t".join(" ".join(cell.split()) for cell in part)
            lines.append(line.rstrip("\t") if "no-trailing-tabs" in variant else line)
    return lines


def seed_shape(pdf: Path, variant: str = "", form_feeds: bool = True) -> str:
    """The shape of the shared seed: per page, pdfplumber's ``extract_tables()`` rows joined by tabs,
    placed where each table sits among the page's other text lines (read outside the tables' boxes,
    amounts printed a little off their sentence's baseline kept on its line, as the seed has them)."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

            blocks = [(line["top"], [line["text"]])
                      for line in page.filter(outside).extract_text_lines(y_tolerance=6)]
            blocks += [(table.bbox[1], _tab_rows(table.extract(), variant)) for table in tables]
            blocks.sort(key=lambda block: block[0])
            pages.append("\n".join(line for _, lines in blocks for line in lines))
    return ("\f" if form_feeds else "\n").join(pages)


def _pdfium(pdf: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _pdftotext(pdf: Path, *flags: str) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


class _InnerText(HTMLParser):
    """Roughly ``document.body.innerText``: cells joined by tabs, rows and blocks by newlines."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "br", "caption",
              "figure", "figcaption"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.cell = False  # a cell of this row already written

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title", "desc"):  # an SVG's <title>/<desc> are not rendered
            self.skip += 1
        elif tag in ("td", "th"):
            self.parts.append("\t" if self.cell else "")
            self.cell = True
        elif tag in self.BLOCKS:
            self.parts.append("\n")
            self.cell = False

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title", "desc"):
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def inner_text(html: Path) -> str:
    parser = _InnerText()
    parser.feed(html.read_text(encoding="utf-8"))
    # a browser puts a tab after every cell but the last of its row, blank cells included
    lines = ["\t".join(c.strip() for c in line.split("\t")) for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line.strip())


def write_shapes(pdf: Path, directory: Path, own: dict[str, Path] | None = None) -> dict[str, Path]:
    """Every shape of ``pdf`` (and of our own ``own`` html/docx/xlsx) as a file under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = {"pdfplumber": _pdfplumber(pdf), "pdftotext-raw": _pdftotext(pdf, "-raw"),
             "pdftotext-layout": _pdftotext(pdf, "-layout"), "viewer": _pdfium(pdf)}
    texts["viewer-single-space"] = re.sub(r"[ \t\u3000]+", " ", texts["viewer"])
    texts["seed-shape"] = seed_shape(pdf)
    texts["seed-shape-no-form-feed"] = seed_shape(pdf, form_feeds=False)
    for variant in ("header-split", "wrapped-rows", "no-trailing-tabs"):
        texts[f"seed-shape-{variant}"] = seed_shape(pdf, variant)
    texts["seed-shape-rough"] = seed_shape(pdf, "wrapped-rows no-trailing-tabs", form_feeds=False)
    paths = {"pdf": pdf}
    for name, text in texts.items():
        if text is not None:
            paths[name] = directory / f"{pdf.stem}.{name}.txt"
            paths[name].write_text(text, encoding="utf-8")
    for kind, source in (own or {}).items():
        if kind == "html":
            paths["html-innertext"] = directory / f"{pdf.stem}.html-innertext.txt"
            paths["html-innertext"].write_text(inner_text(source), encoding="utf-8")
        else:
            paths[kind] = source
    return paths


@dataclass
class Score:
    printed: int = 0
    right: int = 0
    wrong: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)
    unread: int = 0
    zero: list[str] = field(default_factory=list)

    def row(self, name: str) -> list[object]:
        share = f"{Decimal(100 * self.right) / Decimal(max(self.printed, 1)):.1f}%"
        return [name, self.printed, self.right, share, len(self.wrong), self.unread, len(self.zero)]


HEADER = ["shape", "printed amounts", "placed right", "right %", "placed wrong", "unread", "silent zero"]


def score(expected: dict[str, Decimal], disclosure: Disclosure | None) -> Score:
    s = Score(printed=sum(1 for v in expected.values() if v))
    if disclosure is None:
        s.zero = [k for k, v in expected.items() if v]
        return s
    got = dict(iter_table_cells(disclosure))
    missing = {key for key in type(disclosure.tables).model_fields
               if getattr(getattr(disclosure.tables, key), "missing", False)}
    # a table the reader treats as unread as a whole (``Disclosure.reading``)
    missing |= {n.table for n in getattr(disclosure, "reading", ()) if n.kind == "table" and n.table}
    for path, want in expected.items():
        value = got.get(path)
        unknown = (path.split(".")[0] in missing
                   or getattr(disclosure.provenance.get(path), "kind", None) == "unread")
        if value is not None and value == want and want:
            s.right += 1
        elif value is not None and value != 0 and value != want:
            s.wrong.append((path, want, value))
        elif want and unknown:
            s.unread += 1
        elif want:
            s.zero.append(path)
    # cells the reader made up (rows the source does not have)
    s.wrong += [(p, Decimal(0), v) for p, v in got.items() if p not in expected and v]
    return s


def score_file(expected: dict[str, Decimal], path: Path) -> Score:
    disclosure, _ = read(path)
    return score(expected, disclosure)


def finding_keys(disclosure: Disclosure | None) -> set[tuple]:
    """The 错误/警告 ``juesuan check`` gives, keyed by what does not depend on the text shape
    (rule, severity and the item, section, project or indicator it names — not the page)."""
    from juesuan.checks import check

    if disclosure is None:
        return set()
    def plain(text: str | None) -> str | None:  # （站） and (站), "2019—2020 年度" and "2019—2020年度"
        return None if text is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    keys = set()
    for f in check(disclosure).findings:
        if f.severity in ("错误", "警告"):
            at = f.location
            keys.add((f.rule_id, f.severity, at.item, plain(at.section), plain(at.project), plain(at.indicator)))
    return keys
