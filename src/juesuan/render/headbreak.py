"""Header words never break inside a word ("本年收入合\\n计"): a header cell too long for its column is
broken here, between words, before the typesetter breaks it wherever the line runs out.

Words are the terms the nine tables' headers are made of; a cut is allowed only where no word
spans it. Where no such cut fits, the text is left to the typesetter as before.
"""

from __future__ import annotations

WORDS = tuple(sorted((
    "本年", "上年", "年初", "年末", "收入", "支出", "合计", "总计", "小计", "财政", "拨款", "上级", "补助",
    "事业", "经营", "附属", "单位", "上缴", "其他", "基本", "项目", "结转", "结余", "和", "科目", "编码",
    "名称", "功能", "分类", "经济", "预算", "决算", "决算数", "预算数", "人员", "经费", "公用", "政府性",
    "基金", "国有", "资本", "一般", "公共", "使用", "非财政", "用事业", "基金弥补", "收支", "缺口",
    "提取", "其中", "完成", "金额", "因公", "出国", "（境）", "费", "公务", "用车", "购置", "运行",
    "维护", "接待", "全年", "预算数", "调剂", "合计数", "年度", "绩效", "指标", "情况", "实施",
    "主管", "部门", "资金", "总体", "目标", "预期", "实际", "执行", "执行数", "执行率", "得分", "分值",
    "一级", "二级", "三级", "指标值", "完成值", "偏差", "原因", "分析", "改进", "措施", "总分",
), key=len, reverse=True))


def _spans(text: str) -> list[tuple[int, int]]:
    """Word occurrences, longest first, not overlapping."""
    taken = [False] * len(text)
    spans = []
    for word in WORDS:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(taken[start:end]):
                spans.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(word, start + 1)
    return spans


def break_head(text: str, capacity: int) -> str:
    """``text`` in lines of at most ``capacity`` characters cut only between words, or unchanged.

    Fewest lines first, then lines as even as the cuts allow ("附属单位\n上缴收入", not
    "附属单位上缴\n收入")."""
    if capacity < 2 or len(text) <= capacity or "\n" in text or not text.strip():
        return text
    spans = _spans(text)
    safe = [p for p in range(1, len(text)) if not any(s < p < e for s, e in spans)]
    # best[i]: (lines, unevenness, cuts negated: on a tie the longer first line) for text[:i]
    best: dict[int, tuple[int, int, tuple[int, ...]]] = {0: (0, 0, ())}
    for end in (*safe, len(text)):
        options = [(lines + 1, uneven + (capacity - (end - start)) ** 2, (*cuts, -end))
                   for start, (lines, uneven, cuts) in best.items()
                   if start < end and end - start <= capacity]
        if options:
            best[end] = min(options)
    if len(text) not in best:
        return text
    cuts = (0, *(-cut for cut in best[len(text)][2]))
    return "\n".join(text[a:b] for a, b in zip(cuts, cuts[1:]))


def is_head(cell, kind: str) -> bool:
    """A header cell: in a head row, or a form label (bold, centred text: 项目名称, 实施单位)."""
    return isinstance(cell.value, str) and (kind == "head" or (cell.bold and cell.align == "center"))


def word_breaks(text: str) -> list[int]:
    """Where a line may break between the header terms (a term's start or end inside the text),
    for a renderer that breaks lines itself (HTML: ``<wbr>`` there, ``word-break: keep-all``)."""
    spans = _spans(text)
    edges = {edge for span in spans for edge in span}
    return sorted(p for p in edges if 0 < p < len(text) and not any(s < p < e for s, e in spans))
