"""The role matrix: every route × every role → allowed, 403 (role) or 404 (out of scope), 401 anonymous.

Expectations come from ``juesuan.web.rights`` (the single source); the table below only says
which action each route needs. A route missing from the table fails the test, so a new route
cannot ship without its place in the matrix.
"""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from juesuan.fileformat import dumps_yaml
from juesuan.web import jobs, rights
from juesuan.web.models import Filing, Job
from juesuan.web.store import data_of

from .test_api_flow import PASSWORD

PUBLIC = {("POST", "/login"), ("POST", "/logout"), ("GET", "/api/me"), ("GET", "/healthz")}
ROUTES: dict[tuple[str, str], tuple[str | None, bool]] = {  # (method, path) → (action or None = any signed in, scoped)
    ("GET", "/api/filings"): (None, False),
    ("POST", "/api/filings"): ("create_filing", False),
    ("POST", "/api/filings/import"): ("import", False),
    ("GET", "/api/filings/{filing_id}"): ("view_filing", True),
    ("PUT", "/api/filings/{filing_id}/content"): ("edit", True),
    ("POST", "/api/filings/{filing_id}/check"): ("view_filing", True),
    ("GET", "/api/filings/{filing_id}/versions"): ("view_filing", True),
    ("GET", "/api/filings/{filing_id}/diff"): ("view_filing", True),
    ("POST", "/api/filings/{filing_id}/actions"): ("return", True),
    ("POST", "/api/filings/{filing_id}/marks"): ("mark_finding", True),
    ("GET", "/api/filings/{filing_id}/comments"): ("view_filing", True),
    ("POST", "/api/filings/{filing_id}/build"): ("view_filing", True),
    ("POST", "/api/filings/{filing_id}/edits/check"): ("view_filing", True),
    ("PUT", "/api/filings/{filing_id}/edits"): ("edit", True),
    ("POST", "/api/uploads"): ("batch_upload", False),
    ("GET", "/api/jobs/{job_id}"): ("view_filing", True),
    ("POST", "/api/jobs/{job_id}/retry"): ("view_filing", True),
    ("GET", "/api/jobs/{job_id}/files/{index}"): ("view_filing", True),
    ("GET", "/api/jobs/{job_id}/uploads/{index}/pages/{page}.png"): ("view_filing", True),
    ("GET", "/api/review/queue"): ("review_queue", False),
    ("GET", "/api/review/overview"): ("review_queue", False),
    ("GET", "/api/review/{filing_id}/notice.docx"): ("review_queue", True),
    ("GET", "/api/admin/departments"): ("manage", False),
    ("POST", "/api/admin/departments"): ("manage", False),
    ("GET", "/api/admin/users"): ("manage", False),
    ("POST", "/api/admin/users"): ("manage", False),
    ("GET", "/api/admin/audit"): ("manage", False),
}
ROLES = ("anonymous", "filler_a1", "head_a1", "reviewer_a", "reviewer_b", "admin")


def _client(app, username: str) -> TestClient:
    client = TestClient(app)
    if username != "anonymous":
        assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 204
        client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    return client


def _request(client, method, path, filing_id, job_id, example):
    url = path.replace("{filing_id}", str(filing_id)).replace("{job_id}", str(job_id)).replace("{index}", "0").replace("{page}", "1")
    content = data_of(example.model_copy(update={"meta": example.meta.model_copy(update={"year": 2031})}))
    bodies = {
        "/api/filings": {"json": {"content": content, "department_id": 1}},
        "/content": {"json": {"base_version": 1, "content": data_of(example)}},
        "/edits/check": {"json": {"base_version": 1, "changes": {"three_public.final.reception": "0.08"}}},
        "/check": {"json": data_of(example)},
        "/edits": {"json": {"base_version": 1, "changes": {"three_public.final.reception": "0.08"}}},
        "/actions": {"json": {"action": "return", "comment": "请整改"}},
        "/marks": {"json": {"finding_key": "k", "rule_id": "T01-001", "mark": "误报"}},
        "/uploads": {"files": {"files": ("a.txt", b"2022\xe5\xb9\xb4", "text/plain")}},
        "/import": {"files": {"files": ("a.yaml", dumps_yaml(example.model_copy(update={
            "meta": example.meta.model_copy(update={"year": 2032})})).encode(), "application/yaml")}},
        "/diff": {"params": {"before": 1, "after": 1}},
        "/admin/departments": {"json": {"name": "乌鲁木齐市新局", "region": "新疆维吾尔自治区乌鲁木齐市"}},
        "/admin/users": {"json": {"username": "new_user", "password": "a-long-password", "role": "reviewer",
                                  "region_id": 1}},
    }
    options = next((v for k, v in bodies.items() if url.endswith(k) or (k == "/api/filings" and url == k)), {})
    if method == "GET":
        options = {k: v for k, v in options.items() if k == "params"}
    return client.request(method, url, **options)


def test_every_route_is_in_the_matrix(app):
    """Every API route that is not public reading has its action in ROUTES."""
    routes = {(m, r.path) for r in app.routes if isinstance(r, APIRoute) for m in r.methods}
    guarded = {r for r in routes if r[1].startswith("/api/") and not r[1].startswith("/api/public")}
    assert guarded - PUBLIC <= set(ROUTES), f"routes without a place in the role matrix: {guarded - PUBLIC - set(ROUTES)}"


@pytest.mark.parametrize("username", ROLES)
def test_role_matrix(app, seeded, example, username, monkeypatch, tmp_path):
    import pypdfium2

    monkeypatch.setattr(jobs, "run_job", lambda *args, **kwargs: None)  # no rendering here: rights only
    filing_id = seeded.filings["a1"]
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(200, 200)
    pdf.save(str(tmp_path / "upload.pdf"))
    with app.state.sessions() as db:
        job = Job(kind="build", filing_id=filing_id, user_id=seeded.users["head_a1"].id, state="failed",
                  payload={"files": [str(tmp_path / "upload.pdf")]})
        db.add(job)
        db.commit()
        job_id = job.id
    client = _client(app, username)
    users = {name: user for name, user in seeded.users.items()}
    for (method, path), (action, scoped) in ROUTES.items():
        response = _request(client, method, path, filing_id, job_id, example)
        code = response.status_code
        where = f"{username} {method} {path}: {code} {response.text[:200]}"
        if username == "anonymous":
            assert code == 401, where
            continue
        user = users[username]
        with app.state.sessions() as db:
            filing = db.get(Filing, filing_id)
            in_scope = rights.in_scope(user, filing)
        if path.startswith("/api/jobs/") and user.id == seeded.users["head_a1"].id:
            in_scope = True  # a job's owner always sees it
        allowed_role = action is None or path.startswith("/api/jobs/") or user.role in rights.ACTIONS[action]
        if scoped and not in_scope:
            assert code == 404, where
        elif not allowed_role:
            assert code == 403, where
        else:
            assert code not in (401, 403, 404, 422), where


def test_a_department_cannot_reach_another_departments_draft(app, seeded, example):
    """IDOR: changing the id in the URL gives 404, never the other draft or a change to it."""
    client = _client(app, "filler_a1")
    other = seeded.filings["a2"]
    assert client.get(f"/api/filings/{other}").status_code == 404
    response = client.put(f"/api/filings/{other}/content", json={"base_version": 1, "content": data_of(example)})
    assert response.status_code == 404
    assert client.get(f"/api/filings/{other}/versions").status_code == 404
    reviewer = _client(app, "reviewer_b")
    assert reviewer.get(f"/api/filings/{seeded.filings['a1']}").status_code == 404
    ids = {row["id"] for row in reviewer.get("/api/review/queue").json()}
    assert ids == {seeded.filings["b1"]}
