"""``juesuan worker`` for the browser test of 重试: the probe kind of jobs_probe_worker.py, and the real
``build`` kind, which fails while the file named by ``TEST_BUILD_BLOCKER`` exists (its text is the reason).

Run as a script by tests/web/test_jobs_browser.py: the real command and the real package build; only the
failure is the test's, so that the user sees 失败 with a reason, the test removes the cause, and 重试 runs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def blocked(work):
    def run(sessions, payload: dict, progress) -> dict:
        blocker = Path(os.environ["TEST_BUILD_BLOCKER"])
        if blocker.exists():
            raise RuntimeError(blocker.read_text(encoding="utf-8"))
        return work(sessions, payload, progress)

    return run


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from jobs_probe_worker import probe

    from juesuan.cli import app
    from juesuan.web.tasks import KINDS

    KINDS["probe"] = probe
    KINDS["build"] = blocked(KINDS["build"])
    app(["worker"])
