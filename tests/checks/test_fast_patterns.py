"""Patterns of the text rules respelt for speed find exactly what their first spelling found
(hypothesis over texts built from the characters each pattern turns on). The first spellings are
copied here from the commits before the change (8c583b3, for C-104/C-105 4aa9b84)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.checks.registry import load_builtin

load_builtin()  # the rules register in their usual order before this module names a rule module
from juesuan.checks import dates, malformed, subjects, wording  # noqa: E402
from juesuan.checks.lines import leftmost  # noqa: E402

LEFTOVER_BEFORE = re.compile("|".join(f"(?:{p})" for p in (
    r"[Xx]{2,}|×{2,}|某某", *(p for p, _ in wording.TEMPLATE_LEFTOVERS[1:]))))
CODED_BEFORE = re.compile(r"(?<!\d)(\d{7}|\d{5}|\d{3})\s*([\u4e00-\u9fa5、“”（）]{2,40}?)(?=\s*[\d，,。；;：:])")
TITLE_YEAR_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
WORDS_BEFORE = re.compile(
    r"大小于|小大于|大于小于|小于大于|增减少|减增加|增加减少|减少增加|增长下降|下降增长|上一度|本年年度|上年年度"
    r"|(增加|减少|增长|下降|支出|收入|决算|预算|主要原因|万元|比上年)\1")
PUNCTUATION_BEFORE = re.compile(r"[,。;、:]{2}")
FIGURE_YEAR_BEFORE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年度\s*(?:的)?(?:收入|支出|本年|财政拨款|一般公共|政府性基金|国有资本|“三公”|\"三公\"|三公"
    r"|机关运行|政府采购|部门决算|预算绩效|开展|实有人数|决算)")


def _texts(pieces: str, words: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from([*pieces, *words]), max_size=40).map("".join)


def _same(a: re.Match | None, b: re.Match | None) -> bool:
    return (a and (a.span(), a.groups(), a.group(0))) == (b and (b.span(), b.groups(), b.group(0)))


@settings(max_examples=3000, deadline=None)
@given(_texts("Xx×某增加减少长下降大于小等持平(/)主要原因是为:。;【】[]请填写补充报说明此处中1 ",
              ("增加", "减少", "主要原因是", "【请", "[请", "请填写", "填报说明", "此处填写", "XX", "××")))
def test_leftover_search_is_the_joined_alternation(text: str) -> None:
    assert _same(LEFTOVER_BEFORE.search(text), leftmost(wording._LEFTOVERS, text))


@settings(max_examples=3000, deadline=None)
@given(_texts("大小于增减加少长下降上一度本年上支出收入决算预算主要原因万元比,。;、: ",
              ("增加", "减少", "增长", "下降", "主要原因", "万元", "比上年", "上年年度", "大于小于")))
def test_doubled_words_and_punctuation_are_found_as_before(text: str) -> None:
    before, after = WORDS_BEFORE.search(text), leftmost(malformed._WORDS, text)
    assert (before and (before.span(), before.group(0))) == (after and (after.span(), after.group(0)))
    assert _same(PUNCTUATION_BEFORE.search(text), malformed._PUNCTUATION.search(text))


@settings(max_examples=3000, deadline=None)
@given(_texts("0123456789 ，。：:科学技术支出类款项（）、“”", ("2060404", "20604", "206", "一般行政管理事务")))
def test_coded_names_are_found_as_before(text: str) -> None:
    assert CODED_BEFORE.findall(text) == subjects._CODED.findall(text)


@settings(max_examples=3000, deadline=None)
@given(_texts("0123456789 年度月收入支出决算三公“”\"的", ("2022", "2021", "19", "20", "12", "年度", "收入")))
def test_years_are_found_as_before(text: str) -> None:
    for before, after in ((TITLE_YEAR_BEFORE, dates._TITLE_YEAR), (FIGURE_YEAR_BEFORE, dates._FIGURE_YEAR)):
        assert [m.span(1) for m in before.finditer(text)] == [m.span(1) for m in after.finditer(text)]
