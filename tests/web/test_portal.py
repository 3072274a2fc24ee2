"""The public portal and its JSON API over a disclosure published through the workflow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from .test_api_flow import sign_in


@pytest.fixture
def published(app, seeded):
    """The Shanghai example taken through submit → approve → publish; its publication id."""
    filing_id = seeded.filings["b1"]
    head, reviewer = sign_in(app, "head_b1"), sign_in(app, "reviewer_b")
    assert head.post(f"/api/filings/{filing_id}/actions",
                     json={"action": "submit", "comment": "错误为原文印刷，已核实"}).status_code == 200
    assert reviewer.post(f"/api/filings/{filing_id}/actions", json={"action": "approve"}).status_code == 200
    response = reviewer.post(f"/api/filings/{filing_id}/actions", json={"action": "publish"})
    assert response.status_code == 200, response.text
    public = TestClient(app).get("/api/public/disclosures").json()
    assert public["total"] == 1
    return public["items"][0]["id"]


def test_only_published_documents_are_public(app, seeded, published):
    client = TestClient(app)
    listed = client.get("/api/public/disclosures").json()["items"]
    assert [e["department"] for e in listed] == ["上海市普陀区财政局"]
    assert client.get(f"/api/filings/{seeded.filings['a1']}").status_code == 401


def test_detail_downloads_and_data_match_the_model(app, published, example_disclosures_by_name):
    client = TestClient(app)
    detail = client.get(f"/api/public/disclosures/{published}")
    assert detail.headers["cache-control"].startswith("public") and detail.headers["etag"]
    again = client.get(f"/api/public/disclosures/{published}", headers={"if-none-match": detail.headers["etag"]})
    assert again.status_code == 304
    data = detail.json()
    shanghai = example_disclosures_by_name["shanghai-putuo-czj-2024.yaml"]
    assert Decimal(data["totals"]["本年支出合计"]) == shanghai.tables.summary.expenditure.total
    classes = [Decimal(n["value"]) for n in data["structure"]]  # the printed 类 rows, with their 尾差
    assert abs(sum(classes) - shanghai.tables.expenditure.total.total) <= Decimal("0.005") * len(classes)
    assert [n["code"] for n in data["structure"]] == [r.code for r in shanghai.tables.expenditure.rows if len(r.code) == 3]
    formats = {f["format"] for f in data["downloads"]}
    assert {"PDF", "DOCX", "XLSX", "HTML"} <= formats
    pdf = next(f["url"] for f in data["downloads"] if f["format"] == "PDF")
    assert client.get(pdf).content[:4] == b"%PDF"
    cells = client.get(f"/api/public/disclosures/{published}/cells").json()
    total = next(c for c in cells if c["item"] == "expenditure.total.total")
    assert Decimal(total["amount"]) == shanghai.tables.expenditure.total.total
    assert client.get(f"/public/d/{published}/files/..%2Fsecret.key").status_code == 404


def test_pages_search_and_compare(app, published):
    client = TestClient(app)
    assert "上海市普陀区财政局" in client.get("/public").text
    page = client.get(f"/public/d/{published}").text
    assert 'id="chart-structure"' in page and "/static/vendor/echarts.min.js" in page
    found = client.get("/public", params={"q": "财政事务"}).text
    assert "上海市普陀区财政局" in found
    assert "没有找到" in client.get("/public", params={"q": "不存在的科目"}).text
    assert "上海市普陀区财政局" in client.get("/public/compare").text
    paged = client.get("/api/public/disclosures", params={"page": 2, "size": 1}).json()
    assert paged["total"] == 1 and paged["items"] == []
