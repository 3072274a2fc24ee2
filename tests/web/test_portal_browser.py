"""The portal in Debian's chromium: search, drill-down, comparison, downloads, and axe-core."""

from __future__ import annotations

import pytest

from .conftest import ROOT
from .test_browser import CHROMIUM, SHOTS, _browser_or_skip, _serve_app

AXE = ROOT / "src" / "juesuan" / "web" / "static" / "vendor" / "axe.min.js"


@pytest.fixture
def portal(tmp_path):
    from juesuan.web.app import create_app
    from juesuan.web.demo import seed_demo
    from juesuan.web.settings import Settings

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", data_dir=tmp_path / "data"))
    assert seed_demo(app.state.sessions)
    yield from _serve_app(app)


def _axe_serious(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core missing: make web-assets installs it from the npm lockfile")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations"
                           ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                           ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")
    return result


def test_portal_search_drill_down_compare_download_and_accessibility(portal):
    sync_playwright = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{portal}/public")
        assert page.locator("#results tbody tr").count() == 2  # the draft from the workbook is not public
        assert _axe_serious(page) == []
        page.fill("#q", "2080505")  # search by 科目编码
        with page.expect_navigation():
            page.click("form[role=search] button[type=submit]")
        assert page.locator("#results tbody tr").count() >= 1 and "2080505" in page.inner_text("#results")
        page.screenshot(path=str(SHOTS / "portal-01-search.png"))

        page.click("#results a >> nth=0")
        page.wait_for_selector("#chart-structure svg")
        assert _axe_serious(page) == []
        before = page.inner_text("#chart-structure")
        page.locator("#chart-structure svg text").first.click()  # drill into the first 类
        page.wait_for_function("(b) => document.querySelector('#chart-structure').innerText !== b", arg=before)
        page.screenshot(path=str(SHOTS / "portal-02-drill-down.png"))
        with page.expect_download() as download:
            page.click("a:has-text('CSV（数据）')")
        assert download.value.suggested_filename.endswith(".csv")
        pdf = page.locator("a:has-text('PDF')").get_attribute("href")
        assert page.request.get(f"{portal}{pdf}").body()[:4] == b"%PDF"

        page.goto(f"{portal}/public/compare")
        page.wait_for_selector("#chart-compare svg")
        assert page.locator("#compare tbody tr").count() == 1  # one department per year here (2022 / 2024)
        assert _axe_serious(page) == []
        page.screenshot(path=str(SHOTS / "portal-03-compare.png"))
        browser.close()
