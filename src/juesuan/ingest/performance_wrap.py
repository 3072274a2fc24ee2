"""A 自评表 indicator row's wrapped line (tab rows): which field each piece continues.

A wrapped line carries only the rest of some cells ("\t\t\t暖费\t\t\t\t\t" under "支付家属院公共用房取").
Extractors shift such lines by a cell (the seed drops a leading blank on some) or keep them, so a
piece's column is known only up to an offset. An offset is taken on evidence from the lines
themselves, in this order:

1. widths — a line that keeps its trailing blanks and an anchor row printed up to its 偏差原因 column
   show their own field counts: equal, the line is not shifted; one fewer, a leading blank was dropped;
2. the pair 年度指标值/实际完成值 — printed as number and unit they share the unit ("=2处"/"2处"): a
   placement that breaks a shared unit is not the printed one ("=2处暖费"), one that completes it is
   ("=1657个" beside "=1657" + "个");
3. a piece that only repeats the end of the field in its own column (an echo) stands over a shift.

Where two offsets remain plausible and give different rows, nothing is guessed: the caller marks the
row's texts unknown (``AMBIGUOUS``).
"""

from __future__ import annotations

import re

from .numbers import clean
from .performance_text import number

AMBIGUOUS = "ambiguous"
# a 年度指标值/实际完成值 printed as a measure: operator, number, unit
_MEASURE = re.compile(r"^[<>=≤≥＜＞＝]*-?\d+(?:\.\d+)?(?P<unit>\D*)$")
_CJK = "[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_CJK_GAP = re.compile(f"(?<={_CJK})\\s+(?={_CJK})")


def tidy(text: str) -> str:
    """A cell's text with the line breaks the extractor joined between CJK characters removed."""
    return _CJK_GAP.sub("", text.strip())


def line_fields(lines: list[str] | None, row) -> list[str] | None:
    """The tab fields of ``row``'s source line, blanks included (the row itself keeps only the
    non-blank cells); None when the line is not known or holds a form feed."""
    if not lines or not 0 < row.line <= len(lines) or "\f" in lines[row.line - 1]:
        return None
    return lines[row.line - 1].split("\t")


def place(last: dict, cells, width: int | None, text_dump: bool, labels: str) -> bool | str:
    """Continue ``last`` with the line's non-blank ``cells`` (``width``: the line's field count when it
    keeps its trailing blanks). True when placed, ``AMBIGUOUS`` when offsets disagree, False when none fits:
    the caller reports the row instead of guessing. ``labels``: the texts a wrapped 一级/二级指标 label
    piece may come from."""
    plans = {offset: _plan(last, cells, offset, labels) for offset in (0, 1, -1)}
    plan = _choose(last, plans, width) if text_dump else next(
        (p for p in plans.values() if p is not None), None)  # a grid keeps its columns: 0 first
    if plan is None or plan == AMBIGUOUS:
        return False if plan is None else AMBIGUOUS
    for field, text in plan:
        if field in ("weight", "score"):
            last["_raw"][field] += text
            last[field] = number(last["_raw"][field])
        else:
            last[field] = (last.get(field) or "") + text
    return True


def _choose(last: dict, plans: dict, width: int | None):
    valid = {o: p for o, p in plans.items() if p is not None}
    if not valid:
        return None
    anchor = last.get("_width")
    if width is not None and anchor is not None and valid.get(anchor - width) is not None:
        return valid[anchor - width]
    before = _shared_unit(last.get("target"), last.get("actual"))
    kept = {o: p for o, p in valid.items() if not (before and not _shared_unit(*_after(last, p)))}
    completing = {o: p for o, p in kept.items() if not before and _shared_unit(*_after(last, p))}
    kept = completing or kept
    distinct = {str(p) for p in kept.values()}
    if len(distinct) == 1:
        return next(iter(kept.values()))
    if 0 in kept and (kept[0] == [] or all(p == [] for o, p in kept.items() if o)):
        return kept[0]  # an echo in its own column stands; an echo under a shift gives way
    return AMBIGUOUS if kept else None


def _after(last: dict, plan: list) -> tuple[str | None, str | None]:
    values = {"target": last.get("target"), "actual": last.get("actual")}
    for field, text in plan:
        if field in values:
            values[field] = (values[field] or "") + text
    return values["target"], values["actual"]


def _shared_unit(target: str | None, actual: str | None) -> bool:
    """Both printed as a measure with the same unit (a unit may be none: "≤102.6"/"102.6")."""
    a, b = (_MEASURE.match(re.sub(r"\s+", "", clean(v or ""))) for v in (target, actual))
    return bool(a and b) and a.group("unit") == b.group("unit")


def _plan(last: dict, cells, offset: int, labels: str) -> list[tuple[str, str]] | None:
    first = min((c for c, f in last["_cols"].items() if f == "name"), default=None)
    plan = []
    for cell in cells:
        if cell.col is None:
            return None
        col = cell.col + offset
        if first is not None and col < first:
            if tidy(cell.text) not in labels:
                return None  # left of the 三级指标 only the wrapped 一级/二级指标 labels are printed
            continue
        field, text = last["_cols"].get(col), tidy(cell.text)
        if field is None:
            return None
        if field in ("weight", "score"):
            text = clean(text)
            # only the rest of a decimal: "13" + ".65", "13.6" + "5" (never "10" + "48")
            raw = last["_raw"][field]
            if not re.fullmatch(r"\.\d+" if "." not in raw else r"\d+", text) or number(raw + text) is None:
                return None
        elif not last.get(field) and field != "deviation_reason":
            return None
        elif clean(last.get(field) or "").endswith("%") and not clean(text).startswith(("（", "(")):
            return None  # "90%" + "48" or ">=65%" + "率" is never one printed value
        elif clean(last.get(field) or "").endswith(clean(text)):
            continue
        plan.append((field, text))
    return plan
