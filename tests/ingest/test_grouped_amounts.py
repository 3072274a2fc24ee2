"""Amounts with thousands separators in text without columns (pdfplumber, ``pdftotext -raw``, a viewer's
copy): their commas are no prose punctuation. A 公开01 row whose label ran into its amount
("…财政拨款收入1,234,567.89 一、一般公共服务支出 1,200,000.00": a full cell, no gap left) is a long
line with one amount token and commas; it was taken for a sentence that ends the table, and the
table, left with its header lines only, read as zeros without saying so (bench/data_variety.py)."""

from decimal import Decimal

from juesuan.ingest import read
from juesuan.model import iter_table_cells

TEXT = """收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入1,234,567.89 一、一般公共服务支出 1,200,000.00
二、政府性基金预算财政拨款收入 二、外交支出
三、国有资本经营预算财政拨款收入 三、国防支出
四、上级补助收入 四、公共安全支出
五、事业收入 五、教育支出
六、经营收入 六、科学技术支出 34,567.89
七、附属单位上缴收入
八、其他收入
本年收入合计 1,234,567.89 本年支出合计 1,234,567.89
使用非财政拨款结余 结余分配
年初结转和结余 年末结转和结余
总计 1,234,567.89 总计 1,234,567.89
一般公共预算财政拨款支出决算表
单位：万元
项目 合计 基本支出 项目支出
科目编码 科目名称
类 款 项
合计 1,234,567.89 1,234,567.89
201 一般公共服务支出 1,200,000.00 1,200,000.00
201 06 财政事务 1,200,000.00 1,200,000.00
201 06 01 行政运行 1,200,000.00 1,200,000.00
206 科学技术支出 34,567.89 34,567.89
206 04 技术研究与开发 34,567.89 34,567.89
206 04 04 科技成果转化与扩散 34,567.89 34,567.89
"""


def test_summary_row_with_grouped_amount_after_its_label__does_not_end_the_table(tmp_path):
    path = tmp_path / "raw.txt"
    path.write_text(TEXT, encoding="utf-8")
    disclosure, _ = read(path)
    summary = disclosure.tables.summary
    assert summary.income.total == summary.income.grand_total == Decimal("1234567.89")
    assert summary.expenditure.total == summary.expenditure.grand_total == Decimal("1234567.89")
    assert {c.code: c.amount for c in summary.expenditure.classes if c.amount} == {
        "201": Decimal("1200000.00"), "206": Decimal("34567.89")}
    # the amount run into its label is not read as zero: read, or said to be unread
    cells = dict(iter_table_cells(disclosure))
    source = disclosure.provenance.get("summary.income.general_budget")
    assert cells["summary.income.general_budget"] == Decimal("1234567.89") or source.kind == "unread"
