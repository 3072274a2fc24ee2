"""Sentence matching between a printed 情况说明 and a composed ``Document`` (test helper).

Texts are normalised (NFKC: full/half-width punctuation; all whitespace removed) and cut
into segments at 。 and ；. A printed segment that carries numbers is *found* when some
generated segment of the same section prints the same numbers in the same order (as a
contiguous run: the generated segment may number list items the printed one does not)
and says the same thing: at least ``WORDING`` of the printed segment's text without its
numbers recurs in that generated segment (so that "0 万元" cannot match any other zero).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from juesuan.narrative import Document

NUMBER = re.compile(r"\d+(?:\.\d+)?")
HEADING = re.compile(r"^([一二三四五六七八九十]+)、")
SUBHEADING = re.compile(r"^\([一二三四五六七八九十]+\)[^。]*$")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def numbers(segment: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(n) for n in NUMBER.findall(segment))


def segments(text: str) -> list[str]:
    return [s for s in re.split(r"[。;]", normalise(text)) if s]


def printed_sections(text: str, start: str, end: str, split_blocks: bool) -> dict[str, list[str]]:
    """Number-carrying segments of the part between the last ``start`` line and ``end``, by
    top-level heading (一 … 十一). ``split_blocks`` also cuts at blank lines, for PDF
    extractions whose blocks are out of reading order (the Shanghai sample)."""
    lines = text.splitlines()
    first = max(i for i, line in enumerate(lines) if normalise(line).startswith(normalise(start)))
    result: dict[str, list[str]] = {}
    key, block = None, []

    def flush() -> None:
        if key is None:
            return
        chunks = re.split(r"\n\s*\n", "\n".join(block)) if split_blocks else ["\n".join(block)]
        for chunk in chunks:
            result.setdefault(key, []).extend(s for s in segments(chunk) if numbers(s))

    for line in lines[first + 1:]:
        plain = normalise(line)
        if plain.startswith(normalise(end)):
            break
        heading = HEADING.match(plain)
        if heading:
            flush()
            key, block = heading.group(1), []
            continue
        block.append("。" if SUBHEADING.match(plain) else line)
    flush()
    return result


def generated_sections(document: Document, part: str = "narrative") -> dict[str, list[str]]:
    """Segments of the composed 情况说明, by top-level heading."""
    result: dict[str, list[str]] = {}
    inside, key = False, None
    for section in document.sections:
        if section.level == 1:
            inside = section.id == part
            continue
        if not inside:
            continue
        heading = HEADING.match(normalise(section.title))
        if section.level == 2 and heading:
            key = heading.group(1)
        text = "".join(paragraph.text for paragraph in section.paragraphs)
        result.setdefault(key or "", []).extend(segments(text))
    return result


WORDING = Decimal("0.8")


def wording_overlap(printed: str, generated: str) -> Decimal:
    """Share of the printed segment's characters (numbers removed) found in order in ``generated``."""
    a, b = NUMBER.sub("", printed), NUMBER.sub("", generated)
    if not a:
        return Decimal(1)
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return Decimal(sum(block.size for block in blocks)) / Decimal(len(a))


def contains(haystack: tuple, needle: tuple) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass(frozen=True)
class Comparison:
    total: int
    found: tuple[tuple[str, str], ...]
    missing: tuple[tuple[str, str], ...]
    """(section, printed segment) not found with identical numbers."""
    identical: int
    """Printed segments whose normalised text also appears verbatim in the generated text."""

    @property
    def rate(self) -> Decimal:
        return Decimal(len(self.found)) / Decimal(self.total) if self.total else Decimal(1)

    @property
    def text_rate(self) -> Decimal:
        return Decimal(self.identical) / Decimal(self.total) if self.total else Decimal(1)


def same_figures(text: str) -> str:
    """Decimals written without trailing zeros ("6.20" → "6.2", "0.00" → "0"): wording is compared, not the
    number format (our profiles print one format per measure, the published documents mix them)."""
    return _DECIMAL.sub(lambda m: format(Decimal(m.group()).normalize(), "f"), text)


_DECIMAL = re.compile(r"\d+\.\d+")


def compare(printed: dict[str, list[str]], generated: dict[str, list[str]]) -> Comparison:
    found, missing, identical = [], [], 0
    for key, printed_segments in printed.items():
        candidates = generated.get(key, [])
        joined = same_figures("".join(candidates))
        for segment in printed_segments:
            wanted = numbers(segment)
            if any(contains(numbers(c), wanted) and wording_overlap(segment, c) >= WORDING
                   for c in candidates):
                found.append((key, segment))
            else:
                missing.append((key, segment))
            identical += same_figures(segment) in joined
    return Comparison(len(found) + len(missing), tuple(found), tuple(missing), identical)
