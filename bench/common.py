"""Shared helpers for bench scripts: median wall time and peak Python memory."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def measure(fn: Callable[[], object], repeat: int = 20) -> tuple[float, float]:
    """(median milliseconds over ``repeat`` runs, peak traced MiB of one run)."""
    fn()  # warm caches and imports so the median measures steady state
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    """A plain fixed-width table (readable in CI logs and closing notes)."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) + 2 for i in range(len(header))]
    print(f"\n{title}")
    for index, row in enumerate(cells):
        print("".join(c.ljust(w) for c, w in zip(row, widths)))
        if index == 0:
            print("".join("-" * (w - 1) + " " for w in widths))
