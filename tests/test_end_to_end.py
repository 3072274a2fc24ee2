"""Read a published document, then check it: the findings are the document's own defects."""

from pathlib import Path

import pytest

import juesuan

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_70eff566b52b1af5.txt"
SHANGHAI_PDF = SHARED / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def test_check__seed_text_without_its_tables_reports_only_real_errors():
    # The seed says 见附表 and ships no tables: nothing may be compared with zeros.
    disclosure, report = juesuan.read(need(SEED))
    assert set(report.tables_missing) >= {"summary", "general_budget"}
    errors = [f for f in juesuan.check(disclosure).findings if f.severity == "错误"]
    assert sorted((f.rule_id, f.location.project) for f in errors) == [
        ("P-001", "华电新疆发电有限公司乌鲁木齐分公司供热改造项目专项补贴资金"),
        ("P-005", "信息化项目专家评审费"),
        ("P-008", "2021年度乌鲁木齐市政务云服务项目"),
        ("P-008", "信息化项目专家评审费"),
    ]


def test_check__shanghai_pdf_errors_equal_the_example_errors():
    disclosure, _ = juesuan.read(need(SHANGHAI_PDF))
    example = juesuan.load(Path(__file__).parents[1] / "examples" / "shanghai-putuo-czj-2024.yaml")

    def errors(d):
        return sorted((f.rule_id, f.location.item) for f in juesuan.check(d).findings if f.severity == "错误")

    assert errors(disclosure) == errors(example)
    assert all(f.location.page for f in juesuan.check(disclosure).findings
               if f.severity == "错误" and f.location.item and not f.location.item.startswith("fiscal_summary.income"))
