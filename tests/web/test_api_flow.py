"""The editor API end to end: sign in, live 审核, save versions, conflicts, the workflow."""

from __future__ import annotations

from decimal import Decimal

from fastapi.testclient import TestClient

from juesuan.model import lookup, replace_value
from juesuan.web.store import data_of

PASSWORD = "pw-test-123"


def sign_in(app, username: str) -> TestClient:
    client = TestClient(app)
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 204, response.text
    client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    return client


def test_save_creates_versions_and_stale_save_is_409(app, seeded):
    client = sign_in(app, "filler_a1")
    filing_id = seeded.filings["a1"]
    shown = client.get(f"/api/filings/{filing_id}").json()
    assert shown["version"] == 1 and shown["editable"]
    content = shown["content"]
    first = client.put(f"/api/filings/{filing_id}/content", json={"base_version": 1, "content": content, "note": "a"})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.put(f"/api/filings/{filing_id}/content", json={"base_version": 1, "content": content})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    versions = client.get(f"/api/filings/{filing_id}/versions").json()
    assert [v["number"] for v in versions] == [1, 2]


def test_live_check_sees_an_edit_before_it_is_saved(app, seeded, example):
    client = sign_in(app, "filler_a1")
    filing_id = seeded.filings["a1"]
    path = "expenditure.total.basic"
    changed = replace_value(example, path, lookup(example, path) + Decimal("1.00"))
    before = client.post(f"/api/filings/{filing_id}/check", json=data_of(example)).json()
    after = client.post(f"/api/filings/{filing_id}/check", json=data_of(changed)).json()
    assert after["counts"]["错误"] > before["counts"]["错误"]
    assert any(path in (f["location"].get("item") or "") or path in f["related"] for f in after["findings"])


def test_diff_names_the_changed_cell(app, seeded, example):
    client = sign_in(app, "filler_a1")
    filing_id = seeded.filings["a1"]
    path = "three_public.final.reception"
    changed = replace_value(example, path, lookup(example, path) + Decimal("0.01"))
    assert client.put(f"/api/filings/{filing_id}/content",
                      json={"base_version": 1, "content": data_of(changed)}).status_code == 200
    changes = client.get(f"/api/filings/{filing_id}/diff", params={"before": 1, "after": 2}).json()["changes"]
    assert [c["path"] for c in changes] == ["tables.three_public.final.reception"]


def test_workflow_submit_return_resubmit_approve_publish_correct(app, seeded):
    filing_id = seeded.filings["b1"]  # the Shanghai example
    head, reviewer = sign_in(app, "head_b1"), sign_in(app, "reviewer_b")
    errors = head.get(f"/api/filings/{filing_id}").json()["counts"]["错误"]
    assert errors, "the example keeps its printed defects (docs/examples.md)"
    bare = head.post(f"/api/filings/{filing_id}/actions", json={"action": "submit"})
    assert bare.status_code == 409  # a version with 错误 is submitted only with an explanation
    explained = {"action": "submit", "comment": "错误为原公开文件印刷内容，已核实并保留"}
    assert head.post(f"/api/filings/{filing_id}/actions", json=explained).json()["status"] == "submitted"
    assert reviewer.post(f"/api/filings/{filing_id}/actions", json={"action": "return"}).status_code == 422
    returned = reviewer.post(f"/api/filings/{filing_id}/actions", json={"action": "return", "comment": "请补充"})
    assert returned.json()["status"] == "returned"
    assert head.post(f"/api/filings/{filing_id}/actions", json=explained).json()["status"] == "submitted"
    assert reviewer.post(f"/api/filings/{filing_id}/actions", json={"action": "approve"}).json()["status"] == "approved"
    published = reviewer.post(f"/api/filings/{filing_id}/actions", json={"action": "publish"})
    assert published.json()["status"] == "published", published.text
    assert head.post(f"/api/filings/{filing_id}/actions", json={"action": "correct"}).json()["status"] == "draft"


def test_csrf_is_required_for_every_change(app, seeded):
    client = sign_in(app, "filler_a1")
    del client.headers["X-CSRF-Token"]
    filing_id = seeded.filings["a1"]
    content = client.get(f"/api/filings/{filing_id}").json()["content"]
    response = client.put(f"/api/filings/{filing_id}/content", json={"base_version": 1, "content": content})
    assert response.status_code == 403
    client.headers["X-CSRF-Token"] = "forged"
    assert client.put(f"/api/filings/{filing_id}/content",
                      json={"base_version": 1, "content": content}).status_code == 403


def test_login_issues_a_new_session_and_rate_limits_failures(app, seeded):
    client = TestClient(app, cookies={"juesuan_session": "attacker-chosen-token"})
    response = client.post("/login", data={"username": "filler_a1", "password": PASSWORD})
    assert response.cookies["juesuan_session"] not in ("", "attacker-chosen-token")
    assert "HttpOnly" in response.headers["set-cookie"] and "SameSite=lax" in response.headers["set-cookie"]
    planted = TestClient(app, cookies={"juesuan_session": "attacker-chosen-token"})
    assert planted.get("/api/me").json() == {"signed_in": False}
    other = TestClient(app)
    codes = [other.post("/login", data={"username": "head_a1", "password": "wrong"}).status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert other.post("/login", data={"username": "head_a1", "password": PASSWORD}).status_code == 429


def test_admin_adds_a_department_and_a_reviewer_who_can_sign_in(app, seeded):
    admin = sign_in(app, "admin")
    department = admin.post("/api/admin/departments", json={"name": "乌鲁木齐市新局", "region": "新疆维吾尔自治区乌鲁木齐市"})
    assert department.status_code == 201
    bad = admin.post("/api/admin/departments", json={"name": "某局", "region": "某市", "profile": "../../etc/passwd"})
    assert bad.status_code == 422 and "未知模板" in bad.text
    user = admin.post("/api/admin/users", json={"username": "new_reviewer", "password": "long-password-1",
                                                "role": "reviewer", "region_id": department.json()["region_id"]})
    assert user.status_code == 201
    client = TestClient(app)
    assert client.post("/login", data={"username": "new_reviewer", "password": "long-password-1"}).status_code == 204
    actions = [e["action"] for e in admin.get("/api/admin/audit").json()]
    assert {"add_department", "add_user", "login"} <= set(actions)


def test_an_input_the_narrative_needs_is_filled_where_the_finding_points(app, seeded, example):
    """A missing 上年数 is an I-001 finding located at its field; filling that field clears it."""
    client = sign_in(app, "filler_a1")
    filing_id = seeded.filings["a1"]
    item = next(iter(example.comparisons))
    field = f"comparisons.{item}.prior_year"
    blank = client.post(f"/api/filings/{filing_id}/edits/check", json={"base_version": 1, "fields": {field: ""}}).json()
    assert any(f["rule_id"] == "I-001" and f["location"].get("item") == field for f in blank["findings"])
    saved = client.put(f"/api/filings/{filing_id}/edits", json={"base_version": 1, "fields": {field: ""}})
    assert saved.status_code == 200
    value = format(example.comparisons[item].prior_year, "f")
    filled = client.put(f"/api/filings/{filing_id}/edits", json={"base_version": 2, "fields": {field: value}}).json()
    assert not any(f["rule_id"] == "I-001" and f["location"].get("item") == field for f in filled["findings"])
    bad = client.put(f"/api/filings/{filing_id}/edits", json={"base_version": 3, "fields": {field: "很多"}})
    assert bad.status_code == 422


def test_live_scoring_follows_an_indicator_score_edit(app, seeded, example):
    """Editing a 自评表 得分 re-runs the scoring rules: the printed sum follows, the policy's total does not."""
    client = sign_in(app, "filler_a1")
    filing_id = seeded.filings["a1"]
    project = next(i for i, p in enumerate(example.performance.projects)
                   if any(x.score is not None and not x.is_placeholder for x in p.indicators))
    index = next(i for i, x in enumerate(example.performance.projects[project].indicators)
                 if x.score is not None and not x.is_placeholder)
    old = example.performance.projects[project].indicators[index].score
    field = f"performance.projects.{project}.indicators.{index}.score"
    before = client.post(f"/api/filings/{filing_id}/edits/check", json={"base_version": 1}).json()["scores"][project]
    after = client.post(f"/api/filings/{filing_id}/edits/check",
                        json={"base_version": 1, "fields": {field: format(old - 1, "f")}}).json()["scores"][project]
    assert Decimal(after["printed_sum"]) == Decimal(before["printed_sum"]) - 1
    assert after["recomputed_total"] == before["recomputed_total"]
    page = client.get(f"/filings/{filing_id}").text
    assert f'data-field="{field}"' in page and "绩效自评" in page
