"""The whole review cycle in Debian's chromium, driven by Playwright, with a screenshot of each step.

A department imports its workbook (with one mistyped cell), fixes the finding the editor shows,
submits; the reviewer returns it with a comment; the department fixes and resubmits; the
reviewer approves and publishes; the public portal shows it. Screenshots go to
build/screenshots/web/ (looked at by a person; not compared by the test).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "build" / "screenshots" / "web"
PASSWORD = "pw-browser-1"


def _browser_or_skip():
    if CHROMIUM is None or pytest.importorskip("playwright") is None:
        if os.environ.get("CI"):
            pytest.fail("chromium (Debian package) is required in CI: make system-packages installs it")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    return sync_playwright


def _serve_app(app):
    """Run ``app`` on a free loopback port in a thread; yields its base URL, then stops it."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def live(tmp_path):
    from juesuan.web.app import create_app
    from juesuan.web.demo import seed_people
    from juesuan.web.settings import Settings

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", data_dir=tmp_path / "data")
    app = create_app(settings)
    with app.state.sessions() as db:
        seed_people(db, PASSWORD, without_filing=("a2",))
        db.commit()
    yield from _serve_app(app)


def _workbook_with_a_mistyped_cell(tmp_path: Path) -> tuple[Path, str, str]:
    from openpyxl import load_workbook

    from juesuan.workbook.importer import import_workbooks

    source = ROOT / "examples" / "workbook" / "urumqi-iit-2022.xlsx"
    item = "three_public.final.reception"
    sheet, cell = import_workbooks([source]).cells[item].split("!")
    book = load_workbook(source)
    right = Decimal(str(book[sheet][cell].value))
    book[sheet][cell].value = float(right + 1)  # noqa: money-float-ok (openpyxl writes numbers as floats)
    target = tmp_path / "工作簿.xlsx"
    book.save(target)
    return target, item, format(right, "f")


def sign_in(page, base: str, username: str, password: str) -> None:
    """The login form as a person fills it, then the home page it leads to (every browser test)."""
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_department_and_reviewer_take_a_filing_to_publication(live, tmp_path):
    sync_playwright = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    workbook, item, right = _workbook_with_a_mistyped_cell(tmp_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        department, reviewer = browser.new_page(viewport={"width": 1400, "height": 900}), browser.new_page(
            viewport={"width": 1400, "height": 900})

        def login(page, username):
            sign_in(page, live, username, PASSWORD)

        def act(page, label, comment=""):
            page.fill("#comment", comment)
            with page.expect_navigation():  # the page reloads once the action is recorded
                page.click(f"button.act:has-text('{label}')")

        # 1. the department imports its workbook; the editor shows the finding at the mistyped cell
        login(department, "filler_a2")
        department.set_input_files("#import-files", str(workbook))
        department.click("#import button[type=submit]")
        department.wait_for_url(f"{live}/filings/*")
        cell = department.locator(f'input.amount[data-item="{item}"]')
        department.click("#tab-three_public")
        assert "sev-错误" in cell.get_attribute("class") or "sev-错误" in department.inner_html("#findings")
        assert department.locator("#findings li.sev-错误").count() >= 1
        errors_before = department.locator("#findings li.sev-错误").count()
        department.screenshot(path=str(SHOTS / "01-imported-with-finding.png"), full_page=False)

        # 2. it types the right value: live 审核 clears that finding before saving; then saves
        cell.fill(right)
        department.wait_for_function(f"document.querySelectorAll('#findings li.sev-错误').length < {errors_before}")
        department.click("#save")
        department.wait_for_function("document.getElementById('message').textContent.includes('已保存')")
        department.screenshot(path=str(SHOTS / "02-fixed-and-saved.png"))
        version_after_fix = int(department.inner_text("#version"))
        assert version_after_fix == 2

        # 3. the head submits (the seed's own 自评表 错误 explained in the comment)
        department.click("text=退出")
        login(department, "head_a2")
        department.click("text=乌鲁木齐市示例局")
        act(department, "报送", "自评表中的错误为原公开文件印刷内容，已核实")
        assert "已报送" in department.inner_text("#status")
        department.screenshot(path=str(SHOTS / "03-submitted.png"))

        # 4. the reviewer returns it with a comment
        login(reviewer, "reviewer_a")
        reviewer.goto(f"{live}/review")
        reviewer.screenshot(path=str(SHOTS / "04-review-queue.png"))
        reviewer.click("#queue >> text=乌鲁木齐市示例局")
        act(reviewer, "退回", "请在备注中补充三公经费说明")
        assert "已退回" in reviewer.inner_text("#status")
        reviewer.screenshot(path=str(SHOTS / "05-returned.png"))

        # 5. the department sees the comment, edits, and resubmits
        department.reload()
        assert "请在备注中补充三公经费说明" in department.inner_text("#comments")
        department.click("#tab-three_public")
        department.locator(f'input.amount[data-item="{item}"]').fill(right)
        department.click("#save")
        department.wait_for_function("document.getElementById('message').textContent.includes('已保存')")
        act(department, "报送", "已按意见修改；自评表错误为原文印刷")
        assert "已报送" in department.inner_text("#status")
        department.screenshot(path=str(SHOTS / "06-resubmitted.png"))

        # 6. the reviewer approves and publishes; the package is built and stored
        reviewer.reload()
        act(reviewer, "审核通过")
        assert "已通过" in reviewer.inner_text("#status")
        act(reviewer, "公开")
        assert "已公开" in reviewer.inner_text("#status")
        reviewer.screenshot(path=str(SHOTS / "07-published.png"))

        # 7. the public portal lists it, with its downloads and charts
        public = browser.new_page(viewport={"width": 1400, "height": 900})
        public.goto(f"{live}/public")
        public.click("#results >> text=乌鲁木齐市示例局")
        assert public.locator("a:has-text('PDF')").count() == 1
        public.wait_for_selector("#chart-structure svg")
        public.screenshot(path=str(SHOTS / "08-portal.png"), full_page=True)
        browser.close()
