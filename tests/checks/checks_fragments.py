"""Inline YAML disclosures for the 审核 tests (imported as ``checks_fragments``)."""

from __future__ import annotations

import pytest

from juesuan.fileformat import parse_text

# A small disclosure where every identity holds (万元). 公开03 = 公开05 + 10.00 of 其他收入
# spent as 201 项目支出; 公开08 carries the 50.00 of 政府性基金; 公开09 is an explained empty table.
BALANCED = """
meta: {department: 示例市示例局, region: 示例省示例市, year: 2022}
tables:
  summary:
    income: {general_budget: 100.00, government_fund: 50.00, other: 10.00, total: 160.00,
             opening_balance: 5.00, grand_total: 165.00}
    expenditure:
      classes:
        - {code: "201", name: 一般公共服务支出, amount: 70.00}
        - {code: "208", name: 社会保障和就业支出, amount: 38.00}
        - {code: "229", name: 其他支出, amount: 50.00}
      total: 158.00
      closing_balance: 7.00
      grand_total: 165.00
  income:
    total: {code: 合计, name: 合计, total: 160.00, fiscal_appropriation: 150.00, other: 10.00}
    rows:
      - {code: "201", name: 一般公共服务支出, total: 70.00, fiscal_appropriation: 60.00, other: 10.00}
      - {code: "208", name: 社会保障和就业支出, total: 38.00, fiscal_appropriation: 38.00}
      - {code: "229", name: 其他支出, total: 52.00, fiscal_appropriation: 52.00}
  expenditure:
    total: {code: 合计, name: 合计, total: 158.00, basic: 78.00, project: 80.00}
    rows:
      - {code: "201", name: 一般公共服务支出, total: 70.00, basic: 40.00, project: 30.00}
      - {code: "20101", name: 人大事务, total: 70.00, basic: 40.00, project: 30.00}
      - {code: "2010101", name: 行政运行, total: 40.00, basic: 40.00}
      - {code: "2010102", name: 一般行政管理事务, total: 30.00, project: 30.00}
      - {code: "208", name: 社会保障和就业支出, total: 38.00, basic: 38.00}
      - {code: "20805", name: 行政事业单位养老支出, total: 38.00, basic: 38.00}
      - {code: "2080501", name: 行政单位离退休, total: 38.00, basic: 38.00}
      - {code: "229", name: 其他支出, total: 50.00, project: 50.00}
      - {code: "22904", name: 其他政府性基金及对应专项债务收入安排的支出, total: 50.00, project: 50.00}
      - {code: "2290402", name: 其他地方自行试点项目收益专项债券收入安排的支出, total: 50.00, project: 50.00}
  fiscal_summary:
    income: {general_budget: 100.00, government_fund: 50.00, total: 150.00,
             opening_balance: {total: 5.00, general_budget: 5.00}, grand_total: 155.00}
    expenditure:
      classes:
        - {code: "201", name: 一般公共服务支出, total: 60.00, general_budget: 60.00}
        - {code: "208", name: 社会保障和就业支出, total: 38.00, general_budget: 38.00}
        - {code: "229", name: 其他支出, total: 50.00, government_fund: 50.00}
      total: {total: 148.00, general_budget: 98.00, government_fund: 50.00}
      closing_balance: {total: 7.00, general_budget: 7.00}
      grand_total: {total: 155.00, general_budget: 105.00, government_fund: 50.00}
  general_budget:
    total: {code: 合计, name: 合计, total: 98.00, basic: 78.00, project: 20.00}
    rows:
      - {code: "201", name: 一般公共服务支出, total: 60.00, basic: 40.00, project: 20.00}
      - {code: "20101", name: 人大事务, total: 60.00, basic: 40.00, project: 20.00}
      - {code: "2010101", name: 行政运行, total: 40.00, basic: 40.00}
      - {code: "2010102", name: 一般行政管理事务, total: 20.00, project: 20.00}
      - {code: "208", name: 社会保障和就业支出, total: 38.00, basic: 38.00}
      - {code: "20805", name: 行政事业单位养老支出, total: 38.00, basic: 38.00}
      - {code: "2080501", name: 行政单位离退休, total: 38.00, basic: 38.00}
  basic_expenditure:
    rows:
      - {code: "301", name: 工资福利支出, amount: 50.00}
      - {code: "30101", name: 基本工资, amount: 30.00}
      - {code: "30102", name: 津贴补贴, amount: 20.00}
      - {code: "302", name: 商品和服务支出, amount: 20.00}
      - {code: "30201", name: 办公费, amount: 12.00}
      - {code: "30217", name: 公务接待费, amount: 8.00}
      - {code: "303", name: 对个人和家庭的补助, amount: 8.00}
      - {code: "30302", name: 退休费, amount: 8.00}
    personnel_total: 58.00
    public_total: 20.00
  three_public:
    budget: {total: 10.00, vehicle_total: 8.00, vehicle_operation: 8.00, reception: 2.00}
    final: {total: 9.00, vehicle_total: 7.50, vehicle_operation: 7.50, reception: 1.50}
  government_fund:
    total: {code: 合计, name: 合计, income: 50.00, expenditure: 50.00, project: 50.00}
    rows:
      - {code: "229", name: 其他支出, income: 50.00, expenditure: 50.00, project: 50.00}
      - {code: "22904", name: 其他政府性基金及对应专项债务收入安排的支出, income: 50.00, expenditure: 50.00, project: 50.00}
      - {code: "2290402", name: 其他地方自行试点项目收益专项债券收入安排的支出, income: 50.00, expenditure: 50.00, project: 50.00}
  state_capital: {empty: true, empty_note: 本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，故本表为空表。}
comparisons:
  general_budget.total.total: {prior_year: 80.00, initial_budget: 90.00, reason: 人员增加。}
  three_public.final.total: {prior_year: 10.00, reason: 厉行节约。}
three_public_details: {overseas_groups: 0, overseas_people: 0, vehicles_purchased: 0, vehicles_held: 2,
                       reception_batches: 3, reception_people: 20}
operating_costs: {amount: 20.00, unit_kind: 行政单位}
procurement: {total: 12.00, goods: 5.00, works: 0, services: 7.00, sme_contracts: 12.00}
assets: {vehicles: 2, vehicles_by_category: {other: 2}, equipment_over_1m: 0}
performance: {summary: {project_count: 1, text: 开展绩效评价项目1个。}}
"""


def disclosure(text: str = BALANCED, *, tables: dict[str, str] | None = None, **extra: str):
    """A disclosure from inline YAML; ``extra`` top-level blocks (and ``tables`` entries) replace BALANCED's."""
    import yaml

    data = yaml.safe_load(text)
    for key, block in extra.items():
        data[key] = yaml.safe_load(block)
    for key, block in (tables or {}).items():
        data["tables"][key] = yaml.safe_load(block)
    return parse_text(yaml.safe_dump(data, allow_unicode=True))
