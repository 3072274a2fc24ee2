"""The audit report in Debian's chromium (Playwright): page links open the finding's page, filters hide
and show rows, a reviewer's 确认/误报 marks export as JSON. Skips cleanly without chromium (fails in CI)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app

SHARED_PDF = Path(__file__).parents[3] / "shared" / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium (Debian package) is required in CI: make system-packages installs it")
        pytest.skip("chromium not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    if not SHARED_PDF.exists():
        pytest.skip("shared Shanghai PDF not present")
    out = tmp_path_factory.mktemp("audit-browser")
    result = CliRunner().invoke(app, ["check", str(SHARED_PDF), "--html", str(out)])
    assert result.exit_code in (0, 1), result.output
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto((out / f"{SHARED_PDF.stem}.html").as_uri())
        yield page
        browser.close()


def visible(page, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


def test_page_link_opens_that_page_of_the_pdf(browser_page):
    page = browser_page
    links = page.locator("tr.finding a.page")
    assert links.count() > 0
    for i in range(links.count()):
        link = links.nth(i)
        row_where = link.locator("xpath=ancestor::tr[1]").get_attribute("data-where")
        with page.context.expect_page() as opened:
            link.click()
        tab = opened.value
        tab.wait_for_load_state("commit")
        url = tab.url
        tab.close()
        assert url.startswith(SHARED_PDF.resolve().as_uri()), url
        number = int(url.rsplit("#page=", 1)[1])
        assert f"第{number}页" in row_where  # the page the finding names


def test_filters_hide_and_show_rows(browser_page):
    page = browser_page
    total = page.locator("tr.finding").count()
    hints = page.locator('tr.finding[data-severity="提示"]').count()
    assert 0 < hints < total
    page.locator('.filters input[value="sev:提示"]').uncheck()
    assert visible(page, "tr.finding") == total - hints
    assert visible(page, 'tr.finding[data-severity="提示"]') == 0
    assert page.locator("#shown").inner_text() == str(total - hints)
    page.locator('.filters input[value="sev:提示"]').check()
    assert visible(page, "tr.finding") == total
    family = page.locator("tr.finding").first.get_attribute("data-family")
    in_family = page.locator(f'tr.finding[data-family="{family}"]').count()
    page.locator(f'.filters input[value="fam:{family}"]').uncheck()
    assert visible(page, "tr.finding") == total - in_family
    assert visible(page, "section.group") < page.locator("section.group").count()  # emptied groups hide
    page.locator(f'.filters input[value="fam:{family}"]').check()
    assert visible(page, "tr.finding") == total


def test_reviewer_marks_export_as_json(browser_page, tmp_path):
    page = browser_page
    rows = page.locator("tr.finding")
    first, second = rows.nth(0), rows.nth(1)
    first.locator('.mark input[value="确认"]').check()
    second.locator('.mark input[value="误报"]').check()
    with page.expect_download() as download:
        page.locator("#export").click()
    target = tmp_path / "marks.json"
    download.value.save_as(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["file"] == SHARED_PDF.name and len(data["sha256"]) == 64
    marks = {m["id"]: m["mark"] for m in data["marks"]}
    assert marks == {first.get_attribute("id"): "确认", second.get_attribute("id"): "误报"}
    page.reload()  # the marks outlive a reload (localStorage)
    assert page.locator("tr.finding").nth(1).locator('.mark input[value="误报"]').is_checked()


def test_thumbnails_follow_their_finding_through_the_filters(browser_page):
    """A thumbnail row is hidden and shown with its finding, and drawn at a legible width."""
    page = browser_page
    thumbs = page.locator("tr.thumb")
    assert thumbs.count() > 0
    target = thumbs.first.get_attribute("data-for")
    severity = page.locator(f"tr#{target}").get_attribute("data-severity")
    width = page.locator("tr.thumb img").first.evaluate("i => i.getBoundingClientRect().width")
    assert width > 600  # the full-width row (893 px at 1.5 px a point), not squeezed into the 问题 column
    page.locator(f'.filters input[value="sev:{severity}"]').uncheck()
    assert not page.locator(f'tr.thumb[data-for="{target}"]').is_visible()
    page.locator(f'.filters input[value="sev:{severity}"]').check()
    assert page.locator(f'tr.thumb[data-for="{target}"]').is_visible()
