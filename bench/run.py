"""Run every ``bench/*_bench.py`` in turn; each prints its own table of figures.

Usage: ``make bench`` or ``python bench/run.py [name ...]`` (e.g. ``check`` for check_bench.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("*_bench.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removesuffix("_bench") in names]
    failures = 0
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        failures += subprocess.call([sys.executable, str(script)]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
