"""公开04's 支出 side when a line prints fewer amounts than its four columns.

"六、科学技术支出 10,199.59 10,199.59" is 合计 and one of the three sources (一般公共预算,
政府性基金, 国有资本经营): the line alone cannot say which. The table's own column totals
can: 本年支出合计 = Σ 各类支出 in every column (T04-005). Every line's placements that keep
合计 = Σ来源 (T04-004) and leave the sources the income side does not fund blank are searched
together (``placement.solve``, bounded); a line is placed only where every consistent
assignment of all lines agrees, what they leave open stays unknown, never zero. A line no
placement makes add up is the document's own error where one printed amount wrong would make
it add up and the column totals then hold: read as printed (``_misprinted``), so 审核 reports it.
"""

from __future__ import annotations

from decimal import Decimal

from .placement import Decided, arrangements, as_printed, candidates, misprints, solve, spec

TOTAL, GRAND, CLOSING = "本年支出合计", "总计", ("结转", "结余")


def place_lines(lines: list[tuple[str, list[Decimal | None]]], empty: set[str]) -> list[Decided | None]:
    """Each right-side line (label, amounts in printed order) → its placement over (合计,
    一般公共预算, 政府性基金, 国有资本经营), or None for a line without amounts.

    Families, column by column: 总计 = 本年支出合计 + 年末结转和结余 (T04-007) and 本年支出合计 =
    Σ 各类 (T04-005). The lines above 本年支出合计 are its classes (a class whose name wrapped
    keeps its amounts on a line with the name's tail: still a class); a line no placement
    fits (a page mark read as amounts) is in no family, unless it is a labelled line of two
    amounts or more that adds up with one printed amount corrected (``_misprinted``): its
    placements then join the families as corrected, and the line is read as printed where a
    family sum through it holds and the placements kept agree.
    """
    line_spec = spec("fiscal_summary.expenditure.classes")
    blanks = [line_spec.columns.index(f) for f in empty if f in line_spec.columns]
    labels = [label for label, _ in lines]
    total = next((i for i, label in enumerate(labels) if TOTAL in label), None)
    grand = next((i for i, label in enumerate(labels) if GRAND in label and TOTAL not in label
                  and total is not None and i > total), None)
    options: dict[str, list] = {}
    misprinted: dict[str, dict] = {}  # line → {the line as it would add up: its printed placements}
    for index, (label, values) in enumerate(lines):
        if values:
            found = candidates(values, line_spec) if None not in values else []
            options[str(index)] = [v for v in found if all(not v[b] for b in blanks)]
            if not options[str(index)] and label and None not in values and len(values) > 1:
                misprinted[str(index)] = _misprinted(values, line_spec, blanks)
                options[str(index)] = list(misprinted[str(index)])
    parent: dict[str, str | None] = {}
    for key, found in options.items():
        index, up = int(key), None
        if found and total is not None and str(total) in options:
            if index < total:
                up = str(total)
            elif grand is not None and str(grand) in options and (
                    index == total or total < index < grand and any(w in labels[index] for w in CLOSING)):
                up = str(grand)
        parent[key] = up
    decided = solve(options, parent) if options else {}
    # as printed, where a family sum holds once corrected
    decided = as_printed(decided, misprinted, len(line_spec.columns))
    return [decided.get(str(index)) for index in range(len(lines))]


def _misprinted(values: list[Decimal], line_spec, blanks: list[int]) -> dict[tuple, list[tuple]]:
    """Each order-keeping placement of the line's amounts (the unfunded sources blank) with the line
    as it would add up were one printed amount wrong (``placement.misprints``) → {corrected line:
    its printed placements}. A correction to zero is none: the amount would not be the line's at all
    (taken from elsewhere: a page mark, the other side), not misprinted."""
    return misprints((p for p in arrangements(values, len(line_spec.columns)) if not any(p[b] for b in blanks)),
                     line_spec, keep=lambda printed, corrected: all(b for a, b in zip(printed, corrected) if a != b))
