"""The 自评表's indicator rows from text without positions: their numbers, not their texts.

Without x positions (pdfplumber, ``pdftotext -raw``, a viewer's copy) a wrapped line of 三级指标 /
年度指标值 / 实际完成值 / 偏差原因 could continue either row and any column, so those texts are not
read. What is anchored is: each row's 分值 and 得分 (the line's one pair of plain numbers side by
side) and its 二级指标 label — on the anchor line, or printed first, on a line since the previous
anchor (the last such label; the ones before it are printed rows with no 三级指标). The texts stay
unknown (``None``, provenanced ``unread`` by the caller, never "" taken as printed), so that 审核 sets
aside what needs them (P-006, P-007, P-010, P-011) and checks the numbers (P-001…P-005, P-008, P-009).

Anything that could make a row wrong or lost is a ``Doubt`` (the form is then left out): a run of
three or more plain numbers (which pair is 分值/得分?), a number or "—" on a line that is no anchor
(a row's numbers not on one line, a score printed "5.0分"), an anchor with no label since the last,
two labels on one anchor line, labels out of the form's order, a label printed twice as an empty row.
"""

from __future__ import annotations

from .pages import Row
from .performance_rows import Doubt
from .performance_text import DASH, LABELS, LEVEL1, LEVEL1_OF, LEVEL2, SCORE, TEXT_FIELDS, WEIGHT

TEXTS = TEXT_FIELDS  # what a numbers-only read leaves unknown
# the form's 二级指标 order (performance-scoring.md §1): a label out of it was placed wrong
ORDER = {label: n for n, label in enumerate(LEVEL2)}


def _pair(tokens: list[str]) -> int | None:
    """Index of 分值 when the line's plain numbers side by side are exactly one pair; None when
    there is none; ``Doubt`` when a run of three or more leaves the pair open."""
    runs, start = [], None
    for i, token in enumerate(tokens + [""]):
        if SCORE.match(token):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i - start))
            start = None
    long = [(s, n) for s, n in runs if n >= 2]
    if not long:
        return None
    if len(long) > 1 or long[0][1] != 2:
        raise Doubt("指标行有三个以上相连的数字，分值/得分无法确定：" + " ".join(tokens)[:40])
    return long[0][0]


def _labels(tokens: list[str]) -> list[str]:
    """The 二级指标 labels of a line; "满意度指标" twice (一级 and 二级 side by side) is one."""
    labels = [t for t in tokens if t in LEVEL2]
    if len(labels) == 2 and labels[0] == labels[1] and labels[0] in LEVEL1:
        return labels[:1]
    return labels


def read_numbers(region: list[Row]) -> list[dict]:
    """Indicator dicts (level1, level2, weight, score; no texts) in print order, placeholders
    (a printed 二级指标 with no 三级指标) as ``{level1, level2}``; ``Doubt`` when not certain."""
    rows: list[dict] = []
    pending: list[str] = []  # labels since the last anchor

    def empty(labels: list[str]) -> None:
        rows.extend({"level1": LEVEL1_OF[label], "level2": label} for label in labels)

    for row in region:
        tokens = row.text.split()
        labels = _labels(tokens)
        rest = [t for t in tokens if t not in LEVEL2 and t not in LABELS]
        anchor = _pair(rest)
        if anchor is None:
            if any(WEIGHT.match(t) or DASH.match(t) for t in rest):
                raise Doubt("指标行的数字不在同一行（或分值/得分非纯数字）：" + " ".join(tokens)[:40])
            pending += labels
            continue
        if any(WEIGHT.match(t) or DASH.match(t) for t in rest[anchor + 2:]):
            raise Doubt("得分之后又有数字：" + " ".join(tokens)[:40])
        if len(labels) > 1:
            raise Doubt("指标行印有两个二级指标：" + " ".join(tokens)[:40])
        if not labels and not pending:
            raise Doubt("指标行之前未见二级指标：" + " ".join(tokens)[:40])
        level2 = labels[0] if labels else pending.pop()
        empty(pending)
        pending = []
        rows.append({"level1": LEVEL1_OF[level2], "level2": level2, "weight": rest[anchor],
                     "score": rest[anchor + 1]})
    empty(pending)
    return _checked(rows)


def _checked(rows: list[dict]) -> list[dict]:
    """Labels in the form's order; an empty-row label that an anchored row also has is the 一级指标
    "满意度指标" (dropped), any other printed twice is in doubt."""
    anchored = {r["level2"] for r in rows if "weight" in r}
    out, seen = [], set()
    for row in rows:
        if "weight" not in row:
            if row["level2"] in anchored or row["level2"] in seen:
                if row["level2"] in LEVEL1:
                    continue
                raise Doubt(f"二级指标“{row['level2']}”既为空行又有指标行")
            seen.add(row["level2"])
        out.append(row)
    order = [ORDER[r["level2"]] for r in out]
    if order != sorted(order):
        raise Doubt("二级指标次序不合表式：" + "、".join(r["level2"] for r in out)[:60])
    return out
