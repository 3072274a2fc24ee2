"""Sentence match rate of a document read back (test helper): a printed sentence of the 说明 is
*read* when every figure it prints became a claim that equals one of the expected claims.

Figures are found with the reader's own pattern (thresholds such as "100万元（含）以上" are not
figures); a claim belongs to the sentence whose text holds its clause (or is held by it) and its figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from juesuan.ingest.claims import FIGURE
from juesuan.ingest.numbers import clean

NARRATIVE = ("summary", "income", "expenditure", "fiscal_summary", "general_budget", "basic_expenditure",
             "three_public", "government_fund", "state_capital", "operating_costs", "procurement", "assets",
             "performance")


def key(claim) -> tuple:
    return claim.item, claim.measure, claim.value


def figures(text: str) -> int:
    text = clean(text)
    return sum(not text[m.end():m.end() + 3].startswith(("(含)", "以上", "以下")) for m in FIGURE.finditer(text))


def _same(clause: str, text: str) -> bool:
    """Claims keep the first 300 characters of their clause: compare a prefix of the shorter."""
    head = min(len(clause), len(text), 60)
    return bool(head) and (clause[:head] in text or text[:head] in clause)


@dataclass(frozen=True)
class SentenceRate:
    read: int
    total: int
    unread: tuple[str, ...]


def sentence_rate(disclosure, expected) -> SentenceRate:
    wanted = Counter(map(key, expected))
    sentences = [line for line in disclosure.printed
                 if line.kind == "sentence" and line.section in NARRATIVE and figures(line.text)]
    read, unread = 0, []
    for line in sentences:
        text = clean(line.text).rstrip("。;")
        mine = [c for c in disclosure.claims if c.sentence and _same(clean(c.sentence).rstrip("。;"), text)
                and (c.text or "") in text]  # a clause may span two printed sentences ("…其中：" | "人员经费…")
        hits = 0
        for claim in mine:
            if wanted[key(claim)] > 0:
                wanted[key(claim)] -= 1
                hits += 1
        if hits >= figures(line.text):
            read += 1
        else:
            unread.append(line.text)
    return SentenceRate(read, len(sentences), tuple(unread))
