"""Years and dates against the disclosure year: titles, 截至YYYY年12月31日, 与YYYY年度相比.

A 2022 决算 speaks of 2022 (its title, its figures, the asset count at 2022-12-31) and
compares with 2021. A year copied forward from last year's text is certainly wrong where
the wording fixes the year (titles, 截至…12月31日, 与…相比); a sentence opening on another
year's figures is very likely wrong (警告): the 主要职能 history may name other years freely.
"""

from __future__ import annotations

import re

from .lines import cover, half_lines, half_width, where
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule

_YEAR = r"((?:1(?<!\d\d)9|2(?<!\d\d)0)\d{2})"
r"""``(?<!\d)((?:19|20)\d{2})``, the no-digit-before test moved after the first digit so that re can
skip ahead to 1 and 2 (5× faster over the Urumqi text)."""
_TITLE_YEAR = re.compile(_YEAR + r"\s*年(?!\s*\d{1,2}\s*月)")
"""A year in a title; the cover's publication date (2023年8月) is not the 决算 year."""
_AS_OF = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日")
_COMPARED = re.compile(r"(?:与|比|较)\s*((?:19|20)\d{2})\s*年度?\s*(?:相比|相较|对比|比较|决算|同期|增|减|下降|持平)")
_FIGURE_YEAR = re.compile(
    _YEAR + r"\s*年度\s*(?:的)?(?:收入|支出|本年|财政拨款|一般公共|政府性基金|国有资本|“三公”|\"三公\"|三公"
    r"|机关运行|政府采购|部门决算|预算绩效|开展|实有人数|决算)")
_HISTORY = ("functions", "glossary")
"""Sections that may name other years (机构改革 history)."""
_COMPARING = (*_HISTORY, "performance")
"""Sections that may also compare with other years (绩效 over several years)."""


def _other_year(text: str, year: int) -> re.Match[str] | None:
    """A "YYYY年度收入…" of another year that is not a comparison (较/比/与 2021年度…)."""
    for m in _FIGURE_YEAR.finditer(text):
        if int(m.group(1)) != year and not re.search(r"(?:较|比|与|同|于|和)\s*$", text[:m.start()]):
            return m
    return None


@rule("C-101", family="完整性", severity="错误",
      title="年度与日期同决算年度一致：标题、截至YYYY年12月31日（决算年度）、与YYYY年度相比（上一年度）")
def years(ctx: RuleContext):
    year = ctx.year
    if year is None:
        return
    seen = set()
    for line in cover(ctx.disclosure):
        text = half_width(line.text)
        for match in _TITLE_YEAR.finditer(text):
            if int(match.group(1)) != year:
                seen.add(id(line))
                yield ctx.finding(where(line), f"标题中的年度“{match.group(1)}年”与决算年度{year}年不一致",
                                  expected=f"{year}年", actual=f"{match.group(1)}年", suggestion=f"改为{year}年度")
                break
    for line, text in half_lines(ctx):
        if id(line) in seen or "年" not in text:
            continue
        finding = None
        if (m := _AS_OF.search(text)) and int(m.group(1)) != year:
            finding = ctx.finding(where(line), f"“截至{m.group(1)}年12月31日”与决算年度不一致，应为截至{year}年12月31日",
                                  expected=f"{year}年12月31日", actual=f"{m.group(1)}年12月31日")
        elif line.section not in _COMPARING and (m := _COMPARED.search(text)) and int(m.group(1)) != year - 1:
            finding = ctx.finding(where(line), f"与{m.group(1)}年度相比：决算与上一年度（{year - 1}年度）相比",
                                  expected=f"{year - 1}年度", actual=f"{m.group(1)}年度",
                                  suggestion=f"改为“与{year - 1}年度相比”")
        elif line.section not in _HISTORY and (m := _other_year(text, year)):
            finding = ctx.finding(where(line), f"本年数字写作“{m.group(1)}年度”，决算年度为{year}年",
                                  severity="警告", expected=f"{year}年度", actual=f"{m.group(1)}年度",
                                  suggestion=f"核对年度，应为{year}年度")
        if finding:
            yield finding
