"""Recall of the text rules: every defect class of ``juesuan.checks.mutants`` injected into both
examples rendered as text (and read back), plus the table class on the data.

    .venv/bin/python bench/text_mutations.py              # every candidate (≈ 5 min)
    .venv/bin/python bench/text_mutations.py --every 5    # every 5th candidate
    .venv/bin/python bench/text_mutations.py --misses     # print each undetected mutation

A mutation is detected when a 错误 or 警告 appears that the unmodified text does not have.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from juesuan import fileformat
from juesuan.checks.mutants import CLASSES, EXTRA_CLASSES
from juesuan.checks.mutation import table_mutations, text_mutations
from juesuan.ingest import read
from juesuan.narrative import compose

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml")


def read_text(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.txt"
        path.write_text(text, encoding="utf-8")
        return read(path)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--classes", default=",".join([*CLASSES, *EXTRA_CLASSES]))
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args(argv)
    totals: dict[str, Counter] = defaultdict(Counter)
    rules: dict[str, Counter] = defaultdict(Counter)
    print(f"{'example':30} {'class':11} {'injected':>8} {'detected':>8} {'recall':>7}  rules")
    for name in EXAMPLES:
        d = fileformat.load(ROOT / "examples" / name)
        results = text_mutations(d, compose(d).text(), read_text, args.classes.split(","), every=args.every)
        results += table_mutations(d)
        by_class = defaultdict(list)
        for r in results:
            by_class[r.defect].append(r)
        for defect, rs in by_class.items():
            found = sum(r.detected for r in rs)
            totals[defect].update(injected=len(rs), detected=found)
            rules[defect].update(rule for r in rs for rule in r.rules)
            print(f"{name:30} {defect:11} {len(rs):>8} {found:>8} {found / len(rs):>7.1%}  "
                  + " ".join(sorted({rule for r in rs for rule in r.rules})))
            if args.misses:
                for r in rs:
                    if not r.detected:
                        print(f"    missed: {r.after[:160]}")
    print()
    for defect, c in totals.items():
        print(f"{'both examples':30} {defect:11} {c['injected']:>8} {c['detected']:>8} "
              f"{c['detected'] / c['injected']:>7.1%}  " + ", ".join(f"{k} {v}" for k, v in rules[defect].most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
