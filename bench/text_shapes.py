"""Every text shape of the Shanghai PDF and of our PDFs of both examples, scored against known cells.

    python bench/text_shapes.py [--keep DIR] [--variety [VARIANT ...]]

Shapes: those of tests/ingest/shapes.py — the PDF, pdfplumber, pdftotext raw/-layout, a viewer's
copy, the seed's shape (tables as tab rows among the text lines, and its rougher variants), and for
our documents the HTML's innerText, DOCX and XLSX.

``--variety``: the PDFs of the layout-variety corpus (tests/ingest/variety) instead, known cells
from the source each was written from.

Known cells: the examples' YAML cells for our documents; for the shared Shanghai PDF, the
cells read from the PDF itself (its read is exact). Per shape: printed amounts (known cells
that are not zero), placed right, placed wrong, unread (said so) and silent zeros
(tests/ingest/shapes.py). And ``juesuan check`` on each shape against the PDF's own: the
错误/警告 it gives that the PDF's check does not (extra) and those it misses (missing); both
should be 0 — a finding caused by reading is a reading mistake.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHANGHAI_PDF = ROOT.parent / "shared/reference/pdf/shanghai-putuo-finance-bureau-2024-dept-final.pdf"
EXAMPLES = ("shanghai-putuo-czj-2024", "urumqi-iit-2022")


def sources(directory: Path):
    """(name, pdf, known cells, our html/docx/xlsx) for the Shanghai PDF and our two examples."""
    from juesuan import fileformat
    from juesuan.ingest import read
    from juesuan.narrative import compose
    from juesuan.render.package import render_package
    from juesuan.model import iter_table_cells

    if SHANGHAI_PDF.exists():
        yield "shanghai-pdf", SHANGHAI_PDF, dict(iter_table_cells(read(SHANGHAI_PDF)[0])), {}
    for stem in EXAMPLES:
        disclosure = fileformat.load(ROOT / "examples" / f"{stem}.yaml")
        out = {o.name: o.path for o in render_package(("pdf", "html", "docx", "xlsx"), disclosure,
                                                      compose(disclosure), directory / stem)}
        yield stem, out.pop("pdf"), dict(iter_table_cells(disclosure)), out


def variety_sources(directory: Path, only: list[str]):
    """(name, pdf, known cells, {}) for each PDF of the layout-variety corpus (tests/ingest/variety):
    typst PDFs of our two examples in other layouts (portrait, 元, 续表, tables flowing, no ruling
    lines, overflowing amounts), known cells from the source the variant was written from."""
    from juesuan.model import iter_table_cells
    from tests.ingest.variety.variants import VARIANTS

    for variant in VARIANTS:
        if variant.fmt == "pdf" and (not only or variant.name in only):
            folder = directory / variant.name
            folder.mkdir(parents=True, exist_ok=True)
            yield variant.name, variant.write(folder), dict(iter_table_cells(variant.disclosure())), {}


def print_projects(name: str, read_shapes: list) -> None:
    """Second table, for our examples: the 自评表 per shape against the example's YAML — projects and
    indicator rows read right (every field equal, whitespace-insensitive), numbers only (texts unknown,
    every other field equal: a form read without positions), wrong, and unread (not kept); a project
    is right when every field it holds equals the example's;
    and whether the reader marked the list incomplete (``performance.projects`` provenanced unread)."""
    import re
    import unicodedata
    from decimal import Decimal

    from common import print_table
    from juesuan import fileformat

    path = ROOT / "examples" / f"{name}.yaml"
    expected = fileformat.load(path).performance.projects if path.exists() else ()
    if not expected:
        return

    def plain(value):
        """Text NFKC without whitespace, amounts as numbers (5 = 5.0); goals and notes not compared."""
        if hasattr(value, "model_dump"):
            value = value.model_dump(exclude={"goal_expected", "goal_actual", "notes", "grade"})
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, Decimal):
            return value.normalize()
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value

    texts = ("name", "target", "actual", "deviation_reason")

    def known(have, want):
        """``want`` with the texts ``have`` holds unknown (None: read from numbers only) left out."""
        pairs = zip(have.indicators, want.indicators)
        rows = tuple(w.model_copy(update=dict.fromkeys(texts)) if h.weight is not None and
                     all(getattr(h, f) is None for f in texts) else w for h, w in pairs)
        return want.model_copy(update={"indicators": rows + want.indicators[len(rows):]})

    rows = []
    for shape, disclosure in read_shapes:
        got = {plain(p.name): p for p in (disclosure.performance.projects if disclosure else ())}
        counts = [0] * 7  # projects right/wrong/unread, indicators right/texts unknown/wrong/unread
        for want in expected:
            have = got.get(plain(want.name))
            if have is None:
                counts[2] += 1
                counts[6] += len(want.indicators)
                continue
            counts[0 if plain(have) == plain(known(have, want)) else 1] += 1
            pairs = list(zip(have.indicators, known(have, want).indicators))
            right = sum(plain(a) == plain(b) for a, b in pairs)
            unknown = sum(plain(a) == plain(b) and a.weight is not None and all(getattr(a, f) is None for f in texts)
                          for a, b in pairs)
            counts[3] += right - unknown
            counts[4] += unknown
            counts[5] += len(pairs) - right + abs(len(have.indicators) - len(want.indicators))
        source = disclosure.provenance.get("performance.projects") if disclosure else None
        rows.append([shape, *counts, "yes" if source is not None and source.kind == "unread" else "no"])
    print_table(f"{name} 自评表", ["shape", "projects right", "wrong", "unread", "indicators right",
                                  "numbers only", "wrong", "unread", "list unread"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the shapes here (default: a temporary folder)")
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong cells and silent zeros")
    parser.add_argument("--variety", nargs="*", metavar="VARIANT",
                        help="the variety corpus's PDFs instead of ours (all, or the variants named)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    sys.path.insert(0, str(ROOT / "bench"))
    import shapes
    from common import print_table
    from juesuan.ingest import read

    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        documents = sources(directory) if args.variety is None else variety_sources(directory, args.variety)
        for name, pdf, expected, own in documents:
            rows, reference, read_shapes = [], None, []
            for shape, path in shapes.write_shapes(pdf, directory / name, own).items():
                disclosure, _ = read(path)
                read_shapes.append((shape, disclosure))
                s = shapes.score(expected, disclosure)
                found = shapes.finding_keys(disclosure)
                reference = found if reference is None else reference  # the PDF comes first
                extra, missing = sorted(found - reference, key=str), sorted(reference - found, key=str)
                rows.append(s.row(shape) + [len(extra), len(missing)])
                for item in (s.wrong[:args.show] + [(z, "silent zero") for z in s.zero[:args.show]]
                             + [("extra finding", k) for k in extra[:args.show]]
                             + [("missing finding", k) for k in missing[:args.show]]):
                    print("  ", shape, *item)
            print_table(name, shapes.HEADER + ["findings extra", "findings missing"], rows)
            if args.variety is None:
                print_projects(name, read_shapes)


if __name__ == "__main__":
    main()
