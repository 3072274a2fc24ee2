"""Long fuzz campaign (issue 12): mutations of our own files, each read in a bounded subprocess.

    .venv/bin/python bench/fuzz.py --families pdf,docx,xlsx,yaml,json,text --count 10000 --out build/fuzz

The parent imports everything once and builds each input (tests/fuzz/mutations.py); a forked child
reads it under resource limits (address space ``--memory`` MB, CPU ``--timeout`` s) and is killed
when its wall time runs past ``--wall`` (larger: on a shared machine a run waits for a core). Counted per family: tracebacks (any exception out of
``ingest.read`` / ``fileformat.load``), hangs, runs over 1 GB peak RSS, MemoryError, crashes
(signals), silent acceptances (an input that must be refused or reported, accepted without a word),
the slowest input and the highest peak RSS (the child's, which includes the parent's pages it
inherits: ``baseline`` in the summary). Failing inputs are kept under ``OUT/failures``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import select
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from fuzz import mutations  # noqa: E402

GB_KB = 1024 * 1024  # ru_maxrss is in KB


def target(family: str, path: Path) -> dict:
    """Read one input as the command line would; the outcome without raising."""
    if family in ("yaml", "json"):
        from juesuan import fileformat
        from juesuan.checks import check

        try:
            disclosure = fileformat.load(path)
        except fileformat.DisclosureFileError as exc:
            return {"outcome": "refused", "problems": len(exc.problems), "first": str(exc.problems[0])[:200]}
        check(disclosure)
        return {"outcome": "accepted"}
    from juesuan.ingest import read

    disclosure, report = read(path, ocr=False)
    if disclosure is None:
        return {"outcome": "refused", "first": str(report.problems[0])[:200] if report.problems else ""}
    if report.problems:
        return {"outcome": "reported", "first": str(report.problems[0])[:200]}
    return {"outcome": "accepted", "tables": len(report.tables_found), "claims": report.claims}


def child(family: str, path: Path, memory_mb: int, seconds: int, write_fd: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    started = time.perf_counter()
    try:
        result = target(family, path)
    except MemoryError:
        result = {"outcome": "memory"}
    except BaseException as exc:  # the thing we hunt: any exception escaping a reader
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename.split('site-packages/')[-1]}:{frames[-1].lineno}" if frames else ""
        result = {"outcome": "traceback", "error": f"{type(exc).__name__}: {str(exc)[:200]}", "where": where}
    result["seconds"] = round(time.perf_counter() - started, 3)
    os.write(write_fd, json.dumps(result, ensure_ascii=False).encode())
    os._exit(0)


def run_one(family: str, path: Path, memory_mb: int, seconds: int, wall_limit: int) -> dict:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        child(family, path, memory_mb, seconds, write_fd)
    os.close(write_fd)
    started = time.perf_counter()
    chunks = []
    deadline = started + wall_limit
    while True:
        ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.perf_counter()))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            break
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_fd)
    _, status, usage = os.wait4(pid, 0)
    wall = round(time.perf_counter() - started, 3)
    if chunks:
        result = json.loads(b"".join(chunks))
    elif os.WIFSIGNALED(status) and (os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)):
        result = {"outcome": "hang"}  # over the CPU limit, or the wall limit on a shared machine
    elif os.WIFSIGNALED(status):
        result = {"outcome": "crash", "error": f"signal {os.WTERMSIG(status)}"}
    else:
        result = {"outcome": "crash", "error": f"exit {os.WEXITSTATUS(status)} without a result"}
    result.update(wall=wall, cpu=round(usage.ru_utime + usage.ru_stime, 3), rss_kb=usage.ru_maxrss)
    return result


def campaign(family: str, count: int, seed: int, out: Path, memory_mb: int, seconds: int,
             minutes: float | None = None, wall_limit: int = 300) -> dict:
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    failures = out / "failures"
    log = (out / f"{family}.jsonl").open("a", encoding="utf-8")
    summary = {"family": family, "inputs": 0, "outcomes": {}, "tracebacks": 0, "hangs": 0, "crashes": 0,
               "memory_errors": 0, "over_1gb": 0, "silent": 0, "slowest": None, "highest_rss_kb": None}
    stop = time.monotonic() + minutes * 60 if minutes else None
    for index in range(count):
        if stop is not None and time.monotonic() > stop:
            break
        rng = random.Random(f"{family}-{seed}-{index}")
        data, suffix, name, must_refuse = mutations.mutate(family, rng)
        path = work / f"input-{family}{suffix}"
        path.write_bytes(data)
        result = run_one(family, path, memory_mb, seconds, wall_limit)
        outcome = result["outcome"]
        silent = must_refuse and outcome == "accepted"
        record = {"index": index, "mutation": name, "size": len(data), "silent": silent, **result}
        log.write(json.dumps(record, ensure_ascii=False) + "\n")
        summary["inputs"] += 1
        summary["outcomes"][outcome] = summary["outcomes"].get(outcome, 0) + 1
        summary["tracebacks"] += outcome == "traceback"
        summary["hangs"] += outcome == "hang"
        summary["crashes"] += outcome == "crash"
        summary["memory_errors"] += outcome == "memory"
        summary["over_1gb"] += result["rss_kb"] > GB_KB
        summary["silent"] += silent
        if summary["slowest"] is None or result["cpu"] > summary["slowest"]["cpu"]:
            summary["slowest"] = {"cpu": result["cpu"], "wall": result["wall"], "index": index, "mutation": name,
                                  "size": len(data)}
        if summary["highest_rss_kb"] is None or result["rss_kb"] > summary["highest_rss_kb"]["rss_kb"]:
            summary["highest_rss_kb"] = {"rss_kb": result["rss_kb"], "index": index, "mutation": name}
        if outcome in ("traceback", "hang", "crash", "memory") or silent or result["rss_kb"] > GB_KB:
            failures.mkdir(exist_ok=True)
            (failures / f"{family}-{seed}-{index}{suffix}").write_bytes(data)
        if (index + 1) % 100 == 0:
            log.flush()
            (out / f"{family}-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    log.close()
    (out / f"{family}-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default=",".join(mutations.FAMILIES))
    parser.add_argument("--count", type=int, default=100, help="inputs per family")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz")
    parser.add_argument("--memory", type=int, default=2048, help="address-space limit of each run, MB")
    parser.add_argument("--timeout", type=int, default=60, help="CPU seconds per run (RLIMIT_CPU)")
    parser.add_argument("--wall", type=int, default=300,
                        help="wall seconds per run before it is killed (above --timeout: a shared machine)")
    parser.add_argument("--minutes", type=float, default=None, help="stop each family after this long")
    args = parser.parse_args()
    # Import every reader once in the parent: each forked child starts warm.
    import juesuan.checks  # noqa: F401
    import juesuan.ingest.assemble  # noqa: F401
    import juesuan.ingest.pdf  # noqa: F401
    from juesuan.ingest import pages

    for family in args.families.split(","):
        mutations.seed(family)
    pages.load_docx, pages.load_xlsx  # noqa: B018 (imported)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for family in args.families.split(","):
        summary = campaign(family, args.count, args.seed, args.out, args.memory, args.timeout,
                           args.minutes, args.wall)
        summary["baseline_rss_kb"] = baseline
        print(json.dumps(summary, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
