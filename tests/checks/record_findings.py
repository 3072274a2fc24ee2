"""Record the findings of a full check of four documents, as the code computes them now, to
``data/findings_guard.json`` — the guard of performance work on 审核 (``test_findings_guard.py``):
a faster check must give exactly these findings.

    .venv/bin/python tests/checks/record_findings.py

The documents: both examples, the shared seed text and the shared Shanghai PDF. Each is stored
as loaded or read (``fileformat.dumps_json``) beside its findings, so that the guard tests the
checks alone while the readers (``ingest``) and the examples change; the generator verifies that
the stored copy gives the same findings as the document itself. The commit the findings were
computed at is recorded with them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data" / "findings_guard.json"
SHARED = Path("/work/shared")
EXAMPLES = {"urumqi": ROOT / "examples/urumqi-iit-2022.yaml",
            "shanghai": ROOT / "examples/shanghai-putuo-czj-2024.yaml"}
READ = {"seed": SHARED / "seed/000_70eff566b52b1af5.txt",
        "shanghai-pdf": SHARED / "reference/pdf/shanghai-putuo-finance-bureau-2024-dept-final.pdf"}

CHECKED = [f"src/juesuan/{package}" for package in ("checks", "figures", "narrative", "scoring", "model", "reference")]
"""The code a check runs; its uncommitted changes are named beside the commit."""


def findings(disclosure) -> list[dict]:
    """Every finding of a full check, in report order, as JSON data (Decimals as text)."""
    from juesuan.checks import check

    return [f.as_dict() for f in check(disclosure).findings]


def stored(data: dict):
    """A disclosure back from its stored data."""
    from juesuan.model import Disclosure

    return Disclosure.model_validate(data)


def _dumps(out: dict) -> str:
    """JSON with one finding a line and each disclosure on one line (a readable diff, a small file)."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{", f'"commit":{one(out["commit"])},', '"documents":{']
    for n, (name, document) in enumerate(out["documents"].items()):
        lines.append(f'{one(name)}:{{"source":{one(document["source"])},"findings":[')
        lines.append(",\n".join(one(f) for f in document["findings"]))
        lines.append(f'],"disclosure":{one(document["disclosure"])}}}' + ("," if n < len(out["documents"]) - 1 else ""))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main() -> int:
    from juesuan import fileformat
    from juesuan.ingest import read

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", *CHECKED], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    out: dict = {"commit": commit + (" + uncommitted changes" if dirty else ""), "documents": {}}
    for name, path in (EXAMPLES | READ).items():
        disclosure = fileformat.load(path) if name in EXAMPLES else read(path)[0]
        data = json.loads(fileformat.dumps_json(disclosure))
        recorded = findings(disclosure)
        if findings(stored(data)) != recorded:
            print(f"{name}: the stored copy does not give the findings of the document read", file=sys.stderr)
            return 1
        source = str(path.relative_to(ROOT)) if name in EXAMPLES else str(path)
        out["documents"][name] = {"source": source, "findings": recorded, "disclosure": data}
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(_dumps(out), encoding="utf-8")
    for name, document in out["documents"].items():
        print(f"{name}: {len(document['findings'])} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
