import re
from collections import Counter

from readback import html_cell_texts


def test_render_html__every_amount_is_in_a_table_cell(built, grids):
    cells = Counter(html_cell_texts(built("html")))
    expected = Counter(c.text() for g in grids for r in g.rows for c in r.cells if c.is_amount and c.text())
    assert not {text: n for text, n in expected.items() if cells[text] < n}


def test_render_html__self_contained_and_accessible(built, grids, disclosure):
    html = built("html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    assert "<script" not in html and not re.search(r'(src|href)="(https?:)?//', html)
    units = html.count('<table class="units">')  # SH-T 部门决算单位构成: 序号 / 单位名称 / 备注
    assert units == (1 if disclosure.meta.profile == "shanghai-2024" and disclosure.overview.units else 0)
    assert html.count("<caption") == html.count("<table") == len(grids) + units
    assert 'scope="col"' in html and 'scope="row"' in html
    assert "@media print" in html and "table-header-group" in html
    assert re.search(r"<h2[^>]*>", html) and "<h1>" in html


def test_render_html__inline_svg_charts_with_text_alternatives(built, disclosure):
    html = built("html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S)
    assert len(charts) >= 4
    assert all("<title" in chart and "<desc" in chart for chart in charts)
    assert "基本支出" in html and "预算数" in html


def test_render_html__text_is_escaped(tmp_path):
    from render_data import small_disclosure

    from juesuan.narrative.document import Document, Paragraph, Section
    from juesuan.render import render

    document = Document("标题<b>", None, (Section("s", "一、说明", 2, (Paragraph("<script>x()</script>&"),)),))
    html = render("html", small_disclosure(), document, tmp_path / "t.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;x()&lt;/script&gt;&amp;" in html
    assert "<title>标题&lt;b&gt;</title>" in html
