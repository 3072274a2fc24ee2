"""Workspace and portal under load, on PostgreSQL, loopback only, bounded in count and time.

1. 20 simulated editors save the same filing for ``EDIT_SECONDS`` (each save names the version
   it edited): every save answers 200 or 409, and every 200 is a stored version holding exactly
   that editor's change (0 lost updates).
2. p50/p95 of page views (editor, review queue) and of the live check after an edit.
3. The portal with ``PUBLISHED`` published disclosures: p50/p95 of the list, a disclosure page,
   the JSON API list and detail.

Usage: ``python bench/web_bench.py [--seconds 60] [--published 100] [--database URL]``; the
server runs in this process (uvicorn, one worker) on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table  # noqa: E402

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "bench-pass-1"


def _schema_url(base: str) -> str:
    from sqlalchemy import create_engine

    schema = "bench_" + secrets.token_hex(4)
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    return f"{base}?options=-csearch_path%3D{schema}"


def _serve(app) -> tuple[str, object]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _client(base: str, username: str):
    import httpx

    client = httpx.Client(base_url=base, timeout=180)
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 204
    client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    return client


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def editors(base: str, filing_id: int, seconds: float, count: int = 20) -> list[list[object]]:
    """Each editor loops: read the newest version, write its own value into one cell, save."""
    outcomes = {"saved": 0, "conflict": 0, "other": 0}
    saved: list[tuple[int, str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def run(index: int) -> None:
        client = _client(base, "filler_a1")
        n = 0
        while time.monotonic() < deadline:
            version = client.get(f"/api/filings/{filing_id}").json()["version"]
            value = f"{index}.{n % 100:02d}"
            n += 1
            response = client.put(f"/api/filings/{filing_id}/edits", json={
                "base_version": version, "changes": {"three_public.final.reception": value}})
            with lock:
                if response.status_code == 200:
                    outcomes["saved"] += 1
                    saved.append((response.json()["version"], value))
                elif response.status_code == 409:
                    outcomes["conflict"] += 1
                else:
                    outcomes["other"] += 1

    with ThreadPoolExecutor(count) as pool:
        list(pool.map(run, range(count)))
    lost = _lost_updates(filing_id, saved)
    return [["saves answered 200", outcomes["saved"]], ["saves answered 409", outcomes["conflict"]],
            ["other answers", outcomes["other"]], ["lost updates", lost],
            ["distinct version numbers of 200s", len({v for v, _ in saved})]]


_APP = {}


def _load() -> str:
    """The machine's 1/5/15-minute load averages (as uptime prints them): timings mean little without them."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _lost_updates(filing_id: int, saved: list[tuple[int, str]]) -> int:
    """A 200 whose version does not hold the value that editor wrote is a lost update."""
    from decimal import Decimal

    from juesuan.web import store
    from juesuan.web.models import Filing

    lost = 0
    with _APP["app"].state.sessions() as db:
        filing = db.get(Filing, filing_id)
        for number, value in saved:
            stored = store.disclosure_of(store.version(db, filing, number)).tables.three_public.final.reception
            lost += stored != Decimal(value)
    return lost


def timings(base: str, calls: dict[str, object], repeat: int) -> list[list[object]]:
    rows = []
    for name, call in calls.items():
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = call()
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code in (200, 304), (name, response.status_code, response.text[:200])
        p50, p95 = _percentiles(samples)
        rows.append([name, repeat, f"{p50:.1f}", f"{p95:.1f}"])
    return rows


def publish_many(app, count: int) -> int:
    """``count`` published disclosures (copies of the Urumqi example under other names, one package)."""
    from juesuan.web import store
    from juesuan.web.demo import _example
    from juesuan.web.models import Department, Filing, Publication, Region, User
    from juesuan.web.publish import build_package, package_checksum

    example = _example("urumqi-iit-2022.yaml")
    with app.state.sessions() as db:
        region = Region(name="基准测试市")
        db.add(region)
        db.flush()
        admin = db.query(User).filter_by(username="admin").one()
        folder = Path(db.info["data_dir"]) / "publications" / "bench"
        build_package(example, folder)
        checksum = package_checksum(folder)
        for index in range(count):
            name = f"基准测试市第{index + 1}局"
            department = Department(name=name, region_id=region.id, profile=example.meta.profile)
            db.add(department)
            db.flush()
            disclosure = example.model_copy(update={"meta": example.meta.model_copy(update={"department": name})})
            saved = store.create_filing(db, department.id, disclosure, admin)
            filing = db.get(Filing, saved.version.filing_id)
            filing.status = "published"
            db.add(Publication(filing_id=filing.id, version_number=1, publisher_id=admin.id,
                               package_dir=str(folder), package_sha256=checksum))
        db.commit()
        return db.query(Publication).order_by(Publication.id.desc()).first().id


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--published", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database", default=os.environ.get("JUESUAN_BENCH_DATABASE", PG))
    args = parser.parse_args()

    from argon2 import PasswordHasher

    from juesuan.web import security
    from juesuan.web.app import create_app
    from juesuan.web.demo import seed_people
    from juesuan.web.settings import Settings

    security.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))  # logins are not measured
    url = _schema_url(args.database) if args.database.startswith("postgresql") else args.database
    data = Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
    app = create_app(Settings(database_url=url, data_dir=data, login_attempts=10**6))
    _APP["app"] = app
    with app.state.sessions() as db:
        people = seed_people(db, PASSWORD)
        db.commit()
    base, server = _serve(app)
    print(f"machine: {platform.node()} · {os.cpu_count()} cores · load average {_load()} · "
          f"database: {url.split('@')[-1].split('?')[0]}")

    filing = people.filings["a1"]
    print_table(f"20 editors on one filing for {args.seconds:.0f} s", ["measure", "value"],
                editors(base, filing, args.seconds))

    filler, reviewer, public = _client(base, "filler_a1"), _client(base, "reviewer_a"), __import__("httpx").Client(
        base_url=base, timeout=30)
    edit = {"base_version": 1, "changes": {"three_public.final.reception": "0.08"}}
    print_table("page views and live check (ms)", ["request", "n", "p50", "p95"], timings(base, {
        "GET editor page": lambda: filler.get(f"/filings/{filing}"),
        "GET review queue page": lambda: reviewer.get("/review"),
        "POST live check after an edit": lambda: filler.post(f"/api/filings/{filing}/edits/check", json=edit),
    }, args.repeat))

    last = publish_many(app, args.published)
    print_table(f"portal with {args.published} published disclosures (ms)", ["request", "n", "p50", "p95"], timings(base, {
        "GET /public": lambda: public.get("/public"),
        "GET /public/d/{id}": lambda: public.get(f"/public/d/{last}"),
        "GET /api/public/disclosures": lambda: public.get("/api/public/disclosures", params={"page": 2}),
        "GET /api/public/disclosures/{id}": lambda: public.get(f"/api/public/disclosures/{last}"),
        "GET /public/compare": lambda: public.get("/public/compare"),
    }, args.repeat))
    print(f"load average at the end: {_load()}")
    server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
