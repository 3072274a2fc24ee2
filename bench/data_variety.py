"""Reading documents we have never seen: disclosures that differ from our examples in their data,
read back from our PDF and from its text shapes.

    .venv/bin/python bench/data_variety.py --count 10              # 10 disclosures (5 of each example)
    .venv/bin/python bench/data_variety.py --count 40 --seed 100 --show 5
    .venv/bin/python bench/data_variety.py --count 4 --shapes pdftotext-layout,viewer --out /tmp/dv

Each disclosure (``tests/ingest/data_variety.py``): one of our examples' department, wording and
layout profile with new tables drawn from a seed — other 功能分类 rows (one to eight 类, deep 项
lists, long names), amounts from 0.01 to tens of millions 万元, blank sources, 公开07 all zero or
one item, empty 公开08, 公开06 long or short — every identity kept (totals summed from the
leaves), real codes and names only, its 说明 composed from the data. Rendered to PDF as
``juesuan build`` does, then read from the PDF and each text shape of tests/ingest/shapes.py.

Per shape, summed over the disclosures: printed amounts (cells not zero), placed right, placed wrong,
unread (said so), silent zeros, and ``juesuan check``'s 错误/警告 beyond (extra) or missing from the
data's own check (keyed without the section, which only a read document has). Wrong cells, silent
zeros and extra findings are reader (or generator) bugs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import print_table  # noqa: E402
from tests.ingest.data_variety import EXAMPLES, read_shapes  # noqa: E402

HEADER = ["shape", "documents", "printed amounts", "placed right", "right %", "placed wrong", "unread",
          "silent zero", "findings extra", "findings missing", "documents all right"]


def rows(outcomes: dict[str, list]) -> list[list[object]]:
    table = []
    for shape, os in outcomes.items():
        printed = sum(o.score.printed for o in os)
        right = sum(o.score.right for o in os)
        table.append([shape, len(os), printed, right, f"{100 * right / max(printed, 1):.1f}%",
                      sum(len(o.score.wrong) for o in os), sum(o.score.unread for o in os),
                      sum(len(o.score.zero) for o in os), sum(len(o.extra) for o in os),
                      sum(len(o.missing) for o in os),
                      sum(o.score.right == o.score.printed and not o.score.wrong and not o.extra for o in os)])
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="disclosures, alternating the examples (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first disclosure (then +1 each)")
    parser.add_argument("--examples", default=",".join(EXAMPLES))
    parser.add_argument("--shapes", help="only these text shapes (comma-separated; the PDF is always read)")
    parser.add_argument("--show", type=int, default=0,
                        help="per disclosure and shape, up to N wrong cells, silent zeros, extra/missing findings")
    parser.add_argument("--unread", action="store_true", help="with --show: list unread counts per disclosure")
    parser.add_argument("--out", type=Path, help="keep the PDFs and text shapes here (default: a temporary folder)")
    args = parser.parse_args(argv)
    stems = args.examples.split(",")
    shapes = tuple(args.shapes.split(",")) if args.shapes else None
    start = time.perf_counter()
    totals: dict[str, list] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.out or Path(tmp)
        for i in range(args.count):
            stem, seed = stems[i % len(stems)], args.seed + i
            for o in read_shapes(stem, seed, directory, shapes):
                totals[o.shape].append(o)
                s = o.score
                items = ([("wrong", p, f"{got} (is {want})") for p, want, got in s.wrong]
                         + [("silent zero", p, "") for p in s.zero]
                         + [("extra finding", *k[:1], k[2]) for k in o.extra]
                         + [("missing finding", *k[:1], k[2]) for k in o.missing])
                if args.show and (items or args.unread and s.unread):
                    print(f"{o.name:14} {o.shape:26} right {s.right}/{s.printed} unread {s.unread}")
                    for item in items[:args.show]:
                        print("   ", *item)
    print_table(f"{args.count} disclosures (seeds {args.seed}–{args.seed + args.count - 1}), "
                "against the data's cells and the data's own check", HEADER, rows(totals))
    print(f"\n{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
