"""Export-style variants of our own XLSX output, as the finance software prints the nine tables.

Made from the rendered workbook's values (nothing typed in): sheets renamed and shuffled,
a preamble (编制单位, 年度, 单位：元) above each table, amounts in 元 (× 10,000), 功能分类
codes joined into one cell or left split, the 合计 row moved last, and header cells that
repeat across rows or columns merged again.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal

from openpyxl import Workbook, load_workbook

CODED = ("公开02表", "公开03表", "公开05表", "公开08表", "公开09表")
TITLES = {"公开01表": "收入支出决算总表", "公开02表": "收入决算表", "公开03表": "支出决算表",
          "公开04表": "财政拨款收入支出决算总表", "公开05表": "一般公共预算财政拨款支出决算表",
          "公开06表": "一般公共预算财政拨款基本支出决算表", "公开07表": "财政拨款“三公”经费支出决算表",
          "公开08表": "政府性基金预算财政拨款收入支出决算表", "公开09表": "国有资本经营预算财政拨款收入支出决算表"}


def _rows(ws) -> list[list]:
    """Values with merged ranges expanded (a header text repeats over its span)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top
    return rows


def _in_yuan(value):
    if isinstance(value, float):  # the workbook holds 万元 with two decimals: exact in 元
        return int(Decimal(repr(value)) * 10000)
    return value


def _join_codes(rows: list[list], header: int) -> list[list]:
    """类|款|项|科目名称 → 科目编码|科目名称."""
    out = []
    for index, row in enumerate(rows):
        if index < header:
            out.append(["科目编码" if index < header else None, "科目名称", *row[4:]])
        elif isinstance(row[0], str) and not row[0][:1].isdigit() and row[0] != "合计":
            out.append([row[0], *([None] * (len(row) - 3))])  # a note line under the table
        else:
            code = "".join(str(part) for part in row[:3] if part not in (None, "合计"))
            out.append(["合计" if row[0] == "合计" else code or None, row[3], *row[4:]])
    return out


def _merge_repeats(ws, first: int, last: int) -> None:
    """Merge header cells holding the same text side by side (then below each other)."""
    done: set[tuple[int, int]] = set()
    for r in range(first, last + 1):
        c = 1
        while c <= ws.max_column:
            value = ws.cell(r, c).value
            if value is None or (r, c) in done:
                c += 1
                continue
            end = c
            while end + 1 <= ws.max_column and ws.cell(r, end + 1).value == value:
                end += 1
            bottom = r
            while bottom + 1 <= last and all(ws.cell(bottom + 1, k).value == value for k in range(c, end + 1)):
                bottom += 1
            if end > c or bottom > r:
                for rr in range(r, bottom + 1):
                    for cc in range(c, end + 1):
                        done.add((rr, cc))
                        if (rr, cc) != (r, c):
                            ws.cell(rr, cc).value = None
                ws.merge_cells(start_row=r, start_column=c, end_row=bottom, end_column=end)
            c = end + 1


def export_variant(xlsx: bytes, department: str, year: int, *, join_codes: bool, seed: int = 7) -> bytes:
    source = load_workbook(io.BytesIO(xlsx))
    book = Workbook()
    book.remove(book.active)
    names = [n for n in source.sheetnames if n in TITLES]
    random.Random(seed).shuffle(names)
    for position, name in enumerate(names):
        rows = _rows(source[name])
        top = 1 + next(i for i, row in enumerate(rows[1:]) if not str(row[0] or "").startswith(("编制单位", "单位")))
        body = rows[top:]  # below the rendered title, 编制单位 and unit lines
        header = next(i for i, row in enumerate(body) if row[0] == "合计" or isinstance(row[0], str) and
                      row[0].isdigit() or any(isinstance(v, float) for v in row))
        if name in CODED:
            data = [row for row in body[header:] if any(v is not None for v in row)]
            total = [row for row in data if row[0] == "合计"]
            notes = [row for row in data if isinstance(row[0], str) and not row[0][:1].isdigit() and row[0] != "合计"]
            coded = [row for row in data if row not in total and row not in notes]
            body = body[:header] + coded + total + notes  # 合计 last
            if join_codes:
                body = _join_codes(body, header)
        ws = book.create_sheet(f"Sheet{position + 1}" if position % 2 else TITLES[name])
        width = max(len(row) for row in body)
        ws.append([TITLES[name]])
        ws.append([f"编制单位：{department}", None, f"{year}年度", *([None] * (width - 4)), "单位：元"])
        for row in body:
            ws.append([_in_yuan(v) for v in row])
        _merge_repeats(ws, 3, 2 + header)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
