"""The catalogue of layout variants and the cell-level measurement of a read-back."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Callable

from juesuan import fileformat
from juesuan.model import Disclosure, iter_table_cells
from juesuan.render.layout import LayoutOptions

from . import layouts as L
from .dump import write_layout_dump

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SOURCES = {"sh": "shanghai-putuo-czj-2024", "urumqi": "urumqi-iit-2022"}


def _year(year: int):
    def vary(d: Disclosure) -> Disclosure:
        return d.model_copy(update={"meta": d.meta.model_copy(update={"year": year})})

    return vary


VARIATIONS = {"state_capital_from_fund": L.with_state_capital_from_fund, "year_2019": _year(2019)}


@lru_cache(maxsize=None)
def source(name: str, factor: str = "1", variation: str = "") -> Disclosure:
    d = fileformat.load(EXAMPLES / f"{SOURCES[name]}.yaml")
    if variation:
        d = VARIATIONS[variation](d)
    return d if factor == "1" else L.scaled(d, Decimal(factor))


@dataclass(frozen=True)
class Variant:
    name: str
    example: str
    fmt: str  # txt | dump (``-layout`` text) | docx | xlsx | pdf
    description: str
    options: dict = field(default_factory=dict)
    transforms: tuple[Callable, ...] = ()
    style: L.Style = field(default_factory=L.Style)
    writer: dict = field(default_factory=dict)
    factor: str = "1"
    """Scale every table amount of the source (a variation of the example)."""
    variation: str = ""
    """A named change of the source (``VARIATIONS``)."""
    narrative: tuple | None = None
    """Wording edits of the composed narrative; None: tables only."""
    ambiguous: bool = False
    """The layout itself loses information (blank cells dropped): only placed cells are judged."""
    only: tuple[str, ...] = ()
    """Tables printed (and judged); empty: all nine."""

    def disclosure(self) -> Disclosure:
        return source(self.example, self.factor, self.variation)

    def write(self, directory: Path) -> Path:
        d = self.disclosure()
        base = LayoutOptions.for_disclosure(d)
        options = LayoutOptions(**{**base.__dict__, **self.options})
        tables = L.printed_tables(d, options)
        for transform in self.transforms:
            tables = transform(d, tables)
        path = directory / f"{self.name}.{self.fmt}"
        if self.narrative is not None:
            return L.write_text_with_narrative(path, d, tables, self.style, edits=self.narrative)
        writers = {"txt": L.write_text, "dump": write_layout_dump, "docx": L.write_docx, "xlsx": L.write_xlsx, "pdf": L.write_pdf,
                   "scan": L.write_scan}
        if self.fmt in ("scan", "dump"):
            path = path.with_suffix(".pdf" if self.fmt == "scan" else ".txt")
        return writers[self.fmt](path, d, tables, self.style, **self.writer)


YUAN = L.Style(unit="元", scale=L.TEN_THOUSAND)

VARIANTS: tuple[Variant, ...] = (
    Variant("baseline-text", "sh", "txt", "our own grid as tab text (control)"),
    Variant("baseline-text-urumqi", "urumqi", "txt", "our own grid as tab text, Urumqi (control)"),
    Variant("mof-header-wanyuan", "sh", "txt", "公开0X表 line, 编制部门：XX  金额单位：万元",
            transforms=(L.mof_headers(),)),
    Variant("mof-header-yuan", "urumqi", "txt", "MOF headers, 金额单位：元, amounts ×10000 with separators",
            transforms=(L.mof_headers("元"),), style=YUAN),
    Variant("unit-yuan-scaled", "sh", "txt", "单位：元, amounts of the example ×37 then ×10000 (large numbers)",
            transforms=(L.unit_line("单位：元"),), style=YUAN, factor="37"),
    Variant("mof-line-numbers", "sh", "txt", "行次 columns and a 栏次 row in 公开01/04",
            transforms=(L.mof_headers(), L.line_numbers)),
    Variant("codes-cumulative", "sh", "txt", "one cumulative code column (2010601)",
            options={"code_style": "cumulative"}),
    Variant("codes-name-prefix", "sh", "txt", "科目名称 with code prefix (\"2010601 行政运行\"), no code column",
            options={"code_style": "cumulative"}, transforms=(L.code_name_prefix,)),
    Variant("general-budget-total-first", "sh", "txt", "公开05 合计 row first (MOF edition)",
            options={"general_budget_total_last": False}),
    Variant("three-public-budget-first", "sh", "txt", "公开07 all 预算数 first, then all 决算数",
            options={"three_public_order": "budget_first"}),
    Variant("three-public-meeting-training", "urumqi", "txt", "公开07 with 会议费/培训费 columns (柞水), printed blank",
            transforms=(L.three_public_extra_columns,)),
    Variant("basic-three-blocks", "sh", "txt", "公开06 in three column blocks: 人员经费 | 公用经费 | 公用经费（续）",
            transforms=(L.basic_three_blocks,)),
    Variant("continued-tables", "sh", "txt", "tables split every 12 rows, \"（续表）\" title and repeated header",
            transforms=(L.continued(12),)),
    Variant("class-names-2018", "sh", "txt",
            "2018-edition 类 names (医疗卫生与计划生育支出 …) in a document of year 2019 (variation: meta.year 2019)",
            variation="year_2019", transforms=(L.rename_classes(L.CLASS_NAMES_2018),)),
    Variant("class-names-2018-in-2024", "sh", "txt",
            "mixed edition: 2018 类 names left in a 2024 document (template leftovers; lower priority)",
            transforms=(L.rename_classes(L.CLASS_NAMES_2018),)),
    Variant("empty-benbiao-wushuju", "sh", "txt", "empty tables: \"本表无数据。\"",
            transforms=(L.empty_wording("本表无数据。"),)),
    Variant("empty-weikongbiao", "sh", "txt", "empty tables: \"…{title}为空表。\"",
            transforms=(L.empty_wording("本部门本年度{title}为空表。"),)),
    Variant("empty-gu-benbiao-weikong", "sh", "txt", "empty tables: \"无…收支，故本表为空。\"",
            transforms=(L.empty_wording("本部门无相关收支，故本表为空。"),)),
    Variant("docx-word-plain", "sh", "docx", "Word/WPS: bold paragraphs as headings, merged header cells"),
    Variant("docx-fullwidth-digits", "urumqi", "docx", "Word: amounts in full-width digits (１，２３４．５６)",
            style=L.Style(fullwidth=True)),
    Variant("docx-spaced-thousands", "sh", "docx", "Word: thousands separated by spaces (1 234.56)",
            style=L.Style(spaced=True)),
    Variant("docx-mof-yuan-continued", "sh", "docx", "Word: MOF headers in 元, tables continued (续表)",
            transforms=(L.mof_headers("元"), L.continued(15)), style=YUAN),
    Variant("xlsx-finance-text", "sh", "xlsx",
            "finance export: sheet per table, preamble 编制单位/单位, blank column A, numbers as text"),
    Variant("xlsx-finance-numeric-yuan", "urumqi", "xlsx", "finance export: numeric cells in 元, MOF headers",
            transforms=(L.mof_headers("元"),), style=YUAN, writer={"numbers_as_text": False}),
    Variant("xlsx-cumulative-no-blank-col", "sh", "xlsx", "export: cumulative codes, numeric cells, no blank column",
            options={"code_style": "cumulative"}, writer={"numbers_as_text": False, "blank_column": False}),
    Variant("pdf-landscape-mof", "sh", "pdf",
            "typst landscape, running header and page numbers, MOF headers, 合计 first in 公开05",
            options={"general_budget_total_last": False}, transforms=(L.mof_headers(),)),
    Variant("pdf-portrait-continued-yuan", "urumqi", "pdf",
            "typst portrait, tables continued (续表) with repeated headers, 单位：元",
            transforms=(L.unit_line("单位：元"), L.continued(14)), style=YUAN,
            writer={"landscape": False}),
)
ALIAS_TITLES = (("summary", "部门收支决算总表"), ("income", "部门收入决算表"), ("expenditure", "部门支出决算表"),
                 ("fiscal_summary", "财政拨款收支决算总表"), ("general_budget", "一般公共预算支出决算表"),
                 ("basic_expenditure", "一般公共预算财政拨款基本支出决算明细表"),
                 ("three_public", "一般公共预算财政拨款“三公”经费支出决算表"),
                 ("government_fund", "政府性基金预算财政拨款支出决算表"),
                 ("state_capital", "国有资本经营预算财政拨款支出决算表"))

VARIANTS += (
    Variant("title-aliases", "urumqi", "txt", "GBC alias titles (部门收支决算总表, 基本支出决算明细表, …)",
            options={"titles": ALIAS_TITLES}),
    Variant("vehicle-short-names", "urumqi", "txt", "公开07 公务用车购置及运行费 / 公务用车运行费",
            options={"vehicle_label": "公务用车购置及运行费", "vehicle_operation_label": "公务用车运行费"}),
    Variant("three-public-vertical", "urumqi", "txt", "公开07 as rows: 项目 | 预算数 | 决算数",
            transforms=(L.three_public_vertical,)),
    Variant("basic-single-block", "sh", "txt", "公开06 as one list, 人员经费合计/公用经费合计 rows at the end",
            transforms=(L.basic_single_block,)),
    Variant("state-capital-expense-only", "urumqi", "txt",
            "公开09 \"国有资本经营预算财政拨款支出决算表\" with 合计|基本支出|项目支出 only (variation: "
            "the fund rows reused as 公开09 rows)",
            variation="state_capital_from_fund", transforms=(L.fund_expense_only("state_capital"),)),
    Variant("summary-label-aliases", "sh", "txt",
            "公开01/04 labels without 一、二、, 收入合计/支出合计, 使用非财政拨款结余（含专用结余）, 年末结转结余",
            transforms=(L.summary_aliases,)),
    Variant("zeros-printed", "sh", "txt", "zero cells printed 0.00", style=L.Style(blank_zero=False)),
    Variant("zeros-dash", "urumqi", "txt", "zero cells printed \"-\"", transforms=(L.zero_text("-"),)),
    Variant("codes-bracket-prefix", "sh", "txt", "科目名称 \"[2010601]行政运行\", no code column",
            options={"code_style": "cumulative"}, transforms=(L.code_prefix_format("[{code}]{name}"),)),
    Variant("xlsx-one-sheet", "urumqi", "xlsx", "all nine tables stacked on one sheet, numbers as text",
            writer={"one_sheet": True}),
    Variant("text-collapsed-zeros-printed", "sh", "txt",
            "PDF-viewer copy: blank cells dropped, cells joined by one space, zeros printed 0.00",
            style=L.Style(blank_zero=False), writer={"collapse": True}),
    Variant("text-collapsed-blank-zeros", "urumqi", "txt",
            "PDF-viewer copy: blank cells dropped, one space between cells, zero cells blank (ambiguous columns)",
            writer={"collapse": True}, ambiguous=True),
    Variant("unit-on-title-line", "urumqi", "txt", "\"收入决算表    单位：万元\" on one line",
            writer={"unit_on_title_line": True}),
    Variant("title-prefix-fubiao", "sh", "txt", "headings \"附表1：收入支出决算总表\"",
            transforms=(L.title_prefix("附表{n}："),)),
    Variant("title-prefix-code", "urumqi", "docx", "Word headings \"公开01表 收入支出决算总表\" on one line",
            transforms=(L.title_prefix("{code} "),)),
    Variant("text-page-breaks-inside-tables", "urumqi", "txt",
            "pdftotext-like: '- 3 -' footer, form feed and running header every 10 rows inside tables",
            writer={"page_break_every": 10}),
    Variant("docx-repeated-header-rows", "sh", "docx",
            "one Word table per table with its header rows repeated every 10 rows (PDF converted to Word)",
            transforms=(L.repeated_header_rows(10),), writer={"merged": False}),
    Variant("pdf-portrait-autobreak", "urumqi", "pdf",
            "typst portrait, tall rows: long tables broken by the layout engine, header repeated, no 续表 title",
            writer={"landscape": False, "inset": "(x: 3pt, y: 9pt)"}),
    Variant("pdf-overflowing-numbers", "urumqi", "pdf",
            "typst portrait at 12pt: wide amounts overflow narrow cells and touch the next one "
            "('45,894.6445,519.17'); a careless publisher's PDF; cut by the two-decimal amount grammar",
            writer={"landscape": False, "font_size": "12pt"}),
    Variant("spaced-total-labels", "sh", "txt", "\"合　计\", \"小　计\", \"总　计\" with a full-width space",
            transforms=(L.spaced_total_labels,)),
    Variant("indented-names", "urumqi", "txt", "科目名称 indented by level with full-width spaces",
            transforms=(L.indented_names,)),
    Variant("xlsx-float-noise", "sh", "xlsx", "numeric cells with spreadsheet float noise (2106.6600000000003)",
            writer={"numbers_as_text": False, "float_noise": True}),
    Variant("docx-title-in-table", "urumqi", "docx",
            "title and unit as merged first rows of each Word table (Excel pasted into WPS)",
            writer={"title_in_table": True}),
    Variant("pdf-tables-flowing", "sh", "pdf", "typst portrait, tables follow each other on the same page",
            writer={"landscape": False, "page_per_table": False}),
    Variant("summary-stacked", "urumqi", "txt", "公开01 in one 项目|金额 column pair: 收入 rows, then 支出 rows",
            transforms=(L.summary_stacked,)),
    Variant("cover-year-nian", "sh", "txt", "cover \"2024年部门决算\" (年 without 度)", writer={"year_word": "年"}),
    Variant("scan-200dpi", "sh", "scan",
            "scanned copy (grey images at 200 dpi, no text layer) of the cover, 公开05 and 公开07; OCR; "
            "only those two tables judged",
            writer={"keep": ("general_budget", "three_public")}, only=("general_budget", "three_public")),
    Variant("xlsx-numeric-codes", "urumqi", "xlsx", "cumulative codes stored as numbers (2010601), numeric amounts",
            options={"code_style": "cumulative"}, writer={"numbers_as_text": False, "numeric_codes": True}),
    Variant("docx-wrapped-names", "urumqi", "docx", "long names broken by hard line breaks every 6 characters",
            transforms=(L.wrapped_names(6),)),
    Variant("pdf-no-rules", "urumqi", "pdf", "typst landscape without ruling lines (aligned text only)",
            writer={"rules": False}),
    Variant("pdf-no-rules-tight", "urumqi", "pdf",
            "no ruling lines and a 2 pt gutter: amounts nearly touch the next block's code ('1546.42' '302')",
            writer={"rules": False, "gutter": "2pt"}),
    Variant("text-layout-dump", "sh", "dump",
            "pdftotext -layout style: cells at fixed character columns, blank cells as spaces, CJK counted as "
            "one character, so amounts after a name drift right in display width (only placed cells judged)",
            ambiguous=True),
    Variant("text-layout-dump-urumqi", "urumqi", "dump", "pdftotext -layout style, Urumqi (as text-layout-dump)",
            ambiguous=True),
)

AMOUNT = r"(\d+(?:\.\d+)?)"
NARRATIVES: tuple[Variant, ...] = (
    Variant("narrative-composed", "sh", "txt", "our composed narrative unchanged (control)", narrative=()),
    Variant("narrative-composed-urumqi", "urumqi", "txt", "our composed narrative unchanged (control)",
            narrative=()),
    Variant("narrative-jiao-shangnian", "urumqi", "txt",
            "与上年相比，X减少 → X较上年减少; 与2021年度相比 → 比2021年度; 增长/下降 → 同比增长/同比下降",
            narrative=((r"与上年相比，", "较上年"), (r"与(20\d\d)年度相比，", r"比\1年度"),
                       (r"，(增长|下降)", r"，同比\1"))),
    Variant("narrative-zengfu-jianfu-zhanbi", "sh", "txt", "增长→增幅, 下降→减幅, 占→占比",
            narrative=((r"，增长", "，增幅"), (r"，下降", "，减幅"), (r"，占(\\d)", r"，占比\\1"))),
    Variant("narrative-template-leftovers", "urumqi", "txt",
            "template leftovers kept: 增加（减少）, 增长（下降） after the right word",
            narrative=((r"(增加|减少)" + AMOUNT + "万元", r"\1（减少）\2万元"), (r"，(增长|下降)", r"，\1（下降）"))),
    Variant("narrative-thousands-separators", "urumqi", "txt",
            "narrative amounts with thousands separators and a space before 万元 (45,963.78 万元)",
            narrative=((AMOUNT + "万元", lambda m: f"{Decimal(m.group(1)):,} 万元"),)),
    Variant("narrative-amounts-in-yuan", "sh", "txt", "narrative amounts in 元 (2995.39万元 → 29953900元)",
            narrative=((AMOUNT + "万元", L.yuan_in_text),)),
)
BY_NAME = {v.name: v for v in VARIANTS + NARRATIVES}


@dataclass(frozen=True)
class Measure:
    expected: int
    """Non-zero amount cells of the source (the ones a reader must find)."""
    found: int
    """Of those, read with exactly the same value (万元)."""
    read: int
    """Non-zero cells the reader returned."""
    wrong: int
    """Non-zero cells read with a value the source does not have at that path."""
    lost: tuple[str, ...]
    misplaced: tuple[tuple[str, Decimal, Decimal | None], ...]
    empty_expected: tuple[str, ...]
    empty_read: tuple[str, ...]

    @property
    def recall(self) -> Decimal:
        return (Decimal(self.found) / self.expected).quantize(Decimal("0.001")) if self.expected else Decimal(1)

    @property
    def precision(self) -> Decimal:
        return (Decimal(self.read - self.wrong) / self.read).quantize(Decimal("0.001")) if self.read else Decimal(0)


EMPTY_KEYS = ("income", "expenditure", "general_budget", "basic_expenditure", "government_fund", "state_capital")


def measure(source_disclosure: Disclosure, parsed: Disclosure | None, only: tuple[str, ...] = ()) -> Measure:
    def keep(path: str) -> bool:
        return not only or path.split(".", 1)[0] in only

    expected = {k: v for k, v in iter_table_cells(source_disclosure) if v and keep(k)}
    got = {k: v for k, v in iter_table_cells(parsed) if v and keep(k)} if parsed is not None else {}
    found = sum(1 for k, v in expected.items() if got.get(k) == v)
    wrong = sorted(k for k, v in got.items() if expected.get(k) != v)
    lost = tuple(sorted(k for k, v in expected.items() if got.get(k) != v))
    empty_expected = tuple(k for k in EMPTY_KEYS if getattr(source_disclosure.tables, k).empty and keep(k))
    empty_read = tuple(k for k in EMPTY_KEYS if parsed is not None and getattr(parsed.tables, k).empty and keep(k))
    return Measure(len(expected), found, len(got), len(wrong), lost,
                   tuple((k, got[k], expected.get(k)) for k in wrong), empty_expected, empty_read)


def claim_recall(source_disclosure: Disclosure, parsed: Disclosure | None) -> tuple[int, int]:
    """(claims of the source read back with the same item, measure and value; claims of the source)."""
    from collections import Counter

    def key(c):
        value = c.value / L.TEN_THOUSAND if c.unit == "元" else c.value  # 元 in the text is a faithful reading
        return c.item, c.measure, value

    got = Counter(map(key, parsed.claims)) if parsed is not None else Counter()
    want = Counter(map(key, source_disclosure.claims))
    return sum((got & want).values()), sum(want.values())


def meta_ok(source_disclosure: Disclosure, parsed: Disclosure | None) -> bool:
    return parsed is not None and (parsed.meta.year, parsed.meta.department) == (
        source_disclosure.meta.year, source_disclosure.meta.department)
