"""第一部分 单位概况: 主要职能 text, 内设科室, 人员情况 — as printed."""

from __future__ import annotations

import re

from .pages import Document

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_STAFF = {
    "total": r"实有人数\s*(\d+)\s*人", "active": r"在职(?:人员)?\s*(\d+)\s*人",
    "retired_cadres": r"离休(?:人员)?\s*(\d+)\s*人", "retired": r"(?<!离)退休(?:人员)?\s*(\d+)\s*人",
    "authorised": r"编制(?:数)?\s*(\d+)\s*(?:人|名)",
}
_DEPARTMENTS = re.compile(r"下设\s*\d+\s*个(?:内设)?(?:科室|处室|机构|部门)[，,]?\s*(?:分别是|包括|为)[:：]\s*([^。]+)。")


_PARAGRAPH = re.compile(r"^(?:第[一二三四五六七八九十百]+条|[（(][一二三四五六七八九十]+[）)]|\d+[.、])")


def _paragraphs(lines: list[str]) -> str:
    """Wrapped PDF lines rejoin; a line opening with 第X条/（X）/1. starts a paragraph."""
    paragraphs: list[str] = []
    for line in lines:
        if not paragraphs or _PARAGRAPH.match(line) or paragraphs[-1].endswith(("。", "：", ":")) and len(line) > 0 \
                and _PARAGRAPH.match(line):
            paragraphs.append(line)
        else:
            paragraphs[-1] += line
    return "\n".join(paragraphs)


def _narrative_lines(doc: Document) -> list[str]:
    return [row.text.strip() for row in doc.rows() if row.grid is None and row.text.strip()]


def parse_overview(doc: Document) -> dict:
    lines = _narrative_lines(doc)
    data: dict = {}
    start = next((i for i, line in enumerate(lines)
                  if re.match(r"^\s*一、\s*(?:部门)?主要(?:职能|职责)\s*$", line) and i > 0
                  and not any("目" in lines[j] and "录" in lines[j] for j in range(max(0, i - 2), i))), None)
    candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*一、\s*(?:部门)?主要(?:职能|职责)\s*$", line)]
    if candidates:
        start = candidates[-1] if len(candidates) > 1 else candidates[0]
    if start is not None:
        body = []
        for line in lines[start + 1:]:
            if _HEADING.match(line):
                break
            body.append(line)
        if body:
            data["functions"] = _paragraphs(body)
    text = "".join(lines[:400])
    staffing = {}
    for field, pattern in _STAFF.items():
        match = re.search(pattern, text)
        if match:
            staffing[field] = int(match.group(1))
    if staffing:
        data["staffing"] = staffing
    match = _DEPARTMENTS.search(text)
    if match:
        data["departments"] = tuple(p.strip() for p in re.split(r"[、，,]", match.group(1)) if p.strip())
    return data
