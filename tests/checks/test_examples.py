"""Acceptance on the two worked examples: the seed's and Shanghai's real defects, located;
no other 错误; mutations of printed cells are caught (a sample here, every cell in bench/)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check
from juesuan.checks.mutation import mutate_all
from juesuan.model import iter_table_cells, replace_value

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
D = Decimal


def load(name: str):
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    return fileformat.load(path)


def test_check__urumqi_errors_are_the_seeds_defects():
    report = check(load("urumqi-iit-2022.yaml"))
    errors = [f for f in report.findings if f.severity == "错误"]
    # §五(三)13 prints 80.94 for a 项 whose table figure (and 类 sum) is 80.93: one figure printed twice,
    # one unit apart (R-005 警告). Its change 6.09 and rate 8.14 %, and §五(三)5's change 62.58
    # (231.29 − 168.72), are what some exact 元 figures behind the printed ones give: 尾差.
    assert [f for f in errors if f.rule_id.startswith("N")] == []
    assert [f.flat("rule_id", "severity", "section", "expected", "actual") for f in report.by_rule("R-005")] == [
        ("R-005", "警告", "第二部分五(三)13", D("80.93"), D("80.94"))]
    rounding = {item for f in report.by_rule("R-001") for item in f.items()}
    assert {"general_budget.2080501.total", "general_budget.2150502.total"} <= rounding
    # The 自评表 as printed: 33.003 in 供热改造, "100分" for a 10-point 执行率 row, a 2021 table summing to 100.
    assert [f.flat("rule_id", "project", "expected", "actual") for f in errors if f.rule_id.startswith("P")] == [
        ("P-001", "华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金", D("33.003"), D("333.00")),
        ("P-005", "信息化项目专家评审费", D("10"), D("100")),
        ("P-008", "信息化项目专家评审费", D("176.88"), D("86.88")),
        ("P-008", "2021年度乌鲁木齐市政务云服务项目", D("100.00"), D("88.98")),
    ]
    assert report.counts["错误"] == 4


def test_check__urumqi_wording_defects_are_warnings():
    report = check(load("urumqi-iit-2022.yaml"))
    warnings = [f for f in report.findings if f.severity == "警告"]
    assert [f.flat("rule_id", "item", "expected", "actual") for f in warnings if f.rule_id.startswith("N")] == [
        ("N-006", "three_public.final.overseas", "持平", "增加"),
        ("N-006", "three_public.final.overseas", "持平", "增长"),
        ("N-009", "general_budget.20604.total", "技术研究与开发", "技术与开发"),
        ("N-009", "general_budget.2060499.total", "其他技术研究与开发支出", "其他技术与开发支出"),
    ]
    # Scores set against the rules (2021 政务云, BRT) and the 70/10/10 weights of 调研经费.
    assert [(f.rule_id, f.location.project[:4]) for f in warnings if f.rule_id.startswith("P")] == [
        ("P-006", "2021"), ("P-006", "2021"), ("P-006", "2021"),
        ("P-006", "2019"), ("P-006", "2019"), ("P-006", "2019"),
        ("P-009", "工业和信"), ("P-009", "工业和信"),
    ]


def test_check__shanghai_defects_are_found():
    report = check(load("shanghai-putuo-czj-2024.yaml"))
    assert [f.flat("rule_id", "severity", "item", "section") for f in report.findings if f.severity == "错误"] == [
        ("N-001", "错误", "fiscal_summary.income.grand_total", "第三部分四"),          # 总计 0.3 万元
        ("N-002", "错误", "general_budget.201.total", "第三部分五(二)"),               # 71.73 % vs 71.65 %
    ]
    assert [f.flat("rule_id", "item", "section") for f in report.findings  # (rules of the judging of figures)
            if f.severity == "警告" and f.rule_id[0] in "NRTX"] == [
        ("R-005", "summary.expenditure.208", "第二部分 收入支出决算总表"),  # 326.71 (公开01) vs 326.72 (公开03)
        ("R-005", "fiscal_summary.expenditure.208.general_budget", "第二部分 财政拨款收入支出决算总表"),  # 04 vs 05
        ("N-014", "fiscal_summary.income.grand_total", "第三部分四")]       # 持平 with a reason for a decrease
    # 完成预算的0% where budget and spending are both 0: a local convention, 提示.
    assert [f.flat("severity", "item") for f in report.by_rule("N-007")] == [
        ("提示", "three_public.final.overseas"), ("提示", "three_public.final.vehicle_total")]
    # 302 = 171.07 against 14 款 adding to 171.09: 0.02 is inside the envelope of 15 printed figures
    # (±0.075), so exact 元 data can print this way: a 尾差, not a certain error.
    rounding = {item for f in report.by_rule("R-001") for item in f.items()}
    assert {"basic_expenditure.302.amount", "basic_expenditure.301.amount", "income.total.total",
            "procurement.total"} <= rounding


@pytest.mark.parametrize("name", ["urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml"])
def test_mutate_all__sampled_cells_are_caught(name):
    d = load(name)
    cells = dict(iter_table_cells(d))
    sample = list(cells)[::23]  # every 23rd cell; bench/check_bench.py --mutations runs them all
    results = [r for r in mutate_all(d, sample) if r.applicable and not r.rounding_level]
    assert len(results) > 20
    # A change that exact 元 data could also print (+0.02 in one of 14 款 of a 类) is inside the
    # rounding envelope: it must be a 尾差 naming the cell, never silent, never a 错误.
    missed = [(r.path, r.mutation) for r in results if not r.detected]
    for path, mutation in missed:
        value = cells[path] + Decimal("0.02") if mutation == "+0.02" else None
        assert value is not None, (path, mutation)
        report = check(replace_value(d, path, value))
        assert any(f.rule_id == "R-001" and path in f.items() for f in report.findings), path
    assert len(missed) <= len(results) // 10
