"""Parse speed and accuracy: juesuan's reader vs pdfplumber on the same PDF; OCR s/page.

    python bench/parse_bench.py [PDF] [--example YAML] [--repeat 5] [--ocr]

Each method runs in its own process so its peak RSS (ru_maxrss, interpreter and
libraries included) is its own.
Accuracy: share of the example's non-zero table amounts recovered (multiset of
values found in table cells; pdfplumber has no model mapping, so values are the
fair common measure), and for juesuan also exact item-path equality.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT.parent / "shared/reference/pdf/shanghai-putuo-finance-bureau-2024-dept-final.pdf"
EXAMPLE = ROOT / "examples/shanghai-putuo-czj-2024.yaml"


def _expected(example: Path) -> dict[str, Decimal]:
    from juesuan import fileformat
    from juesuan.model import iter_table_cells

    return dict(iter_table_cells(fileformat.load(example)))


def _value_recall(values: list[Decimal], expected: dict[str, Decimal]) -> Decimal:
    want = Counter(v for v in expected.values() if v != 0)
    got = Counter(v for v in values if v != 0)
    return Decimal(sum((want & got).values())) / Decimal(sum(want.values()))


def run_juesuan(pdf: Path, repeat: int, queue) -> None:
    from juesuan.ingest.assemble import assemble
    from juesuan.ingest.pdf import load_pdf
    from juesuan.model import iter_table_cells

    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = load_pdf(pdf)
        disclosure, _ = assemble(doc)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    cells = dict(iter_table_cells(disclosure))
    queue.put(("juesuan (pypdfium2 + grid)", best, len(doc.pages), cells,
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def run_pdfplumber(pdf: Path, repeat: int, queue) -> None:
    import pdfplumber

    from juesuan.ingest.numbers import parse_amount

    best, values, pages = None, [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        values = []
        with pdfplumber.open(pdf) as document:
            pages = len(document.pages)
            for page in document.pages:
                page.extract_text()
                for table in page.extract_tables():
                    for row in table:
                        for cell in row:
                            value = parse_amount(cell or "x")
                            if value is not None and cell and "." in cell:
                                values.append(value)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    queue.put(("pdfplumber extract_text+extract_tables", best, pages, values,
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def run_ocr(pdf: Path, pages: list[int] | None, queue) -> None:
    from juesuan.ingest.assemble import assemble
    from juesuan.ingest.ocr import ocr_pdf
    from juesuan.model import iter_table_cells

    start = time.perf_counter()
    doc = ocr_pdf(pdf, pages)
    disclosure, _ = assemble(doc)
    elapsed = time.perf_counter() - start
    cells = dict(iter_table_cells(disclosure)) if disclosure else {}
    queue.put(("OCR rapidocr 150 dpi (CPU)", elapsed, len(doc.pages), cells,
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def fuzz(count: int, pdf: Path, seed_text: Path, work: Path) -> None:
    """Truncated/corrupted PDFs and zips, random bytes, shuffled/mangled text: no exception, bounded time."""
    import random

    from juesuan.ingest import read

    rng = random.Random(20261127)
    pdf_bytes = pdf.read_bytes()
    lines = seed_text.read_text(encoding="utf-8").splitlines() if seed_text.exists() else ["x"]
    import docx

    base = docx.Document()
    base.add_paragraph("收入决算表")
    table = base.add_table(rows=3, cols=3)
    for r, values in enumerate((["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "2,112.86"],
                                ["", "合计", "2,946.25"])):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    base.save(work / "fuzz-base.docx")
    docx_bytes = (work / "fuzz-base.docx").read_bytes()
    kinds = Counter()
    failures, slowest = [], (0.0, "")  # noqa: money-float-ok (seconds)
    for index in range(count):
        kind = ("pdf-truncated", "pdf-flipped", "random-bytes", "text-shuffled", "text-mangled",
                "zip-truncated")[index % 6]
        if kind == "pdf-truncated":
            data, suffix = pdf_bytes[: rng.randrange(len(pdf_bytes))], ".pdf"
        elif kind == "pdf-flipped":
            buffer = bytearray(pdf_bytes)
            for _ in range(rng.randrange(1, 200)):
                buffer[rng.randrange(len(buffer))] = rng.randrange(256)
            data, suffix = bytes(buffer), ".pdf"
        elif kind == "random-bytes":
            data, suffix = rng.randbytes(rng.randrange(1, 65536)), rng.choice([".pdf", ".docx", ".xlsx", ".txt", ""])
        elif kind == "text-shuffled":
            chosen = lines[:]
            rng.shuffle(chosen)
            data, suffix = "\n".join(chosen).encode(), ".txt"
        elif kind == "text-mangled":
            text = list("\n".join(lines))
            for _ in range(rng.randrange(1, 2000)):
                text[rng.randrange(len(text))] = rng.choice("\t\n0123456789.,，万元%（）类款项合计总计")
            data, suffix = "".join(text).encode(), ".txt"
        else:
            data, suffix = docx_bytes[: rng.randrange(1, len(docx_bytes))], ".docx"
        path = work / f"fuzz-{index}{suffix}"
        path.write_bytes(data)
        start = time.perf_counter()
        try:
            read(path, ocr=False)
        except Exception as exc:  # a crash is what this looks for
            failures.append(f"{kind} {path}: {type(exc).__name__}: {exc}")
        else:
            path.unlink()
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (elapsed, kind))
        kinds[kind] += 1
    print(f"fuzz: {count} inputs ({dict(kinds)}), crashes {len(failures)}, slowest {slowest[0]:.2f}s ({slowest[1]})")
    for failure in failures[:10]:
        print("  CRASH", failure)


def _in_process(target, *args):
    queue = mp.get_context("spawn").Queue()
    process = mp.get_context("spawn").Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdf", nargs="?", type=Path, default=PDF)
    parser.add_argument("--example", type=Path, default=EXAMPLE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--ocr", action="store_true", help="also OCR every page (slow: seconds per page)")
    parser.add_argument("--ocr-pages", default="", help="comma-separated page numbers to OCR (default all)")
    parser.add_argument("--fuzz", type=int, default=0, help="also read N corrupted/random inputs")
    args = parser.parse_args()
    if args.fuzz:
        import tempfile

        with tempfile.TemporaryDirectory() as work:
            fuzz(args.fuzz, args.pdf, ROOT.parent / "shared/seed/000_70eff566b52b1af5.txt", Path(work))
    expected = _expected(args.example) if args.example.exists() else {}
    rows = []
    for target, extra in ((run_juesuan, (args.repeat,)), (run_pdfplumber, (args.repeat,))):
        rows.append(_in_process(target, args.pdf, *extra))
    if args.ocr:
        pages = [int(p) for p in args.ocr_pages.split(",") if p] or None
        rows.append(_in_process(run_ocr, args.pdf, pages))
    print(f"{'method':42} {'ms/page':>9} {'peak RSS MB':>11} {'amounts':>8} {'exact cells':>12}")
    reference = None
    for name, seconds, pages, found, rss_kb in rows:
        values = list(found.values()) if isinstance(found, dict) else found
        recall = _value_recall(values, expected) if expected else Decimal(0)
        exact = ""
        if isinstance(found, dict) and expected:
            exact = f"{sum(1 for k, v in expected.items() if found.get(k) == v)}/{len(expected)}"
        ms = seconds / max(pages, 1) * 1000
        reference = reference or ms
        print(f"{name:42} {ms:9.1f} {rss_kb / 1024:11.1f} {recall * 100:7.1f}% {exact:>12}")
    if len(rows) >= 2:
        print(f"speed-up vs pdfplumber: {rows[1][1] / rows[0][1]:.1f}x")


if __name__ == "__main__":
    main()
