"""The Shanghai worked example against the document it transcribes.

``examples/shanghai-putuo-czj-2024.yaml`` is 上海市普陀区财政局 2024年度部门决算 typed in by
hand. These tests read the original PDF at test time (pdfplumber) and compare:

- every cell of the nine tables, by position (row code / row label × column header);
- the multiset of amounts printed on each table's pages against the example's non-zero cells;
- every figure of 第三部分 情况说明, in order, against the example's claims.

Expected values come from the PDF, never from this file. Tests that need the PDF are
skipped when it (or pdfplumber) is absent.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from juesuan.fileformat import dumps_yaml, load, parse_text
from juesuan.model import Disclosure, iter_table_cells, lookup

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "shanghai-putuo-czj-2024.yaml"
PDF_NAME = "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
PDF_CANDIDATES = (
    ROOT / "shared" / "reference" / "pdf" / PDF_NAME,
    ROOT.parent / "shared" / "reference" / "pdf" / PDF_NAME,
)

# Table key → PDF pages (1-based) on which the table is printed.
TABLE_PAGES: dict[str, tuple[int, ...]] = {
    "summary": (6, 7),
    "income": (8, 9),
    "expenditure": (10, 11),
    "fiscal_summary": (12, 13, 14),
    "general_budget": (15,),
    "basic_expenditure": (16, 17),
    "three_public": (18,),
    "government_fund": (19,),
    "state_capital": (20,),
}
NARRATIVE_PAGES = (21, 22, 23, 24)
AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})*\.\d{2}$")


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=1)
def example() -> Disclosure:
    return load(EXAMPLE)


@lru_cache(maxsize=1)
def _pdf():
    pdfplumber = pytest.importorskip("pdfplumber")
    for path in PDF_CANDIDATES:
        if path.exists():
            return pdfplumber.open(str(path))
    pytest.skip(f"PDF {PDF_NAME} not available")


def pdf():
    return _pdf()


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _amount(text: str | None) -> Decimal:
    """A printed table cell: blank means zero."""
    text = _norm(text)
    if not text:
        return Decimal("0.00")
    assert AMOUNT.match(text), f"not an amount: {text!r}"
    return Decimal(text.replace(",", ""))


def _is_amount(text: str | None) -> bool:
    return bool(AMOUNT.match(_norm(text)))


@lru_cache(maxsize=None)
def page_rows(page: int) -> tuple[tuple[str | None, ...], ...]:
    """The ruled-table rows of one page, as pdfplumber reads the grid."""
    rows: list[tuple[str | None, ...]] = []
    for table in pdf().pages[page - 1].extract_tables():
        rows.extend(tuple(row) for row in table)
    return tuple(rows)


def table_rows(key: str) -> list[tuple[str | None, ...]]:
    return [row for page in TABLE_PAGES[key] for row in page_rows(page)]


def page_lines(page: int) -> list[str]:
    """Visual lines of a text page (digits sit a few points below CJK glyphs)."""
    chars = sorted(pdf().pages[page - 1].chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[tuple[float, list[dict]]] = []
    for char in chars:
        if groups and char["top"] - groups[-1][0] <= 10:
            groups[-1][1].append(char)
        else:
            groups.append((char["top"], [char]))
    return ["".join(c["text"] for c in sorted(g, key=lambda c: c["x0"])) for _, g in groups]


def narrative_text() -> str:
    """第三部分 情况说明 as one string (line breaks removed)."""
    return "".join(line for page in NARRATIVE_PAGES for line in page_lines(page))


def _class_code(d: Disclosure, label: str) -> str:
    """公开01/04 class rows print a numbered name only ("八、社会保障和就业支出")."""
    name = _norm(label).split("、", 1)[1]
    codes = [line.code for line in d.tables.summary.expenditure.classes if line.name == name]
    assert len(codes) == 1, f"class row {label!r} not in the example"
    return codes[0]


# ------------------------------------------------ transcription of the PDF grids


SUMMARY_INCOME = {
    "一、一般公共预算财政拨款收入": "general_budget", "二、政府性基金预算财政拨款收入": "government_fund",
    "三、国有资本经营预算财政拨款收入": "state_capital", "四、上级补助收入": "higher_level_subsidy",
    "五、事业收入": "business", "六、经营收入": "operating", "七、附属单位上缴收入": "affiliated_remittance",
    "八、其他收入": "other", "本年收入合计": "total", "使用非财政拨款结余（含专用结余）": "use_of_non_fiscal_surplus",
    "年初结转和结余": "opening_balance", "总计": "grand_total",
}
SUMMARY_EXPENSE_TAIL = {
    "本年支出合计": "total", "结余分配": "surplus_distribution", "年末结转和结余": "closing_balance", "总计": "grand_total",
}
FISCAL_SOURCES = {"一、一般公共预算财政拨款": "general_budget", "二、政府性基金预算财政拨款": "government_fund",
                  "三、国有资本经营预算财政拨款": "state_capital"}
FISCAL_COLUMNS = ("total", "general_budget", "government_fund", "state_capital")
FISCAL_EXPENSE_TAIL = {"本年支出合计": "total", "年末财政拨款结转和结余": "closing_balance", "总计": "grand_total"}

CODED_HEADERS = {
    "income": (("本年收入合计", "total"), ("财政拨款收入", "fiscal_appropriation"), ("上级补助收入", "higher_level_subsidy"),
               ("事业收入", "business"), ("经营收入", "operating"), ("附属单位上缴收入", "affiliated_remittance"),
               ("其他收入", "other")),
    "expenditure": (("本年支出合计", "total"), ("基本支出", "basic"), ("项目支出", "project"), ("上缴上级支出", "remit_to_higher"),
                    ("经营支出", "operating"), ("对附属单位补助支出", "subsidy_to_affiliated")),
    "general_budget": (("合计", "total"), ("基本支出", "basic"), ("项目支出", "project")),
    "government_fund": (("年初结转和结余", "opening_balance"), ("本年收入", "income"), ("小计", "expenditure"),
                        ("基本支出", "basic"), ("项目支出", "project"), ("年末结转和结余", "closing_balance")),
}
CODED_HEADERS["state_capital"] = CODED_HEADERS["government_fund"]
THREE_PUBLIC_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


class Grid:
    """Item path → printed value, plus the printed row order, read from the PDF grids."""

    def __init__(self) -> None:
        self.cells: dict[str, Decimal] = {}
        self.unmapped: list[str] = []
        self.row_names: dict[str, list[tuple[str, str]]] = {}
        self.headers: dict[str, list[str]] = {}

    def put(self, path: str, text: str | None) -> None:
        assert path not in self.cells, f"cell {path} printed twice"
        self.cells[path] = _amount(text)

    def stray(self, where: str, row: tuple) -> None:
        if any(_is_amount(cell) for cell in row):
            self.unmapped.append(f"{where}: {row}")


def _summary(grid: Grid, d: Disclosure) -> None:
    names = grid.row_names.setdefault("summary", [])
    for row in table_rows("summary"):
        left, left_value, right, right_value = (list(row) + [None] * 4)[:4]
        if _norm(left) in SUMMARY_INCOME:
            grid.put(f"summary.income.{SUMMARY_INCOME[_norm(left)]}", left_value)
        elif _is_amount(left_value):
            grid.unmapped.append(f"summary income {row}")
        right_label = _norm(right)
        if right_label in SUMMARY_EXPENSE_TAIL:
            grid.put(f"summary.expenditure.{SUMMARY_EXPENSE_TAIL[right_label]}", right_value)
        elif "、" in right_label:
            code = _class_code(d, right_label)
            names.append((code, right_label.split("、", 1)[1]))
            grid.put(f"summary.expenditure.{code}", right_value)
        elif _is_amount(right_value):
            grid.unmapped.append(f"summary expense {row}")


def _fiscal_summary(grid: Grid, d: Disclosure) -> None:
    names = grid.row_names.setdefault("fiscal_summary", [])
    after_opening = False
    for page in TABLE_PAGES["fiscal_summary"]:
        for row in page_rows(page):
            row = tuple(list(row) + [None] * (7 - len(row)))
            left, right = _norm(row[0]), _norm(row[2])
            if left in ("项目", "收入"):
                grid.headers["fiscal_summary"] = [_norm(c) for c in row[3:7]] if left == "项目" else []
                continue
            if left == "年初财政拨款结转和结余":
                after_opening = True
                grid.put("fiscal_summary.income.opening_balance.total", row[1])
            elif left in FISCAL_SOURCES:
                source = FISCAL_SOURCES[left]
                path = f"fiscal_summary.income.opening_balance.{source}" if after_opening else f"fiscal_summary.income.{source}"
                grid.put(path, row[1])
            elif left == "本年收入合计":
                grid.put("fiscal_summary.income.total", row[1])
            elif left == "总计":
                grid.put("fiscal_summary.income.grand_total", row[1])
            elif _is_amount(row[1]):
                grid.unmapped.append(f"fiscal income {row}")
            if right in FISCAL_EXPENSE_TAIL:
                for column, text in zip(FISCAL_COLUMNS, row[3:7]):
                    grid.put(f"fiscal_summary.expenditure.{FISCAL_EXPENSE_TAIL[right]}.{column}", text)
            elif "、" in right:
                code = _class_code(d, right)
                names.append((code, right.split("、", 1)[1]))
                for column, text in zip(FISCAL_COLUMNS, row[3:7]):
                    grid.put(f"fiscal_summary.expenditure.{code}.{column}", text)
            elif any(_is_amount(c) for c in row[3:7]):
                grid.unmapped.append(f"fiscal expense {row}")


def _coded(grid: Grid, key: str) -> None:
    """公开02/03/05/08/09: 类 | 款 | 项 | 科目名称 | amount columns…; 合计 printed first or last."""
    columns = [column for _, column in CODED_HEADERS[key]]
    names = grid.row_names.setdefault(key, [])
    header: list[str] = []
    for row in table_rows(key):
        if _norm(row[0]) == "项目":  # first header row: the amount column labels
            header = [_norm(c) for c in row[4:] if c]
            continue
        code_cells = [_norm(c) for c in row[:3]]
        label = next((_norm(c) for c in row[:4] if _norm(c) == "合计"), None)
        if label == "合计":
            code = "total"
        elif re.fullmatch(r"\d{3}", code_cells[0]):
            code = "".join(code_cells)
            names.append((code, _norm(row[3])))
        else:
            grid.stray(key, row)
            continue
        for column, text in zip(columns, row[4:]):
            grid.put(f"{key}.{code}.{column}", text)
    grid.headers[key] = header


def _basic(grid: Grid) -> None:
    """公开06: two blocks of 类 | 款 | 科目名称 | 决算数; footer 人员经费合计 / 公用经费合计."""
    left = grid.row_names.setdefault("basic_expenditure:left", [])
    right = grid.row_names.setdefault("basic_expenditure:right", [])
    footers = {"人员经费合计": "personnel_total", "公用经费合计": "public_total"}
    for row in table_rows("basic_expenditure"):
        for names, block in ((left, row[:4]), (right, row[4:8])):
            kind, item, name, value = (_norm(c) for c in block)
            if kind in footers:
                grid.put(f"basic_expenditure.{footers[kind]}", value)
            elif re.fullmatch(r"\d{3}", kind):
                names.append((kind + item, name))
                grid.put(f"basic_expenditure.{kind + item}.amount", value)
            elif _is_amount(value):
                grid.unmapped.append(f"basic_expenditure {row}")


def _three_public(grid: Grid) -> None:
    rows = table_rows("three_public")
    header = next(row for row in rows if _norm(row[0]) == "预算数")
    grid.headers["three_public"] = [_norm(c) for c in header]
    data = [row for row in rows if row is not header and any(_is_amount(c) for c in row)]
    assert len(data) <= 1
    values = data[0] if data else ("",) * 12
    for index, item in enumerate(THREE_PUBLIC_ITEMS):
        grid.put(f"three_public.budget.{item}", values[2 * index])
        grid.put(f"three_public.final.{item}", values[2 * index + 1])


@lru_cache(maxsize=1)
def printed_grid() -> Grid:
    d = example()
    grid = Grid()
    _summary(grid, d)
    for key in ("income", "expenditure"):
        _coded(grid, key)
    _fiscal_summary(grid, d)
    _coded(grid, "general_budget")
    _basic(grid)
    _three_public(grid)
    for key in ("government_fund", "state_capital"):
        _coded(grid, key)
    return grid


def _table_of(path: str) -> str:
    return path.split(".", 1)[0]


# --------------------------------------------------------------------------- 1. file


def test_load__example_validates():
    d = example()
    assert d.meta.department == "上海市普陀区财政局"
    assert d.meta.profile == "shanghai-2024"
    assert d.meta.unit == "万元"
    assert len(d.overview.units) == 3


def test_dumps_yaml__round_trip_lossless():
    d = example()
    assert parse_text(dumps_yaml(d)) == d


def test_provenance__every_table_cell_printed():
    d = example()
    missing = [path for path, _ in iter_table_cells(d) if path not in d.provenance]
    assert not missing
    assert all(d.provenance[path].kind == "printed" for path, _ in iter_table_cells(d))


# --------------------------------------------------------------------------- 2. tables


def test_tables__every_printed_cell_equals_example():
    grid = printed_grid()
    d = example()
    wrong = {path: (value, lookup(d, path)) for path, value in grid.cells.items() if lookup(d, path) != value}
    assert not wrong, f"printed ≠ example: {wrong}"
    assert not grid.unmapped, f"printed amounts the reader could not place: {grid.unmapped}"


def test_tables__every_example_cell_is_printed():
    grid = printed_grid()
    paths = [path for path, _ in iter_table_cells(example())]
    not_printed = [path for path in paths if path not in grid.cells]
    coverage = 100 * (len(paths) - len(not_printed)) / len(paths)
    print(f"\nshanghai example: {len(paths) - len(not_printed)}/{len(paths)} table cells checked against the PDF "
          f"({coverage:.1f}%)")
    assert not not_printed, f"example cells not found in the PDF grid: {not_printed}"


def test_tables__column_headers_as_mapped():
    grid = printed_grid()
    for key, pairs in CODED_HEADERS.items():
        if key in ("government_fund", "state_capital"):
            assert {label for label, _ in pairs} <= set(grid.headers[key]) | {"小计", "基本支出", "项目支出"}
            continue
        assert grid.headers[key] == [label for label, _ in pairs], key
    assert grid.headers["fiscal_summary"][0] == "合计"
    assert grid.headers["fiscal_summary"][1].startswith("一般公共预算")
    assert grid.headers["three_public"] == ["预算数", "决算数"] * 6


def test_tables__row_codes_and_names_as_printed():
    grid = printed_grid()
    tables = example().tables
    assert grid.row_names["summary"] == [(c.code, c.name) for c in tables.summary.expenditure.classes]
    assert grid.row_names["fiscal_summary"] == [(c.code, c.name) for c in tables.fiscal_summary.expenditure.classes]
    for key in ("income", "expenditure", "general_budget"):
        rows = getattr(tables, key).rows
        assert grid.row_names[key] == [(r.code, r.name) for r in rows], key
    # 公开06 prints 301 then 303 in the left block, 302 then 310 in the right one.
    rows = tables.basic_expenditure.rows
    for block, classes in (("left", ("301", "303")), ("right", ("302", "310"))):
        expected = [(r.code, r.name) for c in classes for r in rows if r.code[:3] == c]
        assert grid.row_names[f"basic_expenditure:{block}"] == expected, block
    assert len(rows) == len(grid.row_names["basic_expenditure:left"]) + len(grid.row_names["basic_expenditure:right"])
    assert len(tables.summary.expenditure.classes) == 26


def test_tables__printed_amounts_per_page_equal_example_nonzero_cells():
    """Word-level check independent of the grid reader: multisets per table."""
    d = example()
    total_printed = matched = 0
    problems = {}
    for key, pages in TABLE_PAGES.items():
        printed = Counter(
            Decimal(word["text"].replace(",", ""))
            for page in pages
            for word in pdf().pages[page - 1].extract_words()
            if AMOUNT.match(word["text"])
        )
        ours = Counter(value for path, value in iter_table_cells(d) if _table_of(path) == key and value != 0)
        total_printed += sum(printed.values())
        matched += sum((printed & ours).values())
        if printed != ours:
            problems[key] = (printed - ours, ours - printed)
    print(f"\nshanghai example: {matched}/{total_printed} printed table amounts matched "
          f"({100 * matched / total_printed:.1f}%)")
    assert not problems, problems


def test_tables__empty_fund_tables_as_printed():
    d = example()
    for key, page in (("government_fund", 19), ("state_capital", 20)):
        table = getattr(d.tables, key)
        assert table.empty and not table.rows
        lines = page_lines(page)
        assert _norm(table.empty_note) in [_norm(line) for line in lines]


# --------------------------------------------------------------------------- 3. 情况说明

FIGURE = re.compile(r"(\d+(?:\.\d+)?)(%|万元|个|辆|台（套）|分)")
THRESHOLD = "单价100万元（含）以上"
"""The only 万元 figure that is a definition (the 100万元 equipment threshold), not a claim."""


def _printed_figures() -> list[tuple[str, str]]:
    text = narrative_text()
    assert text.count(THRESHOLD) == 1
    text = text.replace(THRESHOLD, "")
    return [(m.group(1) + ("%" if m.group(2) == "%" else ""), m.group(2)) for m in FIGURE.finditer(text)]


def test_claims__every_printed_figure_in_order():
    printed = _printed_figures()
    claims = [c for c in example().claims if c.text is not None]
    assert [(c.text, c.unit) for c in claims] == printed
    assert [c for c in claims if Decimal(c.text.rstrip("%")) != c.value] == []


def test_claims__every_wan_yuan_figure_found_in_example():
    d = example()
    values: set[Decimal] = {value for _, value in iter_table_cells(d)}
    values |= {c.value for c in d.claims}
    for comparison in d.comparisons.values():
        values |= {v for v in (comparison.prior_year, comparison.initial_budget, comparison.full_year_budget) if v is not None}
    values |= {v for _, v in d.procurement if isinstance(v, Decimal)}
    values |= {v for _, v in d.performance.summary if isinstance(v, Decimal)}
    if d.operating_costs.amount is not None:
        values.add(d.operating_costs.amount)
    wan = [Decimal(text) for text, unit in _printed_figures() if unit == "万元"]
    assert len(wan) >= 60
    assert [v for v in wan if v not in values] == []


def test_claims__unchanged_statements_counted():
    """Every 持平 of the text is a claim with direction 持平 (they print no figure)."""
    text = narrative_text()
    assert sum(c.direction == "持平" for c in example().claims) == text.count("持平")


def test_claims__amounts_equal_model_values_except_printed_defect():
    d = example()
    differ = {
        (c.section, c.item): (c.value, lookup(d, c.item))
        for c in d.claims
        if c.measure in ("amount", "count") and c.base is None and lookup(d, c.item) != c.value
    }
    # §四 prints 财政拨款收入支出总计 0.3万元 against 2961.68 in 公开04: kept as printed.
    assert differ == {("第三部分四", "fiscal_summary.income.grand_total"): (Decimal("0.3"), Decimal("2961.68"))}


def test_claims__initial_budgets_equal_comparisons():
    d = example()
    budget_claims = [c for c in d.claims if c.base == "initial_budget" and c.measure == "amount"]
    assert len(budget_claims) == 12
    for claim in budget_claims:
        assert d.comparisons[claim.item].initial_budget == claim.value, claim.item


def test_comparisons__prior_year_matches_printed_change():
    d = example()
    changes = [c for c in d.claims if c.measure == "change_amount" and c.text is not None]
    assert len(changes) == 3
    for claim in changes:
        sign = -1 if claim.direction == "减少" else 1
        prior = d.comparisons[claim.item].prior_year
        assert lookup(d, claim.item) - prior == sign * claim.value, claim.item
        rate = next(c for c in d.claims if c.item == claim.item and c.measure == "change_rate")
        assert (claim.value / prior * 100).quantize(Decimal("0.01")) == rate.value, claim.item


def test_claims__documented_share_defect():
    """§五(二) 一般公共服务支出 占71.73%: the tables give 71.65%."""
    d = example()
    share = next(c for c in d.claims if c.item == "general_budget.201.total" and c.measure == "share")
    assert share.value == Decimal("71.73")
    assert (lookup(d, "general_budget.201.total") / lookup(d, "general_budget.total.total") * 100).quantize(
        Decimal("0.01")) == Decimal("71.65")


# --------------------------------------------------------------------------- texts


def test_overview__functions_verbatim():
    pdf_text = _norm("".join(page_lines(4) + page_lines(5)))
    functions = example().overview.functions
    paragraphs = [p for p in functions.split("\n") if p]
    assert len(paragraphs) == 14  # （七） and （八） are printed as one paragraph
    for paragraph in paragraphs:
        assert _norm(paragraph) in pdf_text, paragraph


def test_glossary__verbatim():
    pdf_text = _norm("".join(page_lines(25)))
    glossary = example().glossary
    assert len(glossary) == 11
    numerals = "一二三四五六七八九十"
    for index, entry in enumerate(glossary, start=1):
        number = numerals[index - 1] if index <= 10 else "十一"
        assert _norm(f"{number}、{entry.term}：{entry.definition}") in pdf_text, entry.term


def test_performance_summary__as_printed():
    summary = example().performance.summary
    assert summary.average_score == Decimal("99.43")
    assert summary.grade_counts == {"优": 4, "良": 0, "合格": 0, "不合格": 0}
    assert _norm(summary.text) in _norm(narrative_text())
    assert not example().performance.projects


def test_texts__reasons_purposes_and_statements_verbatim():
    d = example()
    text = _norm(narrative_text())
    texts = [c.reason for c in d.claims if c.reason]
    for comparison in d.comparisons.values():
        texts += [t for t in (comparison.reason, comparison.budget_reason, comparison.purpose) if t]
    texts += list(d.narrative.values()) + [d.performance.summary.mechanism]
    assert len(texts) > 40
    assert [t for t in texts if _norm(t) not in text] == []


def test_overview__units_as_printed():
    rows = [tuple(_norm(c) for c in row) for row in page_rows(5)]
    assert rows[0] == ("序号", "单位名称", "备注")
    units = example().overview.units
    assert [(str(i), u.name, u.note or "") for i, u in enumerate(units, start=1)] == rows[1:]
    assert _norm(example().overview.composition_text) in _norm("".join(page_lines(5)))
