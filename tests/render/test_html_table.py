from decimal import Decimal

from juesuan.render.cells import Cell, Grid, Row, head, label, money_cell
from juesuan.render.charts import Bar, Chart, svg
from juesuan.render.html_table import table_html

ODD = 'a<b>&"\''
ODD_ESCAPED = "a&lt;b&gt;&amp;&#34;&#39;"


def _grid(**changes) -> Grid:
    fields = dict(
        key="k", code="c", title=ODD, widths=(1, 3),
        header=(Row((head("项目", colspan=2),)),),
        body=(Row((label(ODD), money_cell(Decimal("1234.5")))),
              Row((label("合计", bold=True), money_cell(Decimal(0), bold=True)), kind="total")),
    )
    fields.update(changes)
    return Grid(**fields)


def test_table_html__caption_scopes_and_escaping():
    html = table_html(_grid(subtitle="（2022年度）"), 's1-x"y')
    assert html.startswith('  <div class="table-wrap" role="region" aria-labelledby="s1-x&#34;y-caption" tabindex="0">\n')
    assert f'<caption id="s1-x&#34;y-caption"><span class="title">{ODD_ESCAPED}</span>' in html
    assert '<span class="sub">（2022年度）</span><span class="unit">单位：万元</span></caption>' in html
    assert '<colgroup><col style="width: 25.00%"><col style="width: 75.00%"></colgroup>' in html
    assert '<thead>\n      <tr><th scope="colgroup" colspan="2" class="a-center b">项目</th></tr>\n    </thead>' in html
    assert f'<tr class="body"><th scope="row" class="a-left">{ODD_ESCAPED}</th><td class="a-right num">1,234.50</td></tr>' in html
    # A zero amount prints blank; amounts are never row headers.
    assert '<tr class="total"><th scope="row" class="a-left b">合计</th><td class="a-right num b"></td></tr>' in html
    assert html.endswith("    </tbody>\n  </table>\n  </div>\n")


def test_table_html__meta_rows_head_rows_and_notes():
    grid = _grid(header=(), unit=None, note="注：x", empty_note="本表无数据",
                 meta_rows=(Row((Cell("项目名称", bold=True), Cell("y", colspan=1, rowspan=2))),),
                 body=(Row((label("a"), label("b")), kind="head"), Row((Cell(None), label("c")))))
    html = table_html(grid, "s2")
    assert "<thead>" not in html and 'class="unit"' not in html
    assert '<tbody class="meta">\n      <tr><th scope="row" class="a-left b">项目名称</th><td rowspan="2" class="a-left">y</td></tr>\n    </tbody>' in html
    assert '<tr class="head"><th scope="col" class="a-left">a</th><th scope="col" class="a-left">b</th></tr>' in html
    assert '<tr class="body"><td class="a-left"></td><td class="a-left">c</td></tr>' in html
    assert html.endswith('  </div>\n<p class="note">注：x</p><p class="note empty">本表无数据</p>')


def test_chart_svg__text_alternatives_escaped_and_labels_shortened():
    long_label = "一二三四五六七八九十一二三四五六七"
    chart = Chart("c1", ODD, (Bar(long_label, Decimal(2), "2 万元", Decimal("360.0"), 0),
                              Bar(ODD, Decimal(1), "1 万元", Decimal("180.0"), 1)),
                  legend=("预算数", "决算数"))
    drawing = svg(chart)
    assert drawing.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 820 82"')
    assert f'<title id="c1-title">{ODD_ESCAPED}</title>' in drawing and '<desc id="c1-desc">' in drawing
    assert f"<title>{ODD_ESCAPED}（决算数） 1 万元</title>" in drawing
    # One label per group of series, shortened past 16 characters.
    assert drawing.count('class="label"') == 1 and f">{long_label[:15]}…</text>" in drawing
    assert '<text x="606.0" y="24.0" class="value">2 万元</text>' in drawing
    assert drawing.endswith('class="value">决算数</text>\n</svg>\n')


def test_chart_svg__stacked_segments_follow_each_other():
    chart = Chart("c2", "基本支出与项目支出", (Bar("基本支出", Decimal(1), "1", Decimal("90.0"), 0),
                                              Bar("项目支出", Decimal(3), "3", Decimal("270.0"), 1)),
                  kind="stacked")
    drawing = svg(chart)
    assert 'viewBox="0 0 820 98"' in drawing
    assert '<rect x="240" y="8" width="90.0" height="26" fill="#2f5d8a">' in drawing
    assert '<rect x="330.0" y="8" width="270.0" height="26" fill="#c0504d">' in drawing
    assert '<text x="258" y="78" class="value">项目支出 3</text>' in drawing
