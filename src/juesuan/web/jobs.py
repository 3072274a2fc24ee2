"""Background jobs through huey: SQLite storage by default, Redis when ``JUESUAN_REDIS_URL`` is set.

The web process only enqueues; a huey consumer (``juesuan worker``, or the one ``juesuan serve``
starts beside the web server) runs the tasks. Queued work survives a restart in the broker's
storage; a failed task is retried by huey (``retries``) and can be re-queued from the page
(``retry``). Each task reports its state and progress in the ``jobs`` table, which the pages poll.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey

from .settings import from_env


def make_huey(redis_url: str | None, data_dir: Path, immediate: bool = False) -> Huey:
    if redis_url:
        return RedisHuey("juesuan", url=redis_url, immediate=immediate)
    data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("juesuan", filename=str(data_dir / "jobs.db"), immediate=immediate)


_settings = from_env()
huey = make_huey(_settings.redis_url, _settings.data_dir, immediate=os.environ.get("JUESUAN_IMMEDIATE_JOBS") == "1")

_ENGINES: dict[str, Any] = {}


def _sessions(database_url: str, data_dir: str):
    """One engine per database for the worker process (tasks carry the URL they were queued for)."""
    from . import db as database
    from .settings import Settings

    if database_url not in _ENGINES:
        settings = Settings(database_url=database_url, data_dir=Path(data_dir))
        _ENGINES[database_url] = database.make_sessions(database.make_engine(settings), settings)
    return _ENGINES[database_url]


def _update(sessions, job_id: int, **values) -> None:
    from .models import Job, now

    with sessions() as db:
        job = db.get(Job, job_id)
        for key, value in values.items():
            setattr(job, key, value)
        job.updated_at = now()
        db.commit()


@huey.task(retries=2, retry_delay=5, context=True)
def run_job(job_id: int, database_url: str, data_dir: str, task=None) -> None:
    """Run one job by its kind (tasks.KINDS); a failure is recorded and re-raised for huey's retry."""
    from .tasks import KINDS

    sessions = _sessions(database_url, data_dir)
    from .models import Job

    with sessions() as db:
        job = db.get(Job, job_id)
        kind, payload, attempts = job.kind, dict(job.payload), job.attempts
    _update(sessions, job_id, state="running", attempts=attempts + 1, error="")

    def progress(done: int, total: int) -> None:
        _update(sessions, job_id, progress=done, total=total)

    try:
        result = KINDS[kind](sessions, payload, progress)
    except Exception as exc:  # noqa: BLE001 - recorded for the page, then retried by huey
        _update(sessions, job_id, state="failed", error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    _update(sessions, job_id, state="done", result=result or {})


def enqueue(db, settings, kind: str, payload: dict[str, Any], user_id: int | None = None,
            filing_id: int | None = None) -> int:
    """Record a job and hand it to the queue; returns its id (the page polls /api/jobs/{id})."""
    from .models import Job

    job = Job(kind=kind, payload=payload, user_id=user_id, filing_id=filing_id)
    db.add(job)
    db.commit()
    run_job(job.id, settings.database_url, str(settings.data_dir))
    return job.id
