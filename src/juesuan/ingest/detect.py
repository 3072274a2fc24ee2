"""Profile detection: which template edition a document follows."""

from __future__ import annotations

import re

from .numbers import clean


def detect_profile(text: str) -> tuple[str, str]:
    """(profile id, note). Decided by region words and the chapter order."""
    t = clean(text[:20000])
    xinjiang = any(w in t for w in ("乌鲁木齐", "新疆", "自治区", "兵团"))
    shanghai = "上海市" in t
    tables_part = re.search(r"第([一二三四])部分[^第]{0,30}决算(?:报)?表", t)
    narrative_part = re.search(r"第([一二三四])部分[^第]{0,30}情况说明", t)
    order = None
    if tables_part and narrative_part:
        rank = "一二三四".index
        order = "tables-first" if rank(tables_part.group(1)) < rank(narrative_part.group(1)) else "narrative-first"
    if shanghai and order != "narrative-first":
        return "shanghai-2024", "上海市，报表在情况说明之前 / Shanghai, tables before narrative"
    if xinjiang or order == "narrative-first":
        return "xinjiang-2022", "新疆版式：情况说明在前，报表见附表 / Xinjiang layout: narrative first"
    return "generic", "未识别地区版式 / region layout not recognised"


META_YEAR_RE = re.compile(r"(20\d{2})\s*年度")


def _unclosed(text: str) -> bool:
    """An opening bracket not closed in ``text``: the title's first line of two, wrapped
    inside "（乌鲁木齐市大数" | "据发展局）"."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _sentence(rest: str) -> bool:
    """What follows 决算 on a line is a sentence's, not a title's (编制范围的单位包括：…)."""
    return bool(re.search(r"[，。：:；]|编制|范围|包括", rest))


def detect_meta(text: str) -> tuple[str | None, int | None]:
    """(department, year) from the cover/title lines."""
    head = text[:3000]
    years = (META_YEAR_RE.findall(head) or META_YEAR_RE.findall(text[:50000])
             or re.findall(r"(20\d{2})\s*年\s*(?:部门|单位)?\s*决算", head))  # "2024年部门决算"
    if not years:  # pdfplumber puts the year of "2024年度部门决算" on a line of its own
        lines = [re.sub(r"\s", "", x) for x in head.splitlines()]
        years = [y for i, y in enumerate(lines) if re.fullmatch(r"20\d{2}", y)
                 and any(re.match(r"^年度?(?:部门|单位)?决算", n) or re.search(r"\S年度(?:部门|单位)?决算", n)
                         for n in lines[max(i - 2, 0):i + 2])]
    year = int(max(set(years), key=years.count)) if years else None
    department = None
    previous = ""
    for line in head.splitlines():
        line = re.sub(r"^第[一二三四五六七八九十]+部分", "", re.sub(r"[*#\s]", "", line))
        match = re.match(r"^(.{2,60}?)(?:（本级）|\(本级\))?(20\d{2})年度?(?:部门|单位)?决算", line)
        if match and _sentence(line[match.end():]):
            match = None  # "纳入上海市普陀区财政局2024年度部门决算编制范围的单位包括：" (a wrapped sentence)
        if match:
            department = match.group(1)
            if _unclosed(previous) and not _unclosed(previous + department):
                department = previous + department  # a title wrapped inside its bracket
            break
        # the year first: "2023年度上海市XX局部门决算", "2023年XX委员会单位决算"
        match = re.match(r"^(20\d{2})年度?(.{2,60}?)(?:（本级）|\(本级\))?(?:部门|单位)决算", line)
        if match:
            department = match.group(2)
            year = year or int(match.group(1))
            break
        previous = line or previous
    if department is None:
        lines = [re.sub(r"[*#\s]", "", x) for x in head.splitlines() if x.strip()]
        for i, line in enumerate(lines[:-1]):
            if re.match(r"^(?:20\d{2})?年度?(?:部门|单位)?决算", lines[i + 1]) and 2 <= len(line) <= 60 \
                    and not re.search(r"[，。：:]", line):
                department = line
                break
    if department is None:  # spreadsheet/MOF lead line: 编制单位：XX / 编制部门：XX
        match = re.search(r"编制(?:单位|部门)\s*[:：]\s*([^\s:：|]{2,60}?)(?:\s|$|\||单位|金额|20\d{2})", text[:5000])
        if match:
            department = match.group(1)
    return department, year


def meta_lines(text: str, department: str | None, year: int | None) -> tuple[str | None, str | None]:
    """The first lines printing the department and the year (``--explain``: where they came from)."""
    lines = [line.strip() for line in text[:50000].splitlines() if line.strip()]

    def first(word: str | None) -> str | None:
        if not word:
            return None
        return next((line[:120] for line in lines if word in re.sub(r"\s", "", line)), None)

    return first(department), first(f"{year}年" if year else None) or first(str(year) if year else None)
