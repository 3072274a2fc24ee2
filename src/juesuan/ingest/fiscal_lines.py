"""公开04's 支出 side when a line prints fewer amounts than its four columns.

"六、科学技术支出 10,199.59 10,199.59" is 合计 and one of the three sources (一般公共预算,
政府性基金, 国有资本经营): the line alone cannot say which. The table's own column totals
can: 本年支出合计 = Σ 各类支出 in every column (T04-005). Every line's placements that keep
合计 = Σ来源 (T04-004) and leave the sources the income side does not fund blank are searched
together (``placement.solve``, bounded); a line is placed only where every consistent
assignment of all lines agrees, what they leave open stays unknown, never zero.
"""

from __future__ import annotations

from decimal import Decimal

from .placement import Decided, candidates, solve, spec

TOTAL, GRAND, CLOSING = "本年支出合计", "总计", ("结转", "结余")


def place_lines(lines: list[tuple[str, list[Decimal | None]]], empty: set[str]) -> list[Decided | None]:
    """Each right-side line (label, amounts in printed order) → its placement over (合计,
    一般公共预算, 政府性基金, 国有资本经营), or None for a line without amounts.

    Families, column by column: 总计 = 本年支出合计 + 年末结转和结余 (T04-007) and 本年支出合计 =
    Σ 各类 (T04-005). The lines above 本年支出合计 are its classes (a class whose name wrapped
    keeps its amounts on a line with the name's tail: still a class); a line no placement
    fits (a page mark read as amounts) is in no family.
    """
    line_spec = spec("fiscal_summary.expenditure.classes")
    blanks = [line_spec.columns.index(f) for f in empty if f in line_spec.columns]
    labels = [label for label, _ in lines]
    total = next((i for i, label in enumerate(labels) if TOTAL in label), None)
    grand = next((i for i, label in enumerate(labels) if GRAND in label and TOTAL not in label
                  and total is not None and i > total), None)
    options: dict[str, list] = {}
    for index, (label, values) in enumerate(lines):
        if values:
            found = candidates(values, line_spec) if None not in values else []
            options[str(index)] = [v for v in found if all(not v[b] for b in blanks)]
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
    return [decided.get(str(index)) for index in range(len(lines))]
