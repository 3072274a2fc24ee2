"""重试 of a failed job, in Debian's chromium driven by Playwright: on the 后台任务 page and in the editor.

A real worker process (``juesuan worker`` with a probe kind and a ``build`` that fails while a file exists,
tests/web/jobs_blocking_worker.py) serves a live server on loopback (SQLite, huey's SQLite queue). The user
sees 失败 with its reason and a 重试 button; the test removes the cause; the user clicks 重试 and sees the
job queued, running (with its progress) and done — the editor's build with its downloads. Screenshots go
to build/screenshots/web/ (looked at by a person; not compared by the test). Every wait is bounded.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from .test_browser import CHROMIUM, SHOTS, _browser_or_skip, _serve_app, sign_in

PASSWORD = "pw-browser-jobs-1"
WORKER = Path(__file__).with_name("jobs_blocking_worker.py")
WAIT_MS = 60_000
"""The longest any single wait may take on a loaded machine (a pass takes a small part of it)."""
REASON = "探针：输入文件暂不可用"


@pytest.fixture
def jobs_live(tmp_path, monkeypatch):
    """A live server with the demo people, a worker process on the same queue, and the blocker file."""
    from juesuan.web import jobs
    from juesuan.web.app import create_app
    from juesuan.web.demo import seed_people
    from juesuan.web.settings import Settings

    monkeypatch.setenv("JUESUAN_QUEUE", "juesuan-browser-" + secrets.token_hex(4))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", data_dir=tmp_path / "data")
    app = create_app(settings)
    with app.state.sessions() as db:
        people = seed_people(db, PASSWORD)
        db.commit()
    jobs.bind(settings)
    jobs.huey.immediate = False
    blocker = tmp_path / "blocker"
    blocker.write_text(REASON, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUESUAN_")}
    env.update(JUESUAN_DATABASE_URL=settings.database_url, JUESUAN_DATA_DIR=str(settings.data_dir),
               JUESUAN_QUEUE=os.environ["JUESUAN_QUEUE"], TEST_BUILD_BLOCKER=str(blocker))
    with open(tmp_path / "worker.log", "wb") as log:
        worker = subprocess.Popen([sys.executable, str(WORKER)], env=env, stdout=log, stderr=subprocess.STDOUT,
                                  cwd=tmp_path)
    try:
        for base in _serve_app(app):
            yield {"base": base, "app": app, "settings": settings, "people": people, "blocker": blocker,
                   "log": tmp_path / "worker.log"}
    finally:
        worker.kill()
        worker.wait(timeout=10)
        jobs.huey.storage.flush_all()
        jobs.huey.immediate = True
        app.state.engine.dispose()


def _browser_page(p, base: str, username: str):
    browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(WAIT_MS)
    sign_in(page, base, username, PASSWORD)
    return browser, page


def test_a_failed_job_is_retried_from_the_jobs_page(jobs_live):
    from juesuan.web import jobs

    sync_playwright = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    live = jobs_live
    with live["app"].state.sessions() as db:
        job_id = jobs.enqueue(db, live["settings"], "probe", {"steps": 8, "pause": 0.5,
                                                              "fail_while": str(live["blocker"])},
                              live["people"].users["admin"].id)
    with sync_playwright() as p:
        browser, page = _browser_page(p, live["base"], "admin")
        page.goto(f"{live['base']}/jobs")
        row = page.locator(f"#job-{job_id}")
        # the page follows the job until the worker has failed it: 失败, the reason, a 重试 button
        page.wait_for_function(f"document.getElementById('job-{job_id}').dataset.state === 'failed'")
        assert row.locator(".job-state").inner_text() == "失败"
        assert row.locator(".job-note").inner_text() == f"失败原因：RuntimeError: {REASON}"
        assert row.locator(".job-attempts").inner_text() == "1"
        row.locator("button.job-retry").focus()
        page.screenshot(path=str(SHOTS / "11-jobs-failed.png"))

        live["blocker"].unlink()  # the cause is removed; the user retries
        row.locator("button.job-retry").click()
        page.wait_for_function("document.getElementById('jobs-message').textContent.includes('已重新排队')")
        assert row.locator("button.job-retry").count() == 0  # no second retry while it runs
        # running, with progress between 0 and 8 (the worker takes 0.5 s a step; the page polls every second)
        page.wait_for_function(f"""(() => {{ const row = document.getElementById('job-{job_id}');
            const bar = row.querySelector('.job-progress');
            return row.dataset.state === 'running' && bar.value > 0 && bar.value < 8; }})()""")
        assert row.locator(".job-state").inner_text() == "执行中"
        page.screenshot(path=str(SHOTS / "12-jobs-retried-running.png"))
        page.wait_for_function(f"document.getElementById('job-{job_id}').dataset.state === 'done'")
        assert row.locator(".job-state").inner_text() == "完成"
        assert row.locator(".job-count").inner_text() == "8/8"
        assert row.locator(".job-note").inner_text() == ""  # the old reason is gone
        page.screenshot(path=str(SHOTS / "13-jobs-retried-done.png"))
        page.reload()  # what the server renders agrees
        assert row.locator(".job-state").inner_text() == "完成" and row.locator("button.job-retry").count() == 0
        browser.close()


def test_a_failed_build_is_retried_in_the_editor(jobs_live):
    sync_playwright = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    live = jobs_live
    filing = live["people"].filings["a1"]
    with sync_playwright() as p:
        browser, page = _browser_page(p, live["base"], "filler_a1")
        page.goto(f"{live['base']}/filings/{filing}")
        page.click("#build")
        page.wait_for_function("document.getElementById('message').textContent.includes('生成失败')")
        assert page.inner_text("#message").startswith(f"生成失败：RuntimeError: {REASON}")
        retry = page.locator("#message button:has-text('重试')")
        assert retry.count() == 1
        retry.focus()
        page.screenshot(path=str(SHOTS / "14-editor-build-failed.png"))

        live["blocker"].unlink()
        retry.click()
        page.wait_for_function("document.getElementById('message').textContent.includes('已重新排队')"
                               " || document.querySelectorAll('#message a').length > 0")
        # the real build (PDF, DOCX, XLSX, HTML) runs; the editor shows the downloads when it is done
        page.wait_for_function("document.querySelectorAll('#message a').length === 4")
        names = sorted(a.inner_text() for a in page.locator("#message a").all())
        assert names == sorted(f"2022-决算公开.{s}" for s in ("docx", "html", "pdf", "xlsx")), names
        page.screenshot(path=str(SHOTS / "15-editor-build-retried-done.png"))
        href = page.locator("#message a:has-text('.pdf')").get_attribute("href")
        pdf = page.request.get(live["base"] + href)
        assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"

        page.goto(f"{live['base']}/jobs")  # the 后台任务 page tells the same story
        row = page.locator("tr[data-kind='build']")
        assert row.count() == 1 and row.locator(".job-state").inner_text() == "完成"
        page.screenshot(path=str(SHOTS / "16-jobs-after-editor-retry.png"))
        browser.close()
