"""A 财政拨款 table placed by its identities over ``-layout`` positions is read again once 公开03 is
read (tables._read_again), as one without columns is: 公开03 bounds its 基本/项目 columns."""

from decimal import Decimal as D
from pathlib import Path

from juesuan.ingest import read

# pdftotext -layout style: cells at character columns; 公开08's three amounts fall under no column
# the layout proves, and its identities leave 基本支出 or 项目支出 open until 公开03 is read
LAYOUT = """支出决算表
                                                                              单位：万元
                  项目                      本年支出合计  基本支出    项目支出  上缴上级支出  经营支出  对附属单位补助支出
科目编码         科目名称
类    款   项
合计                                              45.00      10.00       35.00
201              一般公共服务支出                  15.00      10.00        5.00
201   06         财政事务                          15.00      10.00        5.00
201   06   01    行政运行                          10.00      10.00
201   06   02    一般行政管理事务                   5.00                   5.00
229              其他支出                          30.00                  30.00
229   04         其他政府性基金及对应专项债务收入安排的支出  30.00          30.00

一般公共预算财政拨款支出决算表
                                                                              单位：万元
                  项目                         合计      基本支出    项目支出
科目编码         科目名称
类    款   项
合计                                              15.00      10.00        5.00
201              一般公共服务支出                  15.00      10.00        5.00
201   06         财政事务                          15.00      10.00        5.00
201   06   01    行政运行                          10.00      10.00
201   06   02    一般行政管理事务                   5.00                   5.00

政府性基金预算财政拨款收入支出决算表
                                                                              单位：万元
                  项目            年初结转和结余     本年收入          本年支出             年末结转和结余
科目编码         科目名称                                       小计     基本支出    项目支出
类    款   项
合计                                               30.00    30.00           30.00
229              其他支出                          30.00    30.00           30.00
229   04         其他政府性基金及对应专项债务收入安排的支出  30.00  30.00  30.00
"""


def test_read_again__a_layout_table_placed_by_its_identities_takes_the_bounds_of_expenditure(tmp_path: Path):
    """公开03's 基本支出 is all 公开05's (10.00), so 公开08's third amount is 项目支出, not 基本支出."""
    path = tmp_path / "layout.txt"
    path.write_text(LAYOUT, encoding="utf-8")
    disclosure, _ = read(path)
    fund = disclosure.tables.government_fund
    rows = {r.code: r for r in fund.rows}
    for label, row in (("total", fund.total), ("229", rows["229"]), ("22904", rows["22904"])):
        assert (row.expenditure, row.project) == (D("30.00"), D("30.00"))
        assert disclosure.provenance[f"government_fund.{label}.project"].kind == "parsed"
    # 本年收入 or 年初结转 (nothing else here says which): unread, not zero
    assert disclosure.provenance["government_fund.total.income"].kind == "unread"
