"""Do real defects survive reading from text shapes? One printed amount of an example changed
(as ``mutate_all`` changes it: "+0.02", "+1%"), the mutant's tables rendered to PDF with the
original's narrative (defective as published), read from the PDF and from its text shapes.

    .venv/bin/python bench/shape_mutations.py --every 15          # every 15th printed non-zero cell (~6.5 min)
    .venv/bin/python bench/shape_mutations.py --every 15 --misses # and each mutant a shape misses
    .venv/bin/python bench/shape_mutations.py --every 40 --examples shanghai-putuo-czj-2024 --shapes viewer

Per shape (``tests/ingest/shape_mutants.py``): mutants; detected (a 错误/警告 the unchanged
document's read of the same shape does not have, naming the changed cell or a total holding it);
missed here though the PDF detects it, and of those the ones whose changed cell was read right (a
defect read and not flagged: the worst miss); new 错误/警告 that name other cells only; the changed
cell left unread; amounts in a wrong cell against the mutant and silent zeros (summed over the
mutants; both must be 0). Row "data": the mutant's own model checked, no reading (what the rules
can see at all).
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
from juesuan.checks.mutation import MUTATIONS  # noqa: E402
from tests.ingest.shape_mutants import DEFAULT_SHAPES, EXAMPLES, TEXT_SHAPES, Example  # noqa: E402

HEADER = ["shape", "mutants", "detected", "PDF detects, shape not", "of which cell read", "other findings only",
          "cell unread", "wrong cells", "silent zeros"]


def rows(outcomes: dict[str, list]) -> list[list[object]]:
    pdf = {(o.path, o.mutation): o.detected for o in outcomes.get("pdf", ())}
    table = []
    for shape, os in outcomes.items():
        table.append([shape, len(os), sum(o.detected for o in os),
                      "—" if shape in ("pdf", "data") else sum(pdf[o.path, o.mutation] and not o.detected for o in os),
                      "—" if shape in ("pdf", "data") else sum(pdf[o.path, o.mutation] and not o.detected
                                                             and o.cell == "right" for o in os),
                      sum(bool(o.new) and not o.detected for o in os), sum(o.cell == "unread" for o in os),
                      sum(len(o.wrong) for o in os), sum(len(o.zero) for o in os)])
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=15, help="every n-th printed non-zero cell (default 15)")
    parser.add_argument("--mutations", default=",".join(MUTATIONS), help="of checks.mutation.MUTATIONS")
    parser.add_argument("--examples", default=",".join(EXAMPLES))
    parser.add_argument("--shapes", default=",".join(DEFAULT_SHAPES), help="of " + ", ".join(TEXT_SHAPES))
    parser.add_argument("--misses", action="store_true",
                        help="list the mutants a shape misses that the PDF detects, and every wrong cell")
    parser.add_argument("--keep", type=Path, help="write the PDFs and shapes here (default: a temporary folder)")
    args = parser.parse_args(argv)
    shapes = tuple(args.shapes.split(","))
    start = time.perf_counter()
    totals: dict[str, list] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for stem in args.examples.split(","):
            example = Example(stem, (args.keep or Path(tmp)) / stem, shapes)
            base = ", ".join(f"{s} {len(b.wrong)}/{len(b.zero)}" for s, b in example.base_scores.items())
            print(f"{stem}: unchanged document, wrong/silent zero per shape: {base}")
            outcomes: dict[str, list] = defaultdict(list)
            for path, mutation, value in example.mutants(args.every, tuple(args.mutations.split(","))):
                for shape, outcome in example.run(path, mutation, value).items():
                    outcomes[shape].append(outcome)
                    totals[shape].append(outcome)
            print_table(f"{stem} (every {args.every}th printed cell, {', '.join(args.mutations.split(','))})",
                        HEADER, rows(outcomes))
            if args.misses:
                pdf = {(o.path, o.mutation): o for o in outcomes["pdf"]}
                for shape, os in outcomes.items():
                    for o in os:
                        if shape not in ("pdf", "data") and pdf[o.path, o.mutation].detected and not o.detected:
                            other = sorted({f.rule_id for f in o.new})
                            print(f"  missed  {shape:20} {o.path} {o.mutation}  cell {o.cell}"
                                  + (f", other findings {' '.join(other)}" if other else ""))
                        for path, want, got in o.wrong:
                            print(f"  wrong   {shape:20} mutant {o.path} {o.mutation}: {path} {got} (is {want})")
                        for path in o.zero:
                            print(f"  zero    {shape:20} mutant {o.path} {o.mutation}: {path}")
    if len(args.examples.split(",")) > 1:
        print_table("both examples", HEADER, rows(totals))
    print(f"\n{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
