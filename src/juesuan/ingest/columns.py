"""Which column band holds which field: header keywords first, position second."""

from __future__ import annotations

from .locate import Block
from .numbers import clean, is_amount, join_code
from .pages import Row

# (field, header keywords), most specific first; ``total`` matches last.
COLUMNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "income": (
        ("fiscal_appropriation", ("财政拨款",)), ("higher_level_subsidy", ("上级补助",)),
        ("business", ("事业收入",)), ("operating", ("经营收入",)),
        ("affiliated_remittance", ("附属单位",)), ("other", ("其他收入",)),
        ("total", ("本年收入合计", "收入合计", "合计", "小计")),
    ),
    "expenditure": (
        ("basic", ("基本支出",)), ("project", ("项目支出",)), ("remit_to_higher", ("上缴上级",)),
        ("operating", ("经营支出",)), ("subsidy_to_affiliated", ("对附属单位", "附属单位补助")),
        ("total", ("本年支出合计", "支出合计", "合计", "小计")),
    ),
    "general_budget": (
        ("basic", ("基本支出",)), ("project", ("项目支出",)), ("total", ("合计", "小计", "决算数")),
    ),
    "fund": (
        ("opening_balance", ("年初",)), ("closing_balance", ("年末",)), ("income", ("本年收入", "收入")),
        ("basic", ("基本支出",)), ("project", ("项目支出",)),
        ("expenditure", ("小计", "本年支出", "合计", "支出")),
    ),
}
ORDER: dict[str, tuple[str, ...]] = {
    "income": ("total", "fiscal_appropriation", "higher_level_subsidy", "business", "operating",
               "affiliated_remittance", "other"),
    "expenditure": ("total", "basic", "project", "remit_to_higher", "operating", "subsidy_to_affiliated"),
    "general_budget": ("total", "basic", "project"),
    "fund": ("opening_balance", "income", "expenditure", "basic", "project", "closing_balance"),
}


def band(cell, index: int) -> int:
    return cell.col if cell.col is not None else index


def is_data_row(row: Row) -> bool:
    if any(is_amount(c.text) for c in row.cells):
        return True
    digits = [c.text for c in row.cells if clean(c.text).isdigit()]
    return bool(digits) and join_code(digits[:3]) is not None


def header_rows(block: Block) -> list[Row]:
    rows = []
    for row in block.rows:
        if is_data_row(row):
            break
        rows.append(row)
    return rows


def header_text(rows: list[Row]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for row in rows:
        for index, cell in enumerate(row.cells):
            b = band(cell, index)
            texts[b] = texts.get(b, "") + clean(cell.text)
    return texts


def name_band(block: Block, texts: dict[int, str]) -> int | None:
    for b, text in sorted(texts.items()):
        if "科目名称" in text or text.endswith("名称"):
            return b
    counts: dict[int, int] = {}
    for row in block.rows:
        for index, cell in enumerate(row.cells):
            t = clean(cell.text)
            if t and not t.isdigit() and not is_amount(t) and t not in ("类", "款", "项"):
                counts[band(cell, index)] = counts.get(band(cell, index), 0) + 1
                break
    return max(counts, key=counts.get) if counts else None


def map_bands(kind: str, texts: dict[int, str], first: int, last: int) -> dict[int, str]:
    """Band → field for the amount bands ``first..last``: keywords, else printed order."""
    candidates = [b for b in range(first, last + 1)]
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for b in candidates:
        text = texts.get(b, "")
        for field, keywords in COLUMNS[kind]:
            if field not in used and any(k in text for k in keywords):
                mapping[b] = field
                used.add(field)
                break
    order = ORDER[kind]
    if len(mapping) < len(order) and len(candidates) == len(order):
        return dict(zip(candidates, order))
    return mapping
