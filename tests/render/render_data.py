"""Test data for the renderer tests: a small disclosure with every table filled, and the examples."""

from __future__ import annotations

from pathlib import Path

import yaml

from juesuan.fileformat import load
from juesuan.model import Disclosure
from juesuan.narrative.document import Document, Paragraph, Section

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SMALL = """
meta: {department: 乌鲁木齐市测试局, year: 2022, region: 新疆维吾尔自治区乌鲁木齐市}
tables:
  summary:
    income: {general_budget: 15144.75, government_fund: 30374.42, other: 375.47,
             total: 45894.64, opening_balance: 69.14, grand_total: 45963.78}
    expenditure:
      classes:
        - {code: 201, name: 一般公共服务支出, amount: 1234.56}
        - {code: 208, name: 社会保障和就业支出, amount: 300.5}
        - {code: 212, name: 城乡社区支出, amount: 30374.42}
        - {code: 221, name: 住房保障支出, amount: 0}
      total: 45897.02
      closing_balance: 66.76
      grand_total: 45963.78
  income:
    total: {code: 合计, name: 合计, total: 45894.64, fiscal_appropriation: 45519.17, other: 375.47}
    rows:
      - {code: 201, name: 一般公共服务支出, total: 1609.98, fiscal_appropriation: 1234.51, other: 375.47}
      - {code: 20113, name: 商贸事务, total: 1609.98, fiscal_appropriation: 1234.51, other: 375.47}
      - {code: 2011301, name: 行政运行, total: 1609.98, fiscal_appropriation: 1234.51, other: 375.47}
  expenditure:
    total: {code: 合计, name: 合计, total: 45897.02, basic: 1959.78, project: 43937.24}
    rows:
      - {code: 201, name: 一般公共服务支出, total: 1612.36, basic: 1612.36}
      - {code: 2011301, name: 行政运行, total: 1612.36, basic: 1612.36}
  fiscal_summary:
    income:
      general_budget: 15144.75
      government_fund: 30374.42
      total: 45519.17
      opening_balance: {total: 69.14, general_budget: 69.14}
      grand_total: 45588.31
    expenditure:
      classes:
        - {code: 201, name: 一般公共服务支出, total: 1234.56, general_budget: 1234.56}
        - {code: 212, name: 城乡社区支出, total: 30374.42, government_fund: 30374.42}
      total: {total: 45521.55, general_budget: 15147.13, government_fund: 30374.42}
      closing_balance: {total: 66.76, general_budget: 66.76}
      grand_total: {total: 45588.31, general_budget: 15213.89, government_fund: 30374.42}
  general_budget:
    total: {code: 合计, name: 合计, total: 15147.13, basic: 1959.78, project: 13187.35}
    rows:
      - {code: 201, name: 一般公共服务支出, total: 2147.13, basic: 1959.78, project: 187.35}
      - {code: 20113, name: 商贸事务, total: 2147.13, basic: 1959.78, project: 187.35}
      - {code: 2011301, name: 行政运行, total: 2147.13, basic: 1959.78, project: 187.35}
  basic_expenditure:
    rows:
      - {code: 301, name: 工资福利支出, amount: 1700.11}
      - {code: 30101, name: 基本工资, amount: 1000.01}
      - {code: 30102, name: 津贴补贴, amount: 700.1}
      - {code: 303, name: 对个人和家庭的补助, amount: 162.78}
      - {code: 30302, name: 退休费, amount: 162.78}
      - {code: 302, name: 商品和服务支出, amount: 96.89}
      - {code: 30201, name: 办公费, amount: 96.89}
    personnel_total: 1862.89
    public_total: 96.89
  three_public:
    budget: {total: 20.5, vehicle_total: 20.0, vehicle_operation: 20.0, reception: 0.5}
    final: {total: 19.75, vehicle_total: 19.68, vehicle_operation: 19.68, reception: 0.07}
  government_fund:
    total: {code: 合计, name: 合计, income: 30374.42, expenditure: 30374.42, project: 30374.42}
    rows:
      - {code: 212, name: 城乡社区支出, income: 30374.42, expenditure: 30374.42, project: 30374.42}
  state_capital: {empty: true}
performance:
  projects:
    - name: 原机电老干所运行维护费
      department: 乌鲁木齐市测试局本级
      implementer: 乌鲁木齐市测试局本级
      year: 2022
      funds:
        total: {initial_budget: 10.00, full_year_budget: 7.70, execution: 7.70}
        current_appropriation: {initial_budget: 10.00, full_year_budget: 6.11, execution: 6.11}
        carryover: {initial_budget: 0, full_year_budget: 1.59, execution: 1.59}
        other: {initial_budget: 0, full_year_budget: 0, execution: 0}
      execution_weight: 10
      execution_rate: 100.00
      execution_score: 10.00
      goal_expected: 确保两个家属院全年运行正常。
      goal_actual: 基本保障两个家属院全年运行正常。
      indicators:
        - {level1: 产出指标, level2: 数量指标, name: 维修公共设施, target: ">=20 次", actual: 20 次, weight: 50, score: 50}
        - {level1: 产出指标, level2: 成本指标, name: 支付水电暖相关费用, target: "<=2.00 万元", actual: 3.39 万元, weight: 30, score: 20, deviation_reason: 用电用水需求量增加}
        - {level1: 效益指标, level2: 经济效益指标}
        - {level1: 满意度指标, level2: 满意度指标, name: 家属院居民满意度, target: ">=90%", actual: 80%, weight: 10, score: 4.4, deviation_reason: 小区设施老旧}
      total_weight: 100
      total_score: 84.40
"""


def small_disclosure() -> Disclosure:
    return Disclosure.model_validate(yaml.load(SMALL, Loader=_decimal_loader()))


def _decimal_loader():
    from juesuan import fileformat
    return fileformat._DecimalLoader


def document_for(disclosure: Disclosure) -> Document:
    """The composed document when composition exists, else a hand-built one covering every table."""
    try:
        from juesuan.narrative.compose import compose
        document = compose(disclosure)
    except Exception:  # composition is developed alongside; the renderers are tested regardless
        document = None
    if document is not None and any(s.table for s in document.sections):
        return document
    sections = [Section("part2", "第二部分 部门决算情况说明", 1,
                        (Paragraph("本年收入合计45894.64万元。"),
                         Paragraph("【请补充：主要原因】", placeholder=True)))]
    for n, (key, _, title) in enumerate(__import__("juesuan.model", fromlist=["TABLE_KEYS"]).TABLE_KEYS, 1):
        sections.append(Section(f"table.{key}", f"{n}、{title}", 2, table=key))
    for i, project in enumerate(disclosure.performance.projects):
        sections.append(Section(f"performance.{i}", project.name, 3, table=f"performance:{i}"))
    return Document(f"{disclosure.meta.department}{disclosure.meta.year}年度部门决算", None,
                    tuple(sections))


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml")) if EXAMPLES.is_dir() else []


