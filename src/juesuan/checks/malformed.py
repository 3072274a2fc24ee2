"""Malformed figures and wording: a rate without %, an amount without its unit, doubled or
contradictory words (大小于, 减增加, 上一度), doubled punctuation (。。 ，，).

Each is wrong as printed whatever the tables say. Matched on the half-width text
(``lines.half_width``), so "，，" and ",," are one defect.
"""

from __future__ import annotations

import re

from .lines import half_lines, leftmost, where
from .registry import REGISTRY, RuleContext

rule = REGISTRY.rule

_NUMBER = r"(-?\d[\d,]*(?:\.\d+)?)"
_BARE = r"(?=\s*(?:[,;:、)\]。!?]|$))"
"""The number ends the clause: nothing (no %, 万元, 个, 年…) follows it."""
_RATE = re.compile(r"(增长|下降|上升|降低|占|差异率|完成率|执行率|比重)(?:了|为|是|达)?\s*" + _NUMBER + _BARE)
_AMOUNT = re.compile(r"(增加|减少|支出|收入|合计|总计|总额|经费|预算数|决算数|决算为|预算为|金额)(?:了|为|是|达)?\s*"
                     + _NUMBER + _BARE)
_WORDS = (re.compile(r"大小于|小大于|大于小于|小于大于|增减少|减增加|增加减少|减少增加|增长下降|下降增长|上一度|本年年度|上年年度"),
          re.compile(r"(增加|减少|增长|下降|支出|收入|决算|预算|主要原因|万元|比上年)\1"))
"""Searched as one alternation (``lines.leftmost``): the literal words, then a doubled word."""
_PUNCTUATION = re.compile(r"[,。;、:][,。;、:]")  # [,。;、:]{2}, spelt so that re skips ahead (2× faster)
_LEADING = re.compile(r"^\s*[,。;、:]")


@rule("C-103", family="完整性", severity="错误", title="数字带单位：比率有“%”，金额有“万元/元”")
def units_printed(ctx: RuleContext):
    for line, text in half_lines(ctx, "sentence", "instruction"):
        if match := _RATE.search(text):
            yield ctx.finding(where(line), f"比率“{match.group(1)}{match.group(2)}”缺少“%”",
                              expected=f"{match.group(2)}%", actual=match.group(2), suggestion="补上百分号")
        elif match := _AMOUNT.search(text):
            yield ctx.finding(where(line), f"金额“{match.group(1)}{match.group(2)}”缺少单位",
                              expected=f"{match.group(2)}{ctx.disclosure.meta.unit}", actual=match.group(2),
                              severity="警告", suggestion=f"补上单位（{ctx.disclosure.meta.unit}）")


@rule("C-104", family="完整性", severity="错误", title="没有重复或自相矛盾的词（大小于、减增加、上一度、增加增加）")
def doubled_words(ctx: RuleContext):
    for line, text in half_lines(ctx):
        if match := leftmost(_WORDS, text):
            yield ctx.finding(where(line), f"词语重复或矛盾：“{match.group(0)}”", actual=match.group(0),
                              suggestion="删去多余的字，保留与数字相符的一个")


@rule("C-105", family="完整性", severity="警告", title="没有重复的标点（。。，，；；、、）")
def doubled_punctuation(ctx: RuleContext):
    for line, text in half_lines(ctx):
        match = _PUNCTUATION.search(text)
        if match or (line.kind in ("sentence", "glossary") and _LEADING.match(text)):
            shown = match.group(0) if match else text.strip()[:2]
            yield ctx.finding(where(line), f"标点重复：“{shown}”", actual=shown, suggestion="删去多余的标点")
