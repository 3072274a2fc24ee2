"""Background jobs through huey: SQLite storage by default, Redis when ``JUESUAN_REDIS_URL`` is set.

The web process only records a job (the ``jobs`` table, which the pages read) and puts a message on
the queue; a huey consumer (``juesuan worker``, or the one ``juesuan serve`` starts beside the server)
runs it. What a user can count on (docs/workspace.md, tests/web/test_jobs_worker.py):

- Queued work lives in the queue's storage (the SQLite file or Redis), not in a process: a job queued
  while no worker runs, or before the web server restarts, runs when a worker starts.
- A job that fails is shown as failed with its reason; whoever could start it may retry it (``retry``).
- A job that was running when its worker stopped is run again from the start (a job reads its inputs
  and writes its outputs afresh), up to ``MAX_RUNS`` runs; one that was cut off that often is shown as
  failed with that reason instead of stopping workers for ever. A worker stopped by SIGTERM puts its
  job back itself; one killed outright (SIGKILL, out of memory, power) leaves it ``running``: a worker
  starting on the same machine sees that its process is gone and puts it back; any worker, every minute,
  puts back a job of another machine's worker that has shown no life (progress, the 30 s heartbeat) for
  ``STALE_AFTER``.
- A message for a job that is not queued (done, failed, or running in a live worker) is dropped, so a
  duplicate message never runs a job twice at once.

``JUESUAN_QUEUE`` names the queue (default ``juesuan``): web server and worker must agree.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import threading
import time
from pathlib import Path
from typing import Any

from huey import Huey, crontab
from huey.signals import SIGNAL_INTERRUPTED
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import and_, false, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from .settings import Settings, from_env

logger = logging.getLogger(__name__)
MAX_RUNS = 3
"""Runs of one job (each start counts) before an interrupted job is given up as failed."""
HEARTBEAT = dt.timedelta(seconds=30)
"""How often a worker marks its running jobs alive."""
STALE_AFTER = dt.timedelta(minutes=5)
"""A job of another machine's worker with no sign of life for this long is put back (10 heartbeats missed)."""
_TOKENS: dict[int, str] = {}


def _storage(redis_url: str | None, data_dir: Path) -> tuple[type, dict[str, Any]]:
    if redis_url:
        return RedisStorage, {"url": redis_url}
    data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteStorage, {"filename": str(data_dir / "jobs.db")}


def _queue_name() -> str:
    return os.environ.get("JUESUAN_QUEUE") or "juesuan"


def make_huey(redis_url: str | None, data_dir: Path, immediate: bool = False) -> Huey:
    storage_class, kwargs = _storage(redis_url, data_dir)
    return Huey(_queue_name(), storage_class=storage_class, immediate=immediate, **kwargs)


_settings = from_env()
huey = make_huey(_settings.redis_url, _settings.data_dir, immediate=os.environ.get("JUESUAN_IMMEDIATE_JOBS") == "1")
_bound = (_queue_name(), _settings.redis_url, str(_settings.data_dir))


def bind(settings: Settings) -> None:
    """Send to the queue of ``settings`` (the web app's); the worker's queue comes from its environment."""
    global _bound
    key = (_queue_name(), settings.redis_url, str(settings.data_dir))
    if key == _bound:
        return
    huey.name = key[0]
    huey.storage_class, huey.storage_kwargs = _storage(settings.redis_url, settings.data_dir)
    huey.storage = huey.create_storage()  # an in-memory one while huey.immediate (tests)
    _bound = key


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, Linux /proc); None when it is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] == "Z" else fields[19]


def _token() -> str:
    """This process's start time where /proc tells it (a pid reused later has another), else a random token."""
    pid = os.getpid()
    if pid not in _TOKENS:
        _TOKENS[pid] = _started(pid) or "r" + secrets.token_hex(4)
    return _TOKENS[pid]


def worker_id() -> str:
    """This process as recorded on the jobs it runs: ``host:pid:token``."""
    return f"{socket.gethostname()}:{os.getpid()}:{_token()}"[-120:]


_ENGINES: dict[str, Any] = {}
_ACTIVE: set[tuple[str, int]] = set()
"""Jobs running in this process now: (database URL, job id)."""


def _sessions(database_url: str, data_dir: str):
    """One engine per database for the worker process (tasks carry the URL they were queued for)."""
    from . import db as database

    if database_url not in _ENGINES:
        settings = Settings(database_url=database_url, data_dir=Path(data_dir))
        _ENGINES[database_url] = database.make_sessions(database.make_engine(settings), settings)
    return _ENGINES[database_url]


def _set(sessions, job_id: int, **values) -> bool:
    """Change a job this process runs; False when it is no longer ours (put back, or run elsewhere)."""
    from .models import Job, now

    with sessions() as db:
        changed = db.execute(update(Job).where(Job.id == job_id, Job.state == "running", Job.worker == worker_id())
                             .values(updated_at=now(), **values)).rowcount
        db.commit()
    return changed == 1


def _claim(sessions, database_url: str, job_id: int):
    """Mark the job running in this process if it is queued (or ours from a run huey retries)."""
    from .models import Job, now

    mine = and_(Job.state == "running", Job.worker == worker_id()) if (database_url, job_id) not in _ACTIVE else false()
    with sessions() as db:
        claimed = db.execute(update(Job).where(Job.id == job_id, or_(Job.state == "queued", mine)).values(
            state="running", worker=worker_id(), attempts=Job.attempts + 1, progress=0, error="",
            updated_at=now())).rowcount
        db.commit()
        return db.get(Job, job_id) if claimed == 1 else None


class _NotOurs(Exception):
    """The job was put back (its worker stopping) or taken over: the run in hand stops."""


@huey.task(retries=3, retry_delay=10, context=True)
def run_job(job_id: int, database_url: str, data_dir: str, task=None) -> None:
    """Run one job by its kind (tasks.KINDS). A failure of the work is final and shown with its reason;
    only a failure to reach the database propagates, for huey to try again."""
    from .tasks import KINDS

    sessions = _sessions(database_url, data_dir)
    job = _claim(sessions, database_url, job_id)
    if job is None:
        logger.info("job %s is not queued: message dropped", job_id)
        return
    _ACTIVE.add((database_url, job_id))

    def progress(done: int, total: int) -> None:
        if not _set(sessions, job_id, progress=done, total=total):
            raise _NotOurs

    try:
        work = KINDS.get(job.kind)
        try:
            if work is None:
                raise LookupError(f"未知的任务类型 / unknown job kind: {job.kind}")
            result = work(sessions, dict(job.payload), progress)
        except _NotOurs:
            logger.warning("job %s was put back while running here: this run stops", job_id)
            return
        except Exception as exc:  # noqa: BLE001 - the reason goes to the page; the trace to the worker's log
            logger.exception("job %s (%s) failed", job_id, job.kind)
            _set(sessions, job_id, state="failed", error=f"{type(exc).__name__}: {exc}"[:2000])
            return
        _set(sessions, job_id, state="done", result=result or {})
    finally:
        _ACTIVE.discard((database_url, job_id))


def _send(settings: Settings, job_id: int) -> None:
    """Put the job's message on the queue; a queue that cannot be reached fails the job with that reason."""
    bind(settings)
    try:
        run_job(job_id, settings.database_url, str(settings.data_dir))
    except Exception as exc:  # noqa: BLE001 - Redis down, storage unwritable: shown, retryable
        from .models import Job, now

        logger.exception("job %s could not be queued", job_id)
        with settings_sessions(settings)() as db:
            db.execute(update(Job).where(Job.id == job_id, Job.state == "queued").values(
                state="failed", error=f"无法放入任务队列 / the queue cannot be reached: {type(exc).__name__}: {exc}"[:2000],
                updated_at=now()))
            db.commit()


def settings_sessions(settings: Settings):
    return _sessions(settings.database_url, str(settings.data_dir))


def enqueue(db, settings, kind: str, payload: dict[str, Any], user_id: int | None = None,
            filing_id: int | None = None) -> int:
    """Record a job and hand it to the queue; returns its id (the page polls /api/jobs/{id})."""
    from .models import Job

    job = Job(kind=kind, payload=payload, user_id=user_id, filing_id=filing_id)
    db.add(job)
    db.commit()
    _send(settings, job.id)
    return job.id


def retry(db, settings: Settings, job) -> bool:
    """Queue a failed job again (its runs counted afresh); False when it is not failed (any more)."""
    from .models import Job, now

    changed = db.execute(update(Job).where(Job.id == job.id, Job.state == "failed").values(
        state="queued", error="", progress=0, total=0, attempts=0, result={}, updated_at=now())).rowcount
    db.commit()
    if changed != 1:
        return False
    db.refresh(job)  # as queued: a worker may claim it the moment the message is sent
    _send(settings, job.id)
    return True


def _put_back(sessions, job_id: int, database_url: str, data_dir: str, why: str, owner: str) -> str | None:
    """A job ``owner`` was running when it stopped: queued again, or failed after MAX_RUNS runs."""
    from .models import Job, now

    with sessions() as db:
        job = db.get(Job, job_id)
        if job is None or job.state != "running" or job.worker != owner:
            return None
        if job.attempts >= MAX_RUNS:
            values = {"state": "failed", "error": f"{why}；已执行 {job.attempts} 次均未完成，不再自动重做，"
                                                  f"请查明原因后点“重试” / stopped {job.attempts} times, given up"}
        else:
            values = {"state": "queued", "error": f"{why}，已重新排队 / interrupted, queued again"}
        changed = db.execute(update(Job).where(Job.id == job_id, Job.state == "running", Job.worker == owner)
                             .values(updated_at=now(), **values)).rowcount
        db.commit()
    if changed != 1:
        return None
    if values["state"] == "queued":
        run_job(job_id, database_url, data_dir)
    logger.warning("job %s: %s → %s", job_id, why, values["state"])
    return values["state"]


@huey.signal(SIGNAL_INTERRUPTED)
def _interrupted(_signal, task, *_args, **_kwargs) -> None:
    """The worker stops (SIGTERM) while running ``task``: put its job back on the queue."""
    if not isinstance(task, run_job.task_class):
        return
    job_id, database_url, data_dir = task.args[:3]
    try:
        _put_back(_sessions(database_url, data_dir), job_id, database_url, data_dir,
                  "后台任务进程停止时任务未完成", worker_id())
    except Exception:  # noqa: BLE001 - the next worker's start finds it
        logger.exception("job %s could not be put back", job_id)


def _process_gone(worker: str, host: str) -> bool:
    """True when the worker that recorded ``worker`` (host:pid:token) on this host runs no more."""
    try:
        worker_host, pid_text, token = worker.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return bool(worker == "")  # running from before workers were recorded: nobody to wait for
    if worker_host != host:
        return False  # another machine's worker puts its own jobs back
    if pid == os.getpid():
        return token != _token()  # same pid, earlier process (pid 1 in a restarted container)
    if not token.startswith("r"):  # a start time: the process is gone, a zombie, or the pid now another's
        return _started(pid) != token
    try:  # no /proc where it ran: whether the pid runs is all we know
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def _stale(updated_at, limit: dt.timedelta) -> bool:
    if updated_at is None:
        return True
    if updated_at.tzinfo is None:  # SQLite keeps no zone; we write UTC
        updated_at = updated_at.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc) - updated_at > limit


def recover(settings: Settings, stale_after: dt.timedelta = STALE_AFTER) -> dict[int, str]:
    """Put back the running jobs whose worker is gone; {job id: new state}. On this machine a worker is gone
    when its process is; on another, when it has not shown life (progress, heartbeat) for ``stale_after``."""
    sessions = settings_sessions(settings)
    from .models import Job

    try:
        with sessions() as db:
            running = db.execute(select(Job.id, Job.worker, Job.updated_at).where(Job.state == "running")).all()
    except SQLAlchemyError as exc:  # no schema yet (the web server migrates it), database down
        logger.warning("jobs not checked for a dead worker's: %s", exc)
        return {}
    host, out = socket.gethostname(), {}
    for job_id, worker, updated_at in running:
        if worker.rsplit(":", 2)[0] == host or worker == "":
            gone, why = _process_gone(worker, host), "执行该任务的后台进程已不在运行"
        else:
            gone, why = _stale(updated_at, stale_after), f"执行该任务的后台进程（{worker.rsplit(':', 2)[0]}）已超过 " \
                f"{int(stale_after.total_seconds() // 60)} 分钟没有响应"
        if gone:
            state = _put_back(sessions, job_id, settings.database_url, str(settings.data_dir), why, worker)
            if state:
                out[job_id] = state
    return out


def beat() -> int:
    """Show that this process's running jobs are alive (``updated_at``); the number of jobs touched."""
    from .models import Job, now

    touched = 0
    for database_url, job_id in list(_ACTIVE):
        sessions = _ENGINES.get(database_url)
        if sessions is None:
            continue
        with sessions() as db:
            touched += db.execute(update(Job).where(Job.id == job_id, Job.state == "running", Job.worker == worker_id())
                                  .values(updated_at=now())).rowcount
            db.commit()
    return touched


def _heartbeat() -> None:
    while True:
        time.sleep(HEARTBEAT.total_seconds())
        try:
            beat()
        except Exception:  # noqa: BLE001 - the database may be away for a while
            logger.exception("job heartbeat failed")


_started_once = threading.Lock()
_started_flag: list[bool] = []


@huey.on_startup()
def _at_start() -> None:
    """Once per worker process, before its first task (huey calls this in each worker thread): put back what
    dead workers left running, and start the heartbeat of this worker's jobs (a worker process, never the web)."""
    with _started_once:
        if _started_flag:
            return
        _started_flag.append(True)
    threading.Thread(target=_heartbeat, name="juesuan-job-heartbeat", daemon=True).start()
    _recover_logged()


def _recover_logged() -> None:
    try:
        found = recover(from_env())
    except Exception:  # noqa: BLE001 - a worker that cannot look still runs the queue
        logger.exception("jobs not checked for a dead worker's")
        return
    if found:
        logger.warning("jobs left by a stopped worker: %s", found)


@huey.periodic_task(crontab(minute="*"))
def recover_every_minute() -> None:
    """Any running worker also looks every minute: a worker on another machine may never come back."""
    _recover_logged()
