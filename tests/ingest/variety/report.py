"""Print the measured table of docs/ingest-variety.md: ``.venv/bin/python -m tests.ingest.variety.report``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from juesuan.ingest import read

from .variants import NARRATIVES, VARIANTS, claim_recall, measure, meta_ok


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="juesuan-variety-"))
    print("| variant | fmt | source | cells | recall | precision | empty tables | meta | report | claims |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for v in VARIANTS + NARRATIVES:
        parsed, report = read(v.write(directory))
        m = measure(v.disclosure(), parsed, v.only)
        empty = "ok" if m.empty_read == m.empty_expected else f"{len(m.empty_read)}/{len(m.empty_expected)}"
        flagged = f"{len(report.problems)}!/{len(report.not_understood)}?"
        claims = "%d/%d" % claim_recall(v.disclosure(), parsed) if v.narrative is not None else ""
        print(f"| {v.name} | {v.fmt} | {v.example} | {m.found}/{m.expected} | {m.recall} | {m.precision} | "
              f"{empty} | {'ok' if meta_ok(v.disclosure(), parsed) else 'lost'} | {flagged} | {claims} |")


if __name__ == "__main__":
    main()
