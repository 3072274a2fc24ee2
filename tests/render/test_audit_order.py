"""The audit report's groups in the document's natural order (公开01…09表, 第一部分…, 一、…十、十一、,
项目 as printed), not string order. Findings come from running the check on the shared Shanghai PDF
and our examples; the numerals are spelt in the test by their own rule, independent of the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.render.audit.group import group_findings
from juesuan.render.audit.order import chinese_int, printed_numbers
from render_data import EXAMPLES

ROOT = Path(__file__).parents[2]
SHARED_PDF = ROOT.parent / "shared" / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
DIGITS = "零一二三四五六七八九"


def spelt(n: int) -> str:
    """1…999 as printed in headings: 十一, 二十, 一百零五, 一百一十."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (DIGITS[ones] if ones else "")


@given(st.integers(1, 999))
def test_chinese_numerals_read_as_numbers(n):
    assert chinese_int(spelt(n)) == n
    assert chinese_int(str(n)) == n


@given(st.integers(1, 99), st.integers(1, 30), st.integers(1, 30))
def test_printed_locators_and_headings(top, sub, item):
    assert printed_numbers(f"第三部分{spelt(top)}({spelt(sub)}){item}") == (3, (top, sub, item))
    assert printed_numbers(f"{spelt(top)}、（{spelt(sub)}）一般公共预算") == (None, (top, sub))  # 一般 is a word


@pytest.mark.parametrize("text, expected", [
    ("六、一般公共预算财政拨款基本支出决算情况说明", (None, (6,))),
    ("情况说明 一", (None, (1,))),
    ("预算绩效情况说明", (None, ())),
    ("第二部分 收入支出决算总表", (2, ())),
])
def test_printed_numbers_of_real_headings(text, expected):
    assert printed_numbers(text) == expected



def _findings(path: Path):
    from juesuan.checks import check
    from juesuan.cli.common import load_or_exit

    disclosure = load_or_exit(path)
    report = check(disclosure)
    return [f.as_dict() for f in report.findings], report.profile, disclosure


def _titles(path: Path, profile: str | None = "same") -> list[str]:
    findings, own, disclosure = _findings(path)
    projects = [p.name for p in disclosure.performance.projects]
    return [g.title for g in group_findings(findings, own if profile == "same" else profile, projects)]


def test_sections_by_number_not_string_urumqi():
    """Our Urumqi example: 五(三)2 before 五(三)10 (string order puts 10 first), 七 after 五."""
    titles = _titles(EXAMPLES / "urumqi-iit-2022.yaml")
    at = {t: i for i, t in enumerate(titles)}
    assert at["情况说明 第二部分五(三)2"] < at["情况说明 第二部分五(三)9"] < at["情况说明 第二部分五(三)10"] \
        < at["情况说明 第二部分五(三)13"] < at["情况说明 第二部分七"]
    assert sorted(titles[:at["情况说明 第二部分七"]]) != titles[:at["情况说明 第二部分七"]]  # string order differs


def test_projects_in_the_order_the_document_prints_them():
    findings, profile, disclosure = _findings(EXAMPLES / "urumqi-iit-2022.yaml")
    printed = [p.name for p in disclosure.performance.projects]
    groups = group_findings(findings, profile, printed)
    shown = [g.title.removeprefix("绩效自评 ") for g in groups if g.title.startswith("绩效自评 ")]
    assert len(shown) > 2 and shown == [name for name in printed if name in shown]
    assert groups[-1].title == "全文及其他"


def test_shanghai_pdf_tables_then_sections_in_printed_order():
    """The Shanghai template prints the tables in 第二部分 and the 情况说明 in 第三部分: 四、五(二)、六、七(一)、
    十一(二) in that order (string order gave 六、 before 第三部分七(一) before 五(二) before 四)."""
    if not SHARED_PDF.exists():
        pytest.skip("shared Shanghai PDF not present")
    titles = _titles(SHARED_PDF)
    tables = [t for t in titles if t.startswith("公开")]
    assert tables == sorted(tables) and titles[:len(tables)] == tables  # 公开01表 … first (第二部分)
    sections = [t for t in titles if t.startswith("情况说明")]
    assert sections[0] == "情况说明 第三部分四" and "情况说明 第三部分五(二)" in sections
    six = sections.index("情况说明 六、一般公共预算财政拨款基本支出决算情况说明")
    assert sections.index("情况说明 第三部分五(二)") < six < sections.index("情况说明 第三部分七(一)")
    assert sections[-1] == "情况说明 十一、（二）政府采购支出情况"  # 十一、其他重要事项说明 names its parent


def test_tables_placed_where_the_profile_prints_them():
    """xinjiang-2022 prints the tables in 第四部分, after the 情况说明 (第二部分): the same findings, the
    tables' groups after the sections'."""
    if not SHARED_PDF.exists():
        pytest.skip("shared Shanghai PDF not present")
    titles = _titles(SHARED_PDF, profile="xinjiang-2022")
    first_table = next(i for i, t in enumerate(titles) if t.startswith("公开"))
    last_section = max(i for i, t in enumerate(titles) if t.startswith("情况说明"))
    assert last_section < first_table


def test_unknown_profile_keeps_tables_first_and_numbers_in_order():
    findings, _, _ = _findings(EXAMPLES / "urumqi-iit-2022.yaml")
    titles = [g.title for g in group_findings(findings, "no-such-profile")]
    numbered = [printed_numbers(t.removeprefix("情况说明 "))[1] for t in titles if t.startswith("情况说明")]
    assert numbered == sorted(numbered) and len(numbered) > 3
