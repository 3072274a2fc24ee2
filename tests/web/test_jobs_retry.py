"""Retry and recovery rules of background jobs, in the test process (huey immediate: a queued job runs
at once) on SQLite and PostgreSQL; tests/web/test_jobs_worker.py runs the same with real workers.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from juesuan.web import jobs
from juesuan.web.models import AuditEntry, Job, now

from .conftest import ROOT

PASSWORD = "pw-test-123"
DOCUMENT = ROOT / "tests" / "fuzz" / "corpus" / "urumqi-short.docx"


def _signed_in(app, username: str) -> TestClient:
    client = TestClient(app)
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 204
    client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    return client


def _fail(app, job_id: int, reason: str) -> None:
    with app.state.sessions() as db:
        db.execute(update(Job).where(Job.id == job_id).values(state="failed", error=reason))
        db.commit()


def test_only_who_could_start_a_job_may_retry_it(app, seeded):
    """A batch upload (reviewers' action) failed: its reviewer retries it; an administrator sees it but may not
    start one (403); another reviewer and the department's staff do not see it (404)."""
    uploader = _signed_in(app, "reviewer_a")
    started = uploader.post("/api/uploads", files={"files": (DOCUMENT.name, DOCUMENT.read_bytes(), "application/octet-stream")})
    job_id = started.json()["job"]
    _fail(app, job_id, "OSError: 磁盘已满")
    assert uploader.get(f"/api/jobs/{job_id}").json()["error"] == "OSError: 磁盘已满"
    assert _signed_in(app, "admin").post(f"/api/jobs/{job_id}/retry").status_code == 403
    for other in ("reviewer_b", "filler_a1", "head_a1"):
        assert _signed_in(app, other).post(f"/api/jobs/{job_id}/retry").status_code == 404, other
    assert uploader.get(f"/api/jobs/{job_id}").json()["state"] == "failed"

    retried = uploader.post(f"/api/jobs/{job_id}/retry")
    assert retried.status_code == 202
    job = uploader.get(f"/api/jobs/{job_id}").json()
    assert (job["state"], job["error"], job["attempts"]) == ("done", "", 1)
    assert job["result"]["files"][0]["ok"]
    assert uploader.post(f"/api/jobs/{job_id}/retry").status_code == 409
    with app.state.sessions() as db:
        actions = db.scalars(select(AuditEntry.action).where(AuditEntry.target == f"job {job_id} parse")).all()
    assert actions == ["retry_job"]


def test_a_build_job_is_retried_by_anyone_who_may_build_the_filing(app, seeded, monkeypatch):
    """Building a package is open to all who see the filing, so is its retry (the role matrix walks every role)."""
    monkeypatch.setattr(jobs, "run_job", lambda *args, **kwargs: None)  # queued, not rendered
    head = _signed_in(app, "head_a1")
    job_id = head.post(f"/api/filings/{seeded.filings['a1']}/build").json()["job"]
    _fail(app, job_id, "OSError: 磁盘已满")
    assert _signed_in(app, "filler_a1").post(f"/api/jobs/{job_id}/retry").status_code == 202
    assert head.get(f"/api/jobs/{job_id}").json()["state"] == "queued"
    assert TestClient(app).get("/jobs", follow_redirects=False).headers["location"] == "/login"
    row = head.get("/jobs").text.split(f'id="job-{job_id}"')[1].split("</tr>")[0]
    assert "排队中" in row and "job-retry" not in row  # 重试 only on a failed job


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _running(app, seeded, worker: str, attempts: int, quiet_minutes: int = 0) -> int:
    with app.state.sessions() as db:
        job = Job(kind="parse", payload={"files": [str(DOCUMENT)]}, user_id=seeded.users["reviewer_a"].id,
                  state="running", worker=worker, attempts=attempts, progress=0, total=1,
                  updated_at=now() - dt.timedelta(minutes=quiet_minutes))
        db.add(job)
        db.commit()
        return job.id


def test_a_dead_workers_job_is_run_again_then_given_up(app, seeded):
    host, dead = socket.gethostname(), _dead_pid()
    again = _running(app, seeded, f"{host}:{dead}:0000", attempts=1)
    given_up = _running(app, seeded, f"{host}:{dead}:0000", attempts=jobs.MAX_RUNS)
    parent, started = os.getppid(), jobs._started(os.getppid())
    reused = _running(app, seeded, f"{host}:{parent}:{int(started) - 1}", attempts=1)  # the pid is another's now
    elsewhere = _running(app, seeded, f"another-host-{host}:{dead}:0000", attempts=1, quiet_minutes=1)
    silent = _running(app, seeded, f"another-host-{host}:{dead}:0000", attempts=1, quiet_minutes=6)
    alive = _running(app, seeded, jobs.worker_id(), attempts=1)  # this process: a live worker
    other_alive = _running(app, seeded, f"{host}:{parent}:{started}", attempts=1)  # a live process, as recorded
    found = jobs.recover(app.state.settings)
    assert found == {again: "queued", given_up: "failed", reused: "queued", silent: "queued"}
    client = _signed_in(app, "reviewer_a")
    job = client.get(f"/api/jobs/{again}").json()
    assert (job["state"], job["attempts"]) == ("done", 2)  # re-queued, then run here (immediate)
    job = client.get(f"/api/jobs/{given_up}").json()
    assert job["state"] == "failed" and f"已执行 {jobs.MAX_RUNS} 次均未完成" in job["error"], job
    assert client.get(f"/api/jobs/{elsewhere}").json()["state"] == "running"  # another machine's, alive 1 min ago
    assert client.get(f"/api/jobs/{silent}").json()["state"] == "done"  # silent for 6 > 5 minutes: run again here
    assert client.get(f"/api/jobs/{alive}").json()["state"] == "running"
    assert client.get(f"/api/jobs/{other_alive}").json()["state"] == "running"
    assert jobs.recover(app.state.settings) == {}  # nothing twice


def test_a_queue_that_cannot_be_reached_fails_the_job_with_that_reason(app, seeded, monkeypatch):
    from juesuan.web.settings import Settings

    settings = app.state.settings
    unreachable = Settings(database_url=settings.database_url, data_dir=settings.data_dir,
                           redis_url="redis://127.0.0.1:1/0")
    monkeypatch.setenv("JUESUAN_QUEUE", "juesuan-test-unreachable")
    jobs.bind(unreachable)
    jobs.huey.immediate = False
    try:
        with app.state.sessions() as db:
            job_id = jobs.enqueue(db, unreachable, "parse", {"files": []}, seeded.users["reviewer_a"].id)
    finally:
        jobs.huey.immediate = True
    job = _signed_in(app, "reviewer_a").get(f"/api/jobs/{job_id}").json()
    assert job["state"] == "failed" and job["error"].startswith("无法放入任务队列"), job


def test_a_workers_heartbeat_keeps_its_running_jobs_alive(app, seeded):
    """The heartbeat (every 30 s in a worker process) touches exactly the jobs running in that process."""
    settings = app.state.settings
    mine = _running(app, seeded, jobs.worker_id(), attempts=1, quiet_minutes=10)
    not_here = _running(app, seeded, jobs.worker_id(), attempts=1, quiet_minutes=10)
    jobs.settings_sessions(settings)
    jobs._ACTIVE.add((settings.database_url, mine))
    try:
        assert jobs.beat() == 1
    finally:
        jobs._ACTIVE.discard((settings.database_url, mine))
    with app.state.sessions() as db:
        fresh = {job.id: jobs._stale(job.updated_at, dt.timedelta(minutes=1)) for job in db.scalars(select(Job))}
    assert (fresh[mine], fresh[not_here]) == (False, True)
