"""Write a ``Disclosure`` in the layouts real publishers use (text, DOCX, XLSX, PDF).

Each table is first laid out by the project's own grids (``juesuan.render.layout``),
turned into a plain ``Printed`` matrix of label text and Decimal amounts, then changed by
the variant's transforms (MOF headers, 元 amounts, 行次 columns, code styles, 续表 …) and
finally written by one of the writers. Amounts stay Decimals until a writer prints them,
so every printed number comes from the source Disclosure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Callable

from juesuan.model import Disclosure
from juesuan.render.layout import LayoutOptions, grid_for, placed, table_keys

Value = str | Decimal | None
TEN_THOUSAND = Decimal(10000)


@dataclass
class Printed:
    """One table as printed: header and body matrices; Decimal cells are amounts."""

    key: str
    code: str
    title: str
    unit: str
    header: list[list[Value]]
    body: list[list[Value]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(row, col, last row, last col) in the header, for DOCX/XLSX merged cells."""
    empty_note: str | None = None
    lead: list[str] = field(default_factory=list)
    """Lines printed between the title and the table (公开01表, 编制部门 …)."""
    continued: bool = False
    prefix: str = ""

    @property
    def columns(self) -> int:
        return max(len(r) for r in self.header + self.body) if self.header + self.body else 0


@dataclass
class Style:
    """How amounts and labels are printed."""

    unit: str = "万元"
    scale: Decimal = Decimal(1)
    thousands: bool = True
    blank_zero: bool = True
    fullwidth: bool = False
    spaced: bool = False

    def amount(self, value: Decimal) -> str:
        value = value * self.scale
        if value == 0 and self.blank_zero:
            return ""
        text = f"{value:,.2f}" if self.thousands else f"{value:.2f}"
        if self.spaced:
            text = text.replace(",", " ")
        if self.fullwidth:
            text = text.translate(FULLWIDTH)
        return text


FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


def printed_tables(disclosure: Disclosure, options: LayoutOptions | None = None) -> list[Printed]:
    options = options or LayoutOptions.for_disclosure(disclosure)
    out = []
    for key in table_keys():
        grid = grid_for(disclosure, key, options)
        ncol = grid.columns
        header: list[list[Value]] = [[None] * ncol for _ in grid.header]
        merges = []
        for r, c, cell in placed(grid.header, ncol):
            header[r][c] = cell.value if not isinstance(cell.value, Decimal) else cell.value
            if cell.rowspan > 1 or cell.colspan > 1:
                merges.append((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
        body: list[list[Value]] = [[None] * ncol for _ in grid.body]
        for r, c, cell in placed(grid.body, ncol):
            body[r][c] = cell.value
        empty = getattr(disclosure.tables, key).empty
        out.append(Printed(key, grid.code, grid.title, grid.unit or "单位：万元", header, body, merges,
                           grid.empty_note if empty else None))
    return out


# ---------------------------------------------------------------- transforms

Transform = Callable[[Disclosure, list[Printed]], list[Printed]]


def mof_headers(unit: str = "万元") -> Transform:
    """公开0X表 line and ``编制部门：XX  金额单位：万元`` instead of a bare unit line."""

    def apply(d: Disclosure, tables: list[Printed]) -> list[Printed]:
        for t in tables:
            t.lead = [t.code, f"编制部门：{d.meta.department}\t\t金额单位：{unit}"]
            t.unit = ""
        return tables

    return apply


def unit_line(text: str) -> Transform:
    def apply(d, tables):
        for t in tables:
            t.unit = text
        return tables

    return apply


def _insert_column(t: Printed, at: int, head: list[Value], fill: Callable[[int], Value]) -> None:
    for r, row in enumerate(t.header):
        row.insert(at, head[r] if r < len(head) else None)
    for r, row in enumerate(t.body):
        row.insert(at, fill(r))
    t.merges = [(r, c + (c >= at), r2, c2 + (c2 >= at)) for r, c, r2, c2 in t.merges
                if not (c < at <= c2)]


def line_numbers(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """MOF edition: a 行次 column after each 项目 column of 公开01/04 and a 栏次 row."""
    for t in tables:
        if t.key not in ("summary", "fiscal_summary"):
            continue
        width = len(t.body[0])
        right = 2  # expense side starts at column 2 in both two-sided grids
        left_n = len(t.body)
        _insert_column(t, right + 1, ["", "行次"], lambda r: str(left_n + r + 1) if t.body[r][right] else "")
        _insert_column(t, 1, ["", "行次"], lambda r: str(r + 1) if t.body[r][0] else "")
        t.merges = []
        t.header[0] = ["收入"] + [None] * 2 + ["支出"] + [None] * (width - 2 + 2 - 4)
        t.header[0] = (t.header[0] + [None] * (width + 2))[: width + 2]
        amount_cols = [i for i in range(width + 2) if i not in (0, 1, 3, 4)]
        t.header.append(["栏次", ""] + [None] * width)
        t.header[-1][3] = "栏次"
        for n, i in enumerate(amount_cols, 1):
            t.header[-1][i] = str(n)
    return tables


def _code_column(t: Printed) -> int | None:
    for row in t.body:
        for i, v in enumerate(row):
            if isinstance(v, str) and re.fullmatch(r"\d{3,7}", v):
                return i
    return None


def code_name_prefix(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """Cumulative code glued in front of the 科目名称: ``2010601 行政运行`` in one column."""
    for t in tables:
        if t.key in ("summary", "fiscal_summary", "three_public", "basic_expenditure"):
            continue
        c = _code_column(t)
        if c is None:
            continue
        for row in t.body:
            code, name = row[c], row[c + 1]
            if isinstance(code, str) and code:
                row[c + 1] = f"{code} {name or ''}".strip()
            del row[c]
        for row in t.header:
            head = row[c]
            del row[c]
            if row[c] in (None, "") and head:
                row[c] = head
        t.header = [[("科目名称" if v == "科目编码" else v) for v in row] for row in t.header]
        t.merges = []
    return tables


def rename_classes(names: dict[str, str]) -> Transform:
    """2018-edition 类 names (医疗卫生与计划生育支出 …) wherever the current name is printed."""

    def apply(d, tables):
        for t in tables:
            for row in t.body:
                for i, v in enumerate(row):
                    if isinstance(v, str):
                        for new, old in names.items():
                            if v.endswith(old):
                                row[i] = v[: -len(old)] + new
        return tables

    return apply


CLASS_NAMES_2018 = {"医疗卫生与计划生育支出": "卫生健康支出", "文化体育与传媒支出": "文化旅游体育与传媒支出",
                    "国土海洋气象等支出": "自然资源海洋气象等支出"}


def empty_wording(text: str) -> Transform:
    def apply(d, tables):
        for t in tables:
            if t.empty_note:
                t.empty_note = text.format(title=t.title)
        return tables

    return apply


def continued(rows_per_part: int) -> Transform:
    """Split long tables; later parts are titled ``续表`` and repeat the header."""

    def apply(d, tables):
        out = []
        for t in tables:
            if len(t.body) <= rows_per_part or t.empty_note:
                out.append(t)
                continue
            for n, start in enumerate(range(0, len(t.body), rows_per_part)):
                part = replace(t, body=t.body[start:start + rows_per_part],
                               header=[list(r) for r in t.header], continued=n > 0)
                out.append(part)
        return out

    return apply


def three_public_extra_columns(d, tables):
    """柞水-style 公开07: 会议费 and 培训费 决算数 columns after 公务接待费; printed blank here."""
    for t in tables:
        if t.key != "three_public":
            continue
        for label in ("会议费", "培训费"):
            for r, row in enumerate(t.header):
                row.extend([label if r == 0 else None])
            for row in t.body:
                row.append(None)
            t.merges.append((0, len(t.header[0]) - 1, len(t.header) - 1, len(t.header[0]) - 1))
    return tables


def basic_three_blocks(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """公开06 in three column blocks: 人员经费 | 公用经费 | 公用经费（续）."""
    table = d.tables.basic_expenditure
    personnel = [r for r in table.rows if r.code[:3] in ("301", "303")]
    public = [r for r in table.rows if r.code[:3] not in ("301", "303")]
    half = (len(public) + 1) // 2
    blocks = [personnel, public[:half], public[half:]]
    height = max(len(b) for b in blocks)
    for t in tables:
        if t.key != "basic_expenditure" or t.empty_note:
            continue
        t.header = [["人员经费", None, None, "公用经费", None, None, None, None, None],
                    ["科目编码", "科目名称", "决算数"] * 3]
        t.merges = [(0, 0, 0, 2), (0, 3, 0, 8)]
        body = []
        for i in range(height):
            row: list[Value] = []
            for b in blocks:
                row += [b[i].code, b[i].name, b[i].amount] if i < len(b) else [None, None, None]
            body.append(row)
        body.append(["人员经费合计", None, table.personnel_total, "公用经费合计", None, table.public_total,
                     None, None, None])
        t.body = body
    return tables


def code_prefix_format(fmt: str) -> Transform:
    """Like ``code_name_prefix`` with another glue: ``[2010601]行政运行``, ``2010601-行政运行``."""

    def apply(d, tables):
        tables = code_name_prefix(d, tables)
        for t in tables:
            for row in t.body:
                for i, v in enumerate(row):
                    m = re.fullmatch(r"(\d{3,7}) (.*)", v) if isinstance(v, str) else None
                    if m:
                        row[i] = fmt.format(code=m.group(1), name=m.group(2))
        return tables

    return apply


ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def summary_aliases(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """公开01/04 row labels without 一、二、 ordinals; 收入合计/支出合计; 使用非财政拨款结余（含专用结余）."""
    names = {"本年收入合计": "收入合计", "本年支出合计": "支出合计",
             "使用非财政拨款结余": "使用非财政拨款结余（含专用结余）", "年末结转和结余": "年末结转结余"}
    for t in tables:
        if t.key not in ("summary", "fiscal_summary"):
            continue
        for row in t.body:
            for i, v in enumerate(row):
                if isinstance(v, str):
                    v = ORDINAL.sub("", v)
                    row[i] = names.get(v, v)
    return tables


def zero_text(text: str) -> Transform:
    """Zero amount cells printed as ``0.00`` or ``-`` instead of blank (only cells inside amount columns)."""

    def apply(d, tables):
        for t in tables:
            for row in t.body:
                for i, v in enumerate(row):
                    if isinstance(v, Decimal) and v == 0:
                        row[i] = text
        return tables

    return apply


THREE_PUBLIC_ROWS = (("合计", "total"), ("1、因公出国（境）费", "overseas"),
                     ("2、公务用车购置及运行维护费", "vehicle_total"), ("（1）公务用车购置费", "vehicle_purchase"),
                     ("（2）公务用车运行维护费", "vehicle_operation"), ("3、公务接待费", "reception"))


def three_public_vertical(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """公开07 as rows: 项目 | 预算数 | 决算数 (one row per item)."""
    tp = d.tables.three_public
    for t in tables:
        if t.key != "three_public":
            continue
        t.header = [["项目", "预算数", "决算数"]]
        t.merges = []
        t.body = [[label, getattr(tp.budget, f), getattr(tp.final, f)] for label, f in THREE_PUBLIC_ROWS]
    return tables


def basic_single_block(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """公开06 as one list: 科目编码 | 科目名称 | 决算数, then 人员经费合计 / 公用经费合计 rows."""
    table = d.tables.basic_expenditure
    for t in tables:
        if t.key != "basic_expenditure" or t.empty_note:
            continue
        t.header = [["科目编码", "科目名称", "决算数"]]
        t.merges = []
        t.body = [[r.code, r.name, r.amount] for r in table.rows]
        t.body += [["人员经费合计", None, table.personnel_total], ["公用经费合计", None, table.public_total]]
    return tables


def fund_expense_only(key: str) -> Transform:
    """公开08/09 printed expense-only: 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出."""

    def apply(d, tables):
        table = getattr(d.tables, key)
        for t in tables:
            if t.key != key or table.empty:
                continue
            t.title = t.title.replace("收入支出决算表", "支出决算表")
            t.header = [["科目编码", "科目名称", "本年支出", None, None], [None, None, "合计", "基本支出", "项目支出"]]
            t.merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4)]
            rows = [table.total] + list(table.rows)
            t.body = [[("" if r.code == "合计" else r.code), r.name, r.expenditure, r.basic, r.project]
                      for r in rows]
        return tables

    return apply




# ---------------------------------------------------------------- writers

def _text(v: Value, style: Style) -> str:
    if isinstance(v, Decimal):
        return style.amount(v)
    return v or ""


def cover_lines(d: Disclosure) -> list[str]:
    return [f"{d.meta.department}", f"{d.meta.year}年度部门决算", "", "第一部分 部门决算报表"]


def table_title(t: Printed) -> str:
    title = t.title if not t.prefix else t.prefix.format(n=int(t.code[2:4]), code=t.code) + t.title
    return f"{title}（续表）" if t.continued else title


def repeated_header_rows(every: int) -> Transform:
    """The header rows repeated inside one table every ``every`` body rows (DOCX converted from PDF)."""

    def apply(d, tables):
        for t in tables:
            body = []
            for n, row in enumerate(t.body):
                if n and n % every == 0:
                    body += [list(r) for r in t.header]
                body.append(row)
            t.body = body
        return tables

    return apply


def spaced_total_labels(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """"合　计", "小　计", "总　计" with a full-width space, as Word users centre short labels."""
    for t in tables:
        for row in t.header + t.body:
            for i, v in enumerate(row):
                if v in ("合计", "小计", "总计"):
                    row[i] = v[0] + "\u3000" + v[1]
    return tables


def indented_names(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """科目名称 indented by level with full-width spaces (款 one, 项 two), codes kept."""
    for t in tables:
        if t.key in ("summary", "fiscal_summary", "three_public"):
            continue
        for row in t.body:
            codes = [v for v in row if isinstance(v, str) and re.fullmatch(r"\d{2,7}", v)]
            if not codes:
                continue
            joined = "".join(codes) if len(codes[0]) == 3 and len(codes) > 1 else codes[-1]
            level = {3: 0, 5: 1, 7: 2}.get(len(joined), 0)
            for i, v in enumerate(row):
                if isinstance(v, str) and v and not re.fullmatch(r"\d{2,7}", v):
                    row[i] = "\u3000" * level + v
                    break
        continue
    return tables


def summary_stacked(d: Disclosure, tables: list[Printed]) -> list[Printed]:
    """公开01 printed in one column pair: the 收入 rows, then the 支出 rows (项目 | 金额)."""
    for t in tables:
        if t.key != "summary":
            continue
        income = [[r[0], r[1]] for r in t.body if r[0]]
        expense = [[r[2], r[3]] for r in t.body if r[2]]
        t.header = [["项目", "金额"]]
        t.merges = []
        t.body = [["收入", None]] + income + [["支出", None]] + expense
    return tables


def wrapped_names(width: int) -> Transform:
    """Long 科目名称 broken by hard line breaks every ``width`` characters (PDF converted to Word)."""

    def apply(d, tables):
        for t in tables:
            for row in t.body:
                for i, v in enumerate(row):
                    if isinstance(v, str) and len(v) > width and not re.search(r"\d", v):
                        row[i] = "\n".join(v[k:k + width] for k in range(0, len(v), width))
        return tables

    return apply


def title_prefix(fmt: str) -> Transform:
    """Numbered table headings: ``附表1：收入支出决算总表``, ``表一``, ``一、`` (``{n}`` is 1–9)."""

    def apply(d, tables):
        for t in tables:
            t.prefix = fmt
        return tables

    return apply


def write_text(path: Path, d: Disclosure, tables: list[Printed], style: Style, *, collapse: bool = False,
               unit_on_title_line: bool = False, page_break_every: int = 0, year_word: str = "年度") -> Path:
    """Tab-separated cells; ``collapse``: blank cells dropped and the rest joined by one space,
    as text copied out of a PDF viewer looks; ``page_break_every``: page footer and running header
    lines inside long tables; ``year_word``: "年度" or "年" on the cover ("2024年部门决算")."""
    lines = [x.replace("年度", year_word) for x in cover_lines(d)]
    page = 1
    for t in tables:
        if unit_on_title_line and t.unit:
            lines += ["", f"{table_title(t)}    {t.unit}"] + t.lead
        else:
            lines += ["", table_title(t)] + t.lead + ([t.unit] if t.unit else [])
        if t.empty_note and not t.body:
            lines.append(t.empty_note)
            continue
        for n, row in enumerate(t.header + t.body):
            if page_break_every and n > len(t.header) and (n - len(t.header)) % page_break_every == 0:
                page += 1  # pdftotext-like page change inside a table: footer, form feed, running header
                lines += [f"- {page} -", f"\f{d.meta.department}{d.meta.year}年度部门决算"]
            texts = [_text(v, style) for v in row]
            lines.append(" ".join(x for x in texts if x) if collapse else "\t".join(texts))
        if t.empty_note:
            lines.append(t.empty_note)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_docx(path: Path, d: Disclosure, tables: list[Printed], style: Style, *, merged: bool = True,
               title_in_table: bool = False) -> Path:
    """As typed in Word/WPS: bold plain paragraphs for headings, body tables. ``title_in_table``:
    title and unit lines are the first rows of the table, merged across it (Excel pasted into WPS)."""
    import docx

    document = docx.Document()
    for line in cover_lines(d):
        if line:
            document.add_paragraph().add_run(line).bold = True
    for t in tables:
        lead = [table_title(t)] + [x.replace("\t", "    ") for x in t.lead + ([t.unit] if t.unit else [])]
        if title_in_table and (t.header or t.body):
            t.header = [[x] + [None] * (t.columns - 1) for x in lead] + t.header
            t.merges = [(r, 0, r, t.columns - 1) for r in range(len(lead))] + [
                (r + len(lead), c, r2 + len(lead), c2) for r, c, r2, c2 in t.merges]
        else:
            document.add_paragraph().add_run(lead[0]).bold = True
            for line in lead[1:]:
                document.add_paragraph(line)
        rows = t.header + t.body
        if rows:
            grid = document.add_table(rows=len(rows), cols=t.columns)
            grid.style = "Table Grid"
            flat = grid._cells  # python-docx's cell() rebuilds this list on every call (slow)
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    text = _text(v, style)
                    if text:
                        flat[r * t.columns + c].text = text
            if merged:
                for r, c, r2, c2 in t.merges:
                    keep = grid.cell(r, c).text
                    merged_cell = grid.cell(r, c).merge(grid.cell(r2, c2))
                    merged_cell.text = keep
        if t.empty_note:
            document.add_paragraph(t.empty_note)
    document.save(path)
    return path


def write_xlsx(path: Path, d: Disclosure, tables: list[Printed], style: Style, *,
               numbers_as_text: bool = True, blank_column: bool = True, one_sheet: bool = False,
               float_noise: bool = False, numeric_codes: bool = False) -> Path:
    """As exported by finance software: one sheet per table (or all stacked on one sheet),
    preamble rows (编制单位 / 年度 / 单位), merged header cells, optionally a blank column A."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    sheet = book.create_sheet("部门决算") if one_sheet else None
    top = 1
    shift = 1 if blank_column else 0
    for t in tables:
        if not one_sheet:
            name = t.code + ("续" if t.continued else "")
            while name in used:
                name += "续"
            used.add(name)
            sheet = book.create_sheet(name[:31])
            top = 1
        sheet.cell(top, 1 + shift, table_title(t))
        r0 = top + 1
        preamble = t.lead + ([t.unit] if t.unit else [])
        if not t.lead:
            preamble = [f"编制单位：{d.meta.department}\t{d.meta.year}年度\t{t.unit}"]
        for line in preamble:
            for i, part in enumerate(p for p in line.split("\t") if p):
                sheet.cell(r0, 1 + shift + i * 3, part)
            r0 += 1
        for r, row in enumerate(t.header + t.body):
            for c, v in enumerate(row):
                if isinstance(v, Decimal) and not numbers_as_text:
                    scaled = v * style.scale
                    if scaled != 0 or not style.blank_zero:
                        number = float(scaled)  # xlsx stores doubles
                        if float_noise:  # what a spreadsheet SUM leaves: 2106.6600000000003
                            number = number * (1 + 2.0 ** -50)
                        cell = sheet.cell(r0 + r, 1 + shift + c, number)
                        cell.number_format = "#,##0.00"
                    continue
                text = _text(v, style)
                if numeric_codes and re.fullmatch(r"\d{3,7}", text):
                    sheet.cell(r0 + r, 1 + shift + c, int(text))  # a code column stored as numbers
                elif text:
                    sheet.cell(r0 + r, 1 + shift + c, text)
        for r, c, r2, c2 in t.merges:
            sheet.merge_cells(start_row=r0 + r, start_column=1 + shift + c, end_row=r0 + r2,
                              end_column=1 + shift + c2)
        end = r0 + len(t.header) + len(t.body)
        if t.empty_note:
            sheet.cell(end, 1 + shift, t.empty_note)
            end += 1
        top = end + 2
    book.save(path)
    return path


def _typst_escape(text: str) -> str:
    return re.sub(r"([\\#\[\]*_`$<>@~/\"])", r"\\\1", text)


def write_pdf(path: Path, d: Disclosure, tables: list[Printed], style: Style, *, landscape: bool = True,
              running_header: bool = True, rules: bool = True, font_size: str = "7.5pt",
              inset: str = "3pt", page_per_table: bool = True, gutter: str = "10pt") -> Path:
    """typst: one table per page group, repeated headers, page numbers and a running header."""
    import typst

    flip = "true" if landscape else "false"
    head = _typst_escape(f"{d.meta.department}{d.meta.year}年度部门决算")
    src = [
        f'#set page(paper: "a4", flipped: {flip}, margin: 1.6cm, numbering: "— 1 —",'
        + (f' header: align(right, text(size: 8pt)[{head}]),' if running_header else "") + ")",
        '#set text(font: ("Noto Serif CJK SC", "Noto Sans CJK SC"), size: ' + font_size + ', lang: "zh")',
    ]
    src += [f"#align(center, text(size: 16pt)[{_typst_escape(x)}])" for x in cover_lines(d) if x]
    src.append("#pagebreak()")
    for n, t in enumerate(tables):
        if page_per_table and n:
            src.append("#pagebreak()")
        elif n:
            src.append("#v(14pt)")
        src.append(f"#align(center, text(size: 13pt, weight: \"bold\")[{_typst_escape(table_title(t))}])")
        for line in t.lead + ([t.unit] if t.unit else []):
            parts = [p for p in line.split("\t") if p]
            if len(parts) == 1:
                src.append(f"#align(right)[{_typst_escape(parts[0])}]")
            else:
                src.append(f"#grid(columns: (1fr, 1fr), [{_typst_escape(parts[0])}], "
                           f"align(right)[{_typst_escape(parts[-1])}])")
        if t.header or t.body:
            ncol = t.columns
            cells = []
            covered = {(rr, cc) for r, c, r2, c2 in t.merges for rr in range(r, r2 + 1)
                       for cc in range(c, c2 + 1) if (rr, cc) != (r, c)}
            spans = {(r, c): (r2 - r + 1, c2 - c + 1) for r, c, r2, c2 in t.merges}
            head_cells = []
            for r, row in enumerate(t.header):
                for c in range(ncol):
                    if (r, c) in covered:
                        continue
                    v = row[c] if c < len(row) else None
                    rs, cs = spans.get((r, c), (1, 1))
                    head_cells.append(f"table.cell(rowspan: {rs}, colspan: {cs}, align: center)"
                                      f"[{_typst_escape(_text(v, style))}]")
            for row in t.body:
                for c in range(ncol):
                    v = row[c] if c < len(row) else None
                    align = "right" if isinstance(v, Decimal) else "left"
                    cells.append(f"table.cell(align: {align})[{_typst_escape(_text(v, style))}]")
            stroke = "" if rules else f"stroke: none, column-gutter: {gutter}, "
            src.append(f"#table(columns: {ncol}, inset: {inset}, {stroke}table.header({', '.join(head_cells)}), "
                       + ", ".join(cells) + ")")
        if t.empty_note:
            src.append(_typst_escape(t.empty_note))
    source = "\n".join(src)
    typ = path.with_suffix(".typ")
    typ.write_text(source, encoding="utf-8")
    path.write_bytes(typst.compile(str(typ)))
    return path


# ---------------------------------------------------------------- variations of the Disclosure

def scaled(d: Disclosure, factor: Decimal) -> Disclosure:
    """Every table amount × factor, rounded to 0.01 (identities may break; the reader must not care)."""

    def walk(node):
        if isinstance(node, Decimal):
            return (node * factor).quantize(Decimal("0.01"))
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, (list, tuple)):
            return [walk(v) for v in node]
        return node

    data = d.model_dump()
    data["tables"] = walk(data["tables"])
    return Disclosure.model_validate(data)


def with_state_capital_from_fund(d: Disclosure) -> Disclosure:
    """A variation: the government-fund rows reused as 公开09 expense rows (opening/income/closing zero)."""
    data = d.model_dump()
    fund = data["tables"]["government_fund"]
    keep = ("code", "name", "expenditure", "basic", "project")
    data["tables"]["state_capital"] = {
        "empty": False, "empty_note": None, "note": None,
        "total": {k: v for k, v in fund["total"].items() if k in keep},
        "rows": [{k: v for k, v in row.items() if k in keep} for row in fund["rows"]],
    }
    return Disclosure.model_validate(data)


def narrative_lines(d: Disclosure, edits: tuple[tuple[str, str | Callable], ...]) -> list[str]:
    """The composed narrative (``juesuan.narrative.compose``) as lines, with regex wording edits applied."""
    from juesuan.narrative.compose import compose

    document = compose(d)
    lines = [document.title, document.subtitle or ""]
    for section in document.sections:
        lines.append(section.title)
        for paragraph in section.paragraphs:
            text = paragraph.text
            for pattern, replacement in edits:
                text = re.sub(pattern, replacement, text)
            lines.append(text)
    return lines


def write_text_with_narrative(path: Path, d: Disclosure, tables: list[Printed], style: Style, *,
                              edits: tuple = ()) -> Path:
    write_text(path, d, tables, style)
    body = path.read_text(encoding="utf-8").splitlines()[len(cover_lines(d)):]
    path.write_text("\n".join(narrative_lines(d, edits) + [""] + body) + "\n", encoding="utf-8")
    return path


def yuan_in_text(match: re.Match) -> str:
    """``2995.39万元`` → ``29953900元`` (narrative amounts in 元)."""
    value = Decimal(match.group(1)) * TEN_THOUSAND
    return f"{value.quantize(Decimal('1')) if value == value.to_integral() else value.normalize()}元"


def write_scan(path: Path, d: Disclosure, tables: list[Printed], style: Style, *, keep: tuple[str, ...] = (),
               dpi: int = 200, **pdf) -> Path:
    """A scanned copy: the typst PDF of the cover and the ``keep`` tables, rasterised to grey images
    (no text layer), one image per page."""
    import pypdfium2 as pdfium

    chosen = [t for t in tables if t.key in keep] if keep else tables
    vector = write_pdf(path.with_name(path.stem + "-vector.pdf"), d, chosen, style, **pdf)
    document = pdfium.PdfDocument(str(vector))
    images = [document[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(document))]
    document.close()
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path
