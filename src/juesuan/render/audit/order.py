"""The document's natural order for the audit report: parts, the tables part, numbered sections.

A section is placed by its printed numbers read as numbers (``十一、`` after ``九、``, ``（二）``
after ``（一）``), never by its string; a profile section id by where the profile prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

UNPLACED_PART = 500  # sections whose part is not known: after the numbered parts, before the projects

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
_NUMERAL = "〇零一二两三四五六七八九十百"
_PART = re.compile(rf"^\s*(?:情况说明\s*)?第([{_NUMERAL}]+|\d+)部分\s*")
_TOKEN = re.compile(rf"[(（]\s*([{_NUMERAL}]+|\d+)\s*[)）]|([{_NUMERAL}]+|\d+)(?=[、.．,，()（）\s\d]|$)")
_SEPARATORS = re.compile(r"[、.．,，\s]*")


def chinese_int(text: str) -> int | None:
    """``十一`` → 11, ``二十三`` → 23, ``一百零五`` → 105, ``13`` → 13; None for anything else."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0:  # two digits in a row: not a numeral we read
                return None
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def printed_numbers(text: str) -> tuple[int | None, tuple[int, ...]]:
    """The numbering a heading or locator starts with: ``第三部分五(二)13`` → (3, (5, 2, 13));
    ``六、一般公共预算…`` → (None, (6,)) (the 一 of 一般 is a word, not a number)."""
    text = re.sub(r"^\s*情况说明\s*", "", text or "")
    part = None
    match = _PART.match(text)
    if match:
        part = chinese_int(match.group(1))
        text = text[match.end():]
    numbers: list[int] = []
    position = 0
    while True:
        position = _SEPARATORS.match(text, position).end()
        token = _TOKEN.match(text, position)
        if not token:
            break
        value = chinese_int(token.group(1) or token.group(2))
        if value is None:
            break
        numbers.append(value)
        position = token.end()
    return part, tuple(numbers)


@dataclass(frozen=True)
class Outline:
    """A profile's order: each section id → (part number, numbers from the top heading down)."""

    sections: dict[str, tuple[int, tuple[int, ...]]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # id → printed number and title
    headings: tuple[tuple[str, str], ...] = ()  # (title or alias, id), longest first
    tables: int = 0  # the tables part's number (0: tables first when no profile is known)
    narrative: int = UNPLACED_PART

    def by_title(self, heading: str) -> tuple[int, tuple[int, ...]] | None:
        """A heading printed without its number, placed by the profile's title of that section."""
        bare = re.sub(r"^\s*(情况说明\s*)?", "", heading or "")
        for title, sid in self.headings:
            if title and title in bare:
                return self.sections[sid]
        return None


def _walk(section, prefix: tuple[int, ...], part: int, out: Outline, headings: list, parent: str = "") -> None:
    """A nested heading's title names its parent's number too (``十一、（二）政府采购支出情况``): a bare
    ``（二）`` is found under every top heading."""
    numbers = prefix + (printed_numbers(section.number)[1] or (0,))
    out.sections[section.id] = (part, numbers)
    out.titles[section.id] = f"{parent}{section.number}{section.title}"
    headings += [(title, section.id) for title in (section.title, *section.aliases)]
    for child in section.sections:
        _walk(child, numbers, part, out, headings, parent + section.number)


@lru_cache(maxsize=8)
def outline_of(profile: str | None) -> Outline:
    """The profile's outline; an empty one (tables first, then sections by their own numbers) when the
    profile is not given or not known."""
    if not profile:
        return Outline()
    from ...reference.profiles import Profile

    try:
        parts = Profile.load(profile).parts
    except Exception:  # an unknown or broken profile: the findings' own numbers still order them
        return Outline()
    out, headings = Outline(), []
    tables, narrative = 0, UNPLACED_PART
    for index, part in enumerate(parts, start=1):
        number = printed_numbers(part.number)[0] or index
        if part.id == "tables":
            tables = number
        elif part.id == "narrative":
            narrative = number
        for top in part.sections:
            _walk(top, (), number, out, headings)
    headings.sort(key=lambda pair: -len(pair[0]))  # the longest title that fits wins
    return Outline(out.sections, out.titles, tuple(headings), tables, narrative)
