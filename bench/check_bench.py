"""Benchmark of 审核: median time and peak memory of a full check, per example.

    .venv/bin/python bench/check_bench.py                 # timing table
    .venv/bin/python bench/check_bench.py --mutations     # + every-cell mutation detection (≈1 min)
    .venv/bin/python bench/check_bench.py --rules 15      # + the 15 slowest rules (min CPU ms each)

Timing lives here, never in the tests (CI machines vary).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from juesuan import fileformat
from juesuan.checks import check
from juesuan.checks.mutation import mutate_all
from juesuan.checks.registry import RuleContext, load_builtin
from juesuan.model import iter_table_cells

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml")


def _timed(disclosure) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    check(disclosure)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def time_check(disclosure, runs: int) -> dict:
    """Median/min wall and CPU ms of ``check(disclosure)`` after one warm-up run, peak KiB.

    The minimum is printed beside the median because shared CI machines are noisy; CPU time
    (``process_time``) is less disturbed by other processes than wall time. ``fresh`` times
    the first check of a newly validated copy each run, so per-object caches (row indexes
    of the frozen tables) are paid as a user's single check pays them."""
    report = check(disclosure)
    same = [_timed(disclosure) for _ in range(runs)]
    fresh = []
    for _ in range(max(runs // 5, 3)):
        copy = type(disclosure).model_validate(disclosure.model_dump())
        fresh.append(_timed(copy))
    tracemalloc.start()
    check(disclosure)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    wall, cpu = [s[0] for s in same], [s[1] for s in same]
    return {"median": statistics.median(wall), "min": min(wall), "cpu": statistics.median(cpu),
            "cpu_min": min(cpu), "fresh": statistics.median(s[0] for s in fresh),
            "fresh_cpu": statistics.median(s[1] for s in fresh), "peak": peak / 1024,
            "rules": len(report.rules_run)}


def time_rules(disclosure, runs: int, fresh: bool = False) -> dict[str, float]:
    """Min CPU ms of each rule over ``runs`` passes, every pass with a fresh per-check cache
    (``ctx.shared``), as in a check; the runner's own work (merging, set-aside) is not included.
    ``fresh``: each pass on a newly validated copy, so a rule that first builds a per-object memo
    (row index, values) pays for it, as in a disclosure's first check (rules run in check order)."""
    rules = [r for r in load_builtin().select(disclosure.meta.profile, disclosure.meta.year) if r.check]
    best: dict[str, float] = {}
    for _ in range(runs):
        if fresh:
            disclosure = type(disclosure).model_validate(disclosure.model_dump())
        shared: dict = {}
        for rule in rules:
            start = time.process_time()
            list(rule.check(RuleContext(disclosure, None, disclosure.meta.profile, rule, shared)))
            spent = (time.process_time() - start) * 1000
            best[rule.id] = min(best.get(rule.id, spent), spent)
    return best


def _examples():
    """(file name, disclosure) of each example present."""
    for name in EXAMPLES:
        path = ROOT / "examples" / name
        if path.exists():
            yield name, fileformat.load(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--mutations", action="store_true", help="mutate every amount cell (+0.02, +1%%)")
    parser.add_argument("--rules", type=int, default=0, metavar="N", help="also list the N slowest rules")
    args = parser.parse_args(argv)
    print(f"{'example':30} {'cells':>5} {'claims':>6} {'rules':>5} {'median ms':>9} {'min ms':>6} {'CPU ms':>6} "
          f"{'CPU min':>7} {'fresh ms':>8} {'fresh CPU':>9} {'peak KiB':>8}  findings")
    for name, d in _examples():
        t = time_check(d, args.runs)
        counts = check(d).counts
        cells = sum(1 for _ in iter_table_cells(d))
        print(f"{name:30} {cells:>5} {len(d.claims):>6} {t['rules']:>5} {t['median']:>9.2f} {t['min']:>6.2f} "
              f"{t['cpu']:>6.2f} {t['cpu_min']:>7.2f} {t['fresh']:>8.2f} {t['fresh_cpu']:>9.2f} {t['peak']:>8.0f}  "
              f"错误 {counts['错误']} 警告 {counts['警告']} 提示 {counts['提示']}")
    if args.rules:
        for name, d in _examples():
            for fresh in (False, True):
                best = time_rules(d, args.runs if not fresh else max(args.runs // 5, 3), fresh)
                slowest = sorted(best.items(), key=lambda item: -item[1])[: args.rules]
                print(f"\n{name}{' (fresh copy)' if fresh else ''}: rules' min CPU ms, "
                      f"sum {sum(best.values()):.2f} over {len(best)} rules")
                print("  " + "  ".join(f"{rule} {ms:.2f}" for rule, ms in slowest))
    if args.mutations:
        print(f"\n{'example':34} {'mutations':>9} {'applicable':>10} {'detected':>8} {'rate':>7} "
              f"{'>1 cent':>8} {'detected':>8} {'rate':>7}  seconds")
        for name, d in _examples():
            start = time.perf_counter()
            results = mutate_all(d)
            seconds = time.perf_counter() - start
            applicable = [r for r in results if r.applicable]
            detected = [r for r in applicable if r.detected]
            big = [r for r in applicable if not r.rounding_level]
            big_detected = [r for r in big if r.detected]
            print(f"{name:34} {len(results):>9} {len(applicable):>10} {len(detected):>8} "
                  f"{100 * len(detected) / len(applicable):>6.2f}% {len(big):>8} {len(big_detected):>8} "
                  f"{100 * len(big_detected) / len(big):>6.2f}%  {seconds:.0f}")
            for r in applicable:
                if not r.detected:
                    print(f"    missed: {r.path} {r.mutation}{' (one cent: rounding level)' if r.rounding_level else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
