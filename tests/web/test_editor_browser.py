"""The editor's findings list in chromium: what the page renders survives the script's first live check.

The page lists the stored version's findings with the reviewer's 确认/误报/已整改 buttons and, for a
department, the input each I-001 finding asks for (上年数, 主要原因). The script's first check only marks the
cells (it used to rebuild the list without either); typing into such an input keeps it — same element, focus
kept — through the live checks that follow, also once its finding is answered. Screenshots in
build/screenshots/web/ (looked at by a person).
"""

from __future__ import annotations

import pytest

from .test_browser import CHROMIUM, SHOTS, _browser_or_skip, _serve_app, sign_in

PASSWORD = "pw-browser-editor-1"
WAIT_MS = 60_000


@pytest.fixture
def editor_live(tmp_path):
    """A live server whose Urumqi filing has a version with one 上年数 left blank (an I-001 finding)."""
    from juesuan.web import store
    from juesuan.web.app import create_app
    from juesuan.web.demo import seed_people
    from juesuan.web.models import Filing, User
    from juesuan.web.routes.filings import _apply_fields
    from juesuan.web.settings import Settings

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", data_dir=tmp_path / "data")
    app = create_app(settings)
    with app.state.sessions() as db:
        people = seed_people(db, PASSWORD)
        filing = db.get(Filing, people.filings["a1"])
        disclosure = store.disclosure_of(store.current_version(db, filing))
        item = next(iter(disclosure.comparisons))
        field = f"comparisons.{item}.prior_year"
        filler = db.query(User).filter_by(username="filler_a1").one()
        store.save(db, filing, 1, _apply_fields(disclosure, {field: ""}), filler, "上年数待补")
        db.commit()
        right = format(disclosure.comparisons[item].prior_year, "f")
    for base in _serve_app(app):
        yield {"base": base, "filing": people.filings["a1"], "field": field, "right": right}
    app.state.engine.dispose()


def _signed_in(browser, base: str, username: str):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(WAIT_MS)
    sign_in(page, base, username, PASSWORD)
    return page


def _open_editor(page, base: str, filing: int) -> None:
    """Open the editor and wait for the script's first live check to be answered and applied."""
    with page.expect_response(lambda r: r.url.endswith("/edits/check")):
        page.goto(f"{base}/filings/{filing}")
    page.wait_for_function("document.querySelectorAll('input.amount.sev-错误, input.amount.sev-警告, "
                           "input.amount.sev-提示').length > 0")


def test_the_pages_findings_keep_marks_and_inputs_while_checking(editor_live):
    sync_playwright = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    live, field = editor_live, editor_live["field"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

        reviewer = _signed_in(browser, live["base"], "reviewer_a")
        _open_editor(reviewer, live["base"], live["filing"])
        findings = reviewer.locator("#findings > li").count()
        assert findings > 0 and reviewer.locator("#findings .marks").count() == findings
        reviewer.locator("#findings .marks button.mark").first.click()
        reviewer.wait_for_function("document.getElementById('message').textContent.includes('已标记：确认')")
        reviewer.screenshot(path=str(SHOTS / "17-reviewer-marks-after-live-check.png"))

        department = _signed_in(browser, live["base"], "filler_a1")
        _open_editor(department, live["base"], live["filing"])
        box = department.locator(f'#findings input.field[data-field="{field}"]')
        assert box.count() == 1  # the I-001 input the page rendered is still there
        box.click()
        right = live["right"]
        with department.expect_response(lambda r: r.url.endswith("/edits/check")):
            box.type(right[:1])  # one character, then a pause: the live check answers and the list is rebuilt
        department.wait_for_timeout(300)
        typed = department.locator(f'#findings input.field[data-field="{field}"]')
        assert typed.count() == 1 and typed.input_value() == right[:1]
        assert department.evaluate("document.activeElement.dataset.field") == field  # focus stayed
        with department.expect_response(lambda r: r.url.endswith("/edits/check")):
            department.keyboard.type(right[1:])
        department.wait_for_timeout(300)
        typed = department.locator(f'#findings input.field[data-field="{field}"]')
        assert typed.count() == 1 and typed.input_value() == right
        assert department.evaluate("document.activeElement.dataset.field") == field
        assert not department.locator(f'#findings li:has-text("I-001"):has(input[data-field="{field}"])').count()
        department.screenshot(path=str(SHOTS / "18-editor-input-kept-while-checking.png"))
        department.click("#save")
        department.wait_for_function("document.getElementById('message').textContent.includes('已保存')")
        browser.close()
