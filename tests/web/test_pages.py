"""Pages render for each role with the data of the API (server-side; the browser test drives them)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .test_api_flow import PASSWORD


def _signed_in(app, username):
    client = TestClient(app)
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 204
    return client


def test_editor_page_shows_every_cell_as_an_input_and_the_findings(app, seeded, example):
    from juesuan.model import iter_table_cells

    client = _signed_in(app, "filler_a1")
    html = client.get(f"/filings/{seeded.filings['a1']}").text
    cells = [path for path, _ in iter_table_cells(example)]
    assert html.count('class="amount"') == len(cells)
    assert f'data-item="{cells[0]}"' in html and 'name="csrf-token"' in html
    assert "审核发现" in html and "readonly" not in html


def test_reviewer_sees_the_queue_and_a_read_only_editor(app, seeded):
    client = _signed_in(app, "reviewer_a")
    html = client.get("/review").text
    assert "乌鲁木齐市示例局" in html and "上海市普陀区财政局" not in html
    editor = client.get(f"/filings/{seeded.filings['a1']}").text
    assert "readonly" in editor and "下载整改通知" in editor
    notice = client.get(f"/api/review/{seeded.filings['a1']}/notice.docx")
    assert notice.status_code == 200 and notice.content[:2] == b"PK"


def test_wrong_password_in_the_form_shows_the_login_page_again(app, seeded):
    client = TestClient(app)
    response = client.post("/login", data={"username": "filler_a1", "password": "nope"}, headers={"accept": "text/html"})
    assert response.status_code == 401 and "用户名或密码错误" in response.text


def test_anonymous_is_sent_to_login_or_the_public_portal(app, seeded):
    client = TestClient(app, follow_redirects=False)
    assert client.get(f"/filings/{seeded.filings['a1']}").headers["location"] == "/login"
    assert client.get("/").headers["location"] == "/public"


def test_batch_upload_findings_show_the_page_with_the_cell_outlined(app, seeded):
    """A reviewer uploads a published PDF; each finding links to its page image, the cell boxed."""
    from pathlib import Path

    pdf = Path(__file__).resolve().parents[3] / "shared" / "reference" / "pdf" / \
        "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
    if not pdf.exists():
        import pytest

        pytest.skip("../shared not present")
    client = _signed_in(app, "reviewer_b")
    client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    started = client.post("/api/uploads", files={"files": (pdf.name, pdf.read_bytes(), "application/pdf")})
    assert started.status_code == 202
    job = client.get(f"/api/jobs/{started.json()['job']}").json()
    assert job["state"] == "done", job
    entry = job["result"]["files"][0]
    assert entry["ok"] and entry["department"]
    boxed = [f for f in entry["findings"] if f["page"] and f["bbox"]]
    html = client.get(f"/review/jobs/{job['id']}/files/0").text
    assert entry["file"] in html
    if boxed:
        first = boxed[0]
        image = client.get(f"/api/jobs/{job['id']}/uploads/0/pages/{first['page']}.png",
                           params={"bbox": ",".join(str(v) for v in first["bbox"]), "crop": "true"})
        assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    full = client.get(f"/api/jobs/{job['id']}/uploads/0/pages/1.png")
    assert full.status_code == 200 and full.content[:4] == b"\x89PNG"
    assert client.get(f"/api/jobs/{job['id']}/uploads/0/pages/999.png").status_code == 404
