"""The department's name wherever the document names itself: titles, table titles, sentences.

Two defects a reviewer finds that C-009 (a mis-written variant of the name) does not:
the name without its region prefix (工业和信息化局 for 乌鲁木齐市工业和信息化局), and another
department's name where the document names itself (a title, "XX局2022年度收入…") — left
over from the text it was copied from. Another body named elsewhere (市财政局批复) is fine.
"""

from __future__ import annotations

import re

from .lines import cover, half_lines, where
from .registry import REGISTRY, RuleContext
from .wording import _norm, _variant

rule = REGISTRY.rule

_REGION_END = "省市区县州盟旗"
_SPACES = re.compile(r"\s+")
_TITLE_WORDS = re.compile(r"决算|概况")
"""A cover line may name the publisher (市人民政府); a title of the 决算 names its department."""
_BODY = r"[\u4e00-\u9fa5]{1,16}?(?:局|厅|委员会|办公室|管理中心|中心|研究院|院|所)"
_SELF = r"（本级）|(?:（[^（）]{1,30}）)*\s*(?:(?:19|20)\d{2}\s*年度|部门|概况|本级|共有|机关运行|所属|下属)"
"""What follows the name where a document names itself (its alias or （本级） may come first)."""


def _region(official: str) -> str:
    """The leading region of the name (乌鲁木齐市, 上海市普陀区), '' when it has none."""
    stem = official.split("（")[0]
    cut = max(stem.rfind(c) for c in _REGION_END) + 1
    return stem[:cut] if cut < len(stem) else ""


@rule("C-102", family="完整性", severity="警告",
      title="单位自称处（标题、表标题、“××局YYYY年度…”）用本单位全称：不缺地区前缀、不是其他单位的名称")
def own_name(ctx: RuleContext):
    d = ctx.disclosure
    official = _norm(d.meta.department or "")
    region = _region(official)
    stem = official.split("（")[0]
    core = stem[len(region):]
    if not region or len(core) < 2:
        return
    titles = {id(line) for line in cover(d)}
    other = re.compile(re.escape(region) + _BODY)
    for line, text in half_lines(ctx):
        text = _SPACES.sub("", text).replace("(", "（").replace(")", "）")
        if core not in text and region not in text:
            continue
        is_title = id(line) in titles
        start = text.find(core)
        while start != -1:  # the name without its region: nothing of a region just before it
            before = text[:start]
            if not before.endswith(region) and not (before and before[-1] in _REGION_END):
                yield ctx.finding(where(line), f"单位名称缺少地区前缀：“{core}”应为“{stem}”",
                                  expected=stem, actual=core, suggestion="使用单位全称")
                break
            start = text.find(core, start + 1)
        for match in other.finditer(text):
            name = match.group(0)
            if stem.startswith(name) or name.startswith(stem) or official.find(name) != -1 or _variant(name, stem):
                continue
            alias = official[len(stem):]  # （乌鲁木齐市大数据发展局）: the official's second name
            in_title = is_title and (bool(_TITLE_WORDS.search(text)) or text == name)  # a cover line that is a name
            self_named = in_title or re.match(_SELF, text[match.end():]) or \
                bool(alias) and text.startswith(alias, match.end())
            if not self_named:
                continue
            yield ctx.finding(where(line), f"此处应为本单位名称“{d.meta.department}”，却写作“{name}”",
                              severity="错误" if in_title else None, expected=d.meta.department, actual=name,
                              suggestion="核对是否套用了其他单位的文本")
            break
