"""Every text shape of the Shanghai PDF and of our PDFs of both examples, scored against known cells.

    python bench/text_shapes.py [--keep DIR]

Shapes: those of tests/ingest/shapes.py — the PDF, pdfplumber, pdftotext raw/-layout, a viewer's
copy, the seed's shape (tables as tab rows among the text lines, and its rougher variants), and for
our documents the HTML's innerText, DOCX and XLSX.

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the shapes here (default: a temporary folder)")
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong cells and silent zeros")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    sys.path.insert(0, str(ROOT / "bench"))
    import shapes
    from common import print_table
    from juesuan.ingest import read

    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        for name, pdf, expected, own in sources(directory):
            rows, reference = [], None
            for shape, path in shapes.write_shapes(pdf, directory / name, own).items():
                disclosure, _ = read(path)
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


if __name__ == "__main__":
    main()
