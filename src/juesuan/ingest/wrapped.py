"""A 总表's labels wrapped inside their cells (a portrait page's narrow 项目 columns), rejoined.

Text without positions prints a wrapped cell's lines one after the other. pdfplumber keeps a
row's cells on its first line and gives the tails of its wrapped labels on the next
("一、一般公共预算财 151,447,500.00 一、一般公共服务支 68,000.00 68,000.00" / "政拨款 出"); a PDF
viewer or ``pdftotext -raw`` follows the cells, and the cell after a wrapped one starts a new
line ("一、一般公共预算财" / "政拨款" / "151,447,500.00 一、一般公共服务支" / "出" /
"68,000.00 68,000.00").

A line of words only, none numbered, is the tails of the labels the line above left open when
each joined label is one the table prints (its fixed lines, a 类 of the code lists) or still
the start of one, and exactly one way of joining does that; else it stays a line of its own.
After a label completed so, a line that starts with amounts goes on the same line: those
amounts are the wrapped cell's (the viewer's order), as long as the line keeps two sides.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations

from .numbers import FOLIO, clean, is_amount
from .pages import Row

_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])")

Span = list[tuple[Row, int | None]]  # the physical lines of a line, how many amounts each printed


@cache
def known() -> frozenset[str]:
    """The labels a 总表 prints, numbering dropped: both 总表' fixed lines (公开04's name 公开01's
    too), the 类 of every code list edition and their old names."""
    from ..model.table_schema import table_schema
    from ..reference.codes import CodeBook, editions, renames_of
    from .resolve import RENAMED_CLASSES

    labels = {line.header for k in ("summary", "fiscal_summary") for lines in table_schema(k).lines.values()
              for line in lines}
    for edition in editions("function"):
        labels |= {c.name for c in CodeBook.for_year(edition.year).classes()}
    labels |= {r.old_name for r in renames_of("function") if len(r.code) == 3} | set(RENAMED_CLASSES)
    return frozenset(_plain(label) for label in labels)


def _plain(label: str) -> str:
    return _NUMBERED.sub("", clean(label))


def _fits(label: str) -> bool:
    """A label the table prints, or the start of one."""
    text = _plain(label)
    return bool(text) and any(k.startswith(text) for k in known())


def _open(label: str) -> bool:
    """The start of a longer label the table prints (maybe one itself: validated by the join)."""
    text = _plain(label)
    return bool(text) and any(k.startswith(text) and k != text for k in known())


def _word(token: str) -> bool:
    return not is_amount(token) and clean(token) not in ("-", "—", "－")


def fragments(tokens: list[str]) -> bool:
    """Words only, none starting a numbered line: maybe the tails of wrapped labels."""
    return bool(tokens) and all(_word(t) and not _NUMBERED.match(clean(t)) for t in tokens)


def _runs(tokens: list[str]) -> list[int]:
    """The index of each label's last token (a run of words; a numbered word starts another)."""
    ends = []
    for i, token in enumerate(tokens):
        if not _word(token):
            continue
        if ends and ends[-1] == i - 1 and not _NUMBERED.match(clean(token)):
            ends[-1] = i
        else:
            ends.append(i)
    return ends


def _label(tokens: list[str], end: int) -> str:
    start = end
    while start > 0 and _word(tokens[start - 1]) and not _NUMBERED.match(clean(tokens[start])):
        start -= 1
    return "".join(tokens[start:end + 1])


def join(open_labels: list[str], pieces: list[str]) -> tuple[int, ...] | None:
    """Which open label each piece ends (in order, one piece a label), when exactly one such
    choice makes every joined label one the table prints or the start of one; else None."""
    if not pieces or len(pieces) > len(open_labels):
        return None
    found = [chosen for chosen in combinations(range(len(open_labels)), len(pieces))
             if all(_fits(open_labels[i] + p) for i, p in zip(chosen, pieces))]
    return found[0] if len(found) == 1 else None


def _amounts_first(tokens: list[str], text: str) -> bool:
    return bool(tokens) and not _word(tokens[0]) and not FOLIO.match(clean(text))


def lines(rows: list[Row]) -> list[tuple[Row, list[str], Span]]:
    """The table's lines with wrapped labels rejoined: (the first physical line, the tokens, the
    physical lines and their amounts' count — one line unchanged: (row, None))."""
    out: list[list] = []  # [row, tokens, span, waiting]
    for row in rows:
        tokens = row.text.split()
        last = out[-1] if out else None
        if last is not None and fragments(tokens):
            ends = [e for e in _runs(last[1]) if _open(_label(last[1], e))]
            chosen = join([_label(last[1], e) for e in ends], tokens)
            if chosen is not None:
                for index, piece in zip(chosen, tokens):
                    last[1][ends[index]] += piece
                last[2].append((row, 0))
                last[3] = ends[chosen[-1]] == len(last[1]) - 1  # the wrapped cell ends the line
                continue
        if last is not None and last[3] and _amounts_first(tokens, row.text) \
                and len(_runs(last[1] + tokens)) <= 2:
            last[1] += tokens
            last[2].append((row, sum(not _word(t) for t in tokens)))
            last[3] = False  # its own label, if any, ends it unjoined yet
            continue
        out.append([row, tokens, [(row, sum(not _word(t) for t in tokens))], False])
    return [(row, tokens, span if len(span) > 1 else [(row, None)]) for row, tokens, span, _ in out]
