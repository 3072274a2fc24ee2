"""Which column band holds which field: header keywords first, position second."""

from __future__ import annotations

from ..model.table_schema import table_schema
from ..reference.profiles import renamed_headers
from .locate import Block
from .numbers import clean, is_amount, join_code
from .pages import Row
from .report import ColumnChoice

# The column families the coded readers know, and the schema table each reads (公开08/09 share one).
_KIND_TABLE = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
               "fund": "government_fund"}
# (field, header keywords), most specific first; ``total`` matches last (model/table_schema.yaml).
COLUMNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    kind: tuple((c.field, c.keywords) for c in table_schema(key).matching()) for kind, key in _KIND_TABLE.items()
}
# The printed order of the amount columns (taken when no header keyword names them all).
ORDER: dict[str, tuple[str, ...]] = {kind: table_schema(key).fields for kind, key in _KIND_TABLE.items()}


def renamed_words(keys: tuple[str, ...], words: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Field → the headers a profile prints instead of the schema's for the tables ``keys``
    (reference/profiles.py, every known profile), those ``words`` (the field's built-in
    keywords) do not already name; as the header reader sees them (``clean``)."""
    extra: dict[str, tuple[str, ...]] = {}
    for key in keys:
        for field, texts in renamed_headers().get(key, {}).items():
            for text in map(clean, texts):
                if text and not any(word in text for word in (*words.get(field, ()), *extra.get(field, ()))):
                    extra[field] = (*extra.get(field, ()), text)
    return extra


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
    return {b: f for b, (f, _) in choose_bands(kind, texts, first, last).items()}


def choose_bands(kind: str, texts: dict[int, str], first: int, last: int) -> dict[int, tuple[str, str]]:
    """Band → (field, evidence) for the amount bands ``first..last``: a header keyword, else the
    printed order when every band is there and keywords did not name them all."""
    candidates = [b for b in range(first, last + 1)]
    mapping: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    for b in candidates:
        text = texts.get(b, "")
        for field, keywords in COLUMNS[kind]:
            hit = next((k for k in keywords if k in text), None) if field not in used else None
            if hit:
                mapping[b] = (field, f"表头关键词 header keyword “{hit}”")
                used.add(field)
                break
    # a profile's renamed headers name only the bands no built-in keyword named (their reading unchanged)
    keys = tuple(key for key, table_kind in _CODED_KINDS.items() if table_kind == kind)
    for field, words in renamed_words(keys, dict(COLUMNS[kind])).items():
        for b in candidates:
            hit = next((w for w in words if w in texts.get(b, "")), None)
            if hit and b not in mapping and field not in used:
                mapping[b] = (field, f"表头关键词 header keyword “{hit}”（模板配置 profile）")
                used.add(field)
    order = ORDER[kind]
    if len(mapping) < len(order) and len(candidates) == len(order):
        return {b: (f, f"印出顺序 printed order, column {i + 1} of {len(order)}")
                for i, (b, f) in enumerate(zip(candidates, order))}
    return mapping


_CODED_KINDS = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
                "government_fund": "fund", "state_capital": "fund"}


def column_plan(key: str, block: Block) -> tuple[ColumnChoice, ...]:
    """The column plan a table's reader takes from its header (``--explain``): for the coded
    tables the field of each amount band as ``coded.parse_coded`` maps it; for the others each
    header band's text (their readers name the columns from these words)."""
    if block.columns is not None:
        return _planned(block.columns)
    texts = header_text(header_rows(block))
    kind = _CODED_KINDS.get(key)
    if kind is None:
        return tuple(ColumnChoice(b, t, None, _role(t)) for b, t in sorted(texts.items()) if t)
    nb = name_band(block, texts)
    if nb is None:
        return (ColumnChoice(-1, "", None, "找不到科目名称列 / no 科目名称 column"),)
    last = max((band(c, i) for r in block.rows for i, c in enumerate(r.cells)), default=-1)
    chosen = choose_bands(kind, texts, nb + 1, last)
    plan = [ColumnChoice(b, texts.get(b, ""), "name" if b == nb else None,
                         "科目名称 name column" if b == nb else "代码 code")
            for b in sorted(texts) if b <= nb and texts.get(b)]
    plan += [ColumnChoice(b, texts.get(b, ""), *(chosen[b] if b in chosen else
                                                 (None, "未对应字段，本栏金额未读 / no field: amounts here unread")))
             for b in range(nb + 1, last + 1)]
    return tuple(plan)


def _planned(plan) -> tuple[ColumnChoice, ...]:
    """The plan a stage gave the block (``locate.ColumnMap``): no header text, its own evidence."""
    n = len(plan.fields)
    return tuple(sorted((*(ColumnChoice(b, "", "name", f"标签栏 label column（{plan.evidence}）") for b in plan.names),
                         *(ColumnChoice(b, "", f, f"{plan.evidence}, column {i + 1} of {n}")
                           for i, (b, f) in enumerate(plan.fields))), key=lambda c: c.band))


def _role(header: str) -> str:
    """What the readers of the other tables (two-sided 总表, 公开06, 公开07) take a header band for."""
    if "行次" in header:
        return "行次，不读 / line numbers, not read"
    if "项目" in header or "名称" in header or "科目" in header:
        return "标签栏 label column (表头“项目/名称/科目”)"
    if any(k in header for k in ("决算数", "预算数", "金额", "合计", "小计", "拨款")):
        return "金额栏 amount column (表头“决算数/预算数/金额/合计”)"
    return "表头 header"
