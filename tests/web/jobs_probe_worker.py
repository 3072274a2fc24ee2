"""``juesuan worker`` with one more job kind, ``probe``, whose timing and failure the tests control.

Run as a script by tests/web/test_jobs_worker.py: the real command (typer app, huey consumer, the
start-up recovery of web/jobs.py); only the work is ours, so that a job can be caught mid-run or made
to fail for a reason the test then removes.
"""

from __future__ import annotations

import time
from pathlib import Path


def probe(_sessions, payload: dict, progress) -> dict:
    """``steps`` steps of ``pause`` seconds; fails while the file ``fail_while`` exists; logs each run."""
    if payload.get("log"):
        with open(payload["log"], "a", encoding="utf-8") as log:
            log.write("run\n")
    blocker = Path(payload["fail_while"]) if payload.get("fail_while") else None
    if blocker is not None and blocker.exists():
        raise RuntimeError(blocker.read_text(encoding="utf-8"))
    steps = int(payload.get("steps", 1))
    for step in range(steps):
        progress(step, steps)
        time.sleep(float(payload.get("pause", 0)))  # noqa: money-float-ok (seconds)
    progress(steps, steps)
    return {"steps": steps}


if __name__ == "__main__":
    from juesuan.cli import app
    from juesuan.web.tasks import KINDS

    KINDS["probe"] = probe
    app(["worker"])
