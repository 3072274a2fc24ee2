"""Background jobs with a real worker process (``juesuan worker``, started and stopped here) on both queues:
huey's SQLite storage with the SQLite database, and Redis with the real PostgreSQL.

- a job queued while no worker runs survives a restart of the web application and runs when one starts;
- a failed job is shown failed with its reason (API and the 后台任务 page); retried, it runs again with
  its progress visible;
- a job running when its worker is killed (SIGKILL) is run again by the next worker; one running when
  its worker is stopped (SIGTERM) is put back on the queue by that worker (and a queued job runs when a
  worker starts: the first test).

Every wait is bounded; the workers' logs are in the test's tmp_path.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .conftest import ROOT, _postgres_url

PASSWORD = "pw-test-123"
PROBE_WORKER = Path(__file__).with_name("jobs_probe_worker.py")
DOCUMENT = ROOT / "tests" / "fuzz" / "corpus" / "urumqi-short.docx"  # our Urumqi example, as published
REDIS_URL = os.environ.get("JUESUAN_TEST_REDIS", "redis://127.0.0.1:6379/0")
WAIT = 30.0
"""The longest any single wait may take (a loaded machine); a pass takes a small part of it."""


@pytest.fixture(params=["sqlite", "redis"])
def backend(request, tmp_path, monkeypatch):
    """Settings for one queue backend, a queue of the test's own name, huey out of immediate mode."""
    from juesuan.web import jobs
    from juesuan.web.settings import Settings

    monkeypatch.setenv("JUESUAN_QUEUE", "juesuan-test-" + secrets.token_hex(4))
    if request.param == "sqlite":
        settings = Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", data_dir=tmp_path / "data")
    else:
        redis = pytest.importorskip("redis")
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            pytest.skip(f"Redis not reachable at {REDIS_URL}: {exc}")
        settings = Settings(database_url=_postgres_url(), data_dir=tmp_path / "data", redis_url=REDIS_URL)
    jobs.bind(settings)
    jobs.huey.immediate = False
    yield settings
    jobs.huey.storage.flush_all()  # this test's queue only (keys named by JUESUAN_QUEUE)
    jobs.huey.immediate = True


@pytest.fixture
def start_worker(backend, tmp_path):
    """Start a worker process for ``backend``; every one still running is killed at the end."""
    started: list[subprocess.Popen] = []

    def start(probe: bool = True) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUESUAN_")}
        env.update(JUESUAN_DATABASE_URL=backend.database_url, JUESUAN_DATA_DIR=str(backend.data_dir),
                   JUESUAN_QUEUE=os.environ["JUESUAN_QUEUE"])
        if backend.redis_url:
            env["JUESUAN_REDIS_URL"] = backend.redis_url
        command = [sys.executable, str(PROBE_WORKER)] if probe else [sys.executable, "-m", "juesuan", "worker"]
        log = open(tmp_path / f"worker-{len(started) + 1}.log", "wb")  # noqa: SIM115 - the process keeps it
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
        log.close()
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _app(settings):
    from juesuan.web.app import create_app

    return create_app(settings)


def _signed_in(app, username: str) -> TestClient:
    client = TestClient(app)
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 204
    client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    return client


def _seeded(settings):
    from juesuan.web.demo import seed_people

    app = _app(settings)
    with app.state.sessions() as db:
        people = seed_people(db, password=PASSWORD)
        db.commit()
    return app, people


def _wait(client, job_id: int, until, what: str, seen: list | None = None) -> dict:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if seen is not None:
            seen.append((job["state"], job["progress"], job["total"]))
        if until(job):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} not {what} within {WAIT} s: {job}")


def _probe(app, settings, people, **payload) -> int:
    from juesuan.web import jobs

    with app.state.sessions() as db:
        return jobs.enqueue(db, settings, "probe", payload, people.users["admin"].id)


def _job_messages(jobs) -> int:
    """Messages for jobs waiting in the queue or its schedule (the workers' periodic check not counted)."""
    waiting = list(jobs.huey.pending()) + list(jobs.huey.scheduled())
    return sum(isinstance(task, jobs.run_job.task_class) for task in waiting)


def _stop(process: subprocess.Popen, how: int) -> None:
    process.send_signal(how)
    process.wait(timeout=WAIT)


def test_a_job_queued_with_no_worker_survives_a_web_restart_and_runs(backend, start_worker):
    """Upload through the web app with no worker running; restart the app; start ``juesuan worker``."""
    app, _ = _seeded(backend)
    client = _signed_in(app, "reviewer_a")
    started = client.post("/api/uploads", files={"files": (DOCUMENT.name, DOCUMENT.read_bytes(),
                                                            "application/octet-stream")})
    assert started.status_code == 202, started.text
    job_id = started.json()["job"]
    assert client.get(f"/api/jobs/{job_id}").json()["state"] == "queued"
    client.close()
    app.state.engine.dispose()  # the web server stops …

    app = _app(backend)  # … and starts again: nothing of the job was in its memory
    client = _signed_in(app, "reviewer_a")
    assert client.get(f"/api/jobs/{job_id}").json()["state"] == "queued"
    worker = start_worker(probe=False)
    job = _wait(client, job_id, lambda j: j["state"] in ("done", "failed"), "finished")
    assert job["state"] == "done", job
    assert (job["progress"], job["total"], job["attempts"]) == (1, 1, 1)
    entry = job["result"]["files"][0]
    assert entry["ok"] and entry["file"] == DOCUMENT.name and entry["year"] == 2022, entry
    assert "后台任务" in client.get("/jobs").text
    _stop(worker, signal.SIGTERM)
    app.state.engine.dispose()


def test_a_failed_job_shows_its_reason_and_a_retry_runs_it(backend, start_worker, tmp_path):
    from juesuan.web import jobs

    app, people = _seeded(backend)
    blocker = tmp_path / "blocker"
    blocker.write_text("探针：输入文件暂不可用", encoding="utf-8")
    runs = tmp_path / "runs.log"
    start_worker()
    job_id = _probe(app, backend, people, steps=10, pause=0.05, fail_while=str(blocker), log=str(runs))
    admin = _signed_in(app, "admin")
    job = _wait(admin, job_id, lambda j: j["state"] in ("done", "failed"), "finished")
    assert (job["state"], job["error"], job["attempts"]) == ("failed", "RuntimeError: 探针：输入文件暂不可用", 1)
    row = admin.get("/jobs").text.split(f'id="job-{job_id}"')[1].split("</tr>")[0]
    assert "失败" in row and "失败原因：RuntimeError: 探针：输入文件暂不可用" in row
    assert '<button type="button" class="job-retry">重试</button>' in row
    # a failure is final: no message waits in the queue to run it again behind the user's back
    assert _job_messages(jobs) == 0
    assert runs.read_text().count("run") == 1

    blocker.unlink()  # the cause is removed; the user retries
    retried = admin.post(f"/api/jobs/{job_id}/retry")
    assert retried.status_code == 202 and retried.json()["state"] == "queued" and retried.json()["error"] == ""
    seen: list = []
    job = _wait(admin, job_id, lambda j: j["state"] in ("done", "failed"), "finished", seen)
    assert job["state"] == "done" and job["result"] == {"steps": 10}, job
    assert (job["progress"], job["total"], job["attempts"]) == (10, 10, 1)
    assert any(state == "running" and 0 < done < total for state, done, total in seen), seen  # progress shown
    assert runs.read_text().count("run") == 2
    assert admin.post(f"/api/jobs/{job_id}/retry").status_code == 409  # only a failed job
    app.state.engine.dispose()


def test_a_job_running_when_its_worker_dies_is_run_again(backend, start_worker, tmp_path):
    from juesuan.web import jobs

    app, people = _seeded(backend)
    admin = _signed_in(app, "admin")
    runs = tmp_path / "runs.log"
    job_id = _probe(app, backend, people, steps=20, pause=0.03, log=str(runs))
    first = start_worker()
    _wait(admin, job_id, lambda j: j["state"] == "running" and j["progress"] >= 2, "running")
    _stop(first, signal.SIGKILL)  # no chance to tell anyone
    cut = admin.get(f"/api/jobs/{job_id}").json()
    assert cut["state"] == "running" and cut["progress"] < 20, cut

    second = start_worker()  # finds the job of a process that is gone and runs it again
    job = _wait(admin, job_id, lambda j: j["state"] in ("done", "failed"), "finished")
    assert (job["state"], job["progress"], job["attempts"]) == ("done", 20, 2), job
    assert runs.read_text().count("run") == 2

    other = _probe(app, backend, people, steps=20, pause=0.03)
    _wait(admin, other, lambda j: j["state"] == "running" and j["progress"] >= 2, "running")
    _stop(second, signal.SIGTERM)  # stopped: it puts the job back itself
    put_back = admin.get(f"/api/jobs/{other}").json()
    assert put_back["state"] == "queued" and "后台任务进程停止时任务未完成" in put_back["error"], put_back
    assert _job_messages(jobs) == 1  # its message waits for the next worker, as in the first test
    app.state.engine.dispose()
