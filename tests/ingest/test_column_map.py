"""No stage forges header text (issue 10): a stage that rearranges a table's rows hands the
parser its column plan (``locate.ColumnMap`` on the block) instead of writing header words for
``columns.name_band``/``choose_bands`` to read back. On the Shanghai sample text (pdftotext
-layout of the PDF, every table through these stages' dry reads) each converted stage returns
only rows and cell texts the block printed."""

from decimal import Decimal
from pathlib import Path

from juesuan.ingest import read

from .conftest import SHARED, need

# the stages that rearrange rows, as the routes call them, and the tables they do it for
CODED = ("income", "expenditure", "general_budget", "government_fund", "state_capital")
CONVERTED = {("routes", "place_coded_by_order"): CODED,
             ("routes", "to_columns"): (*CODED, "basic_expenditure", "summary", "fiscal_summary", "three_public"),
             ("basic_groups", "rows"): ("basic_expenditure",), ("routes", "place_by_order"): ("summary", "fiscal_summary")}


def test_converted_stages_return_only_printed_rows(monkeypatch):
    """The Shanghai sample text and the 公开06 cut from the Shanghai PDF's pdfplumber text
    (tests/ingest/fixtures/routes/groups.txt): every row a converted stage returns sits on a line
    the block printed (a made-up header row sat on the title's or the header's line)."""
    import importlib

    from juesuan.ingest.pages import Row

    made_up: list = []
    calls = dict.fromkeys(CONVERTED, 0)
    for (module, name), keys in CONVERTED.items():
        target = importlib.import_module(f"juesuan.ingest.{module}")

        def spy(block, *args, _arrange=getattr(target, name), _at=(module, name), _keys=keys, **kwargs):
            rows = _arrange(block, *args, **kwargs)
            data = args[0] if isinstance(block, Row) else block.rows  # basic_groups.rows(title, rows, …)
            key = "basic_expenditure" if isinstance(block, Row) else block.key
            if key in _keys and rows is not None:
                calls[_at] += 1
                printed = {(r.page, r.line) for r in data}
                made_up.extend((_at, r.text) for r in rows if (r.page, r.line) not in printed)
            return rows
        monkeypatch.setattr(target, name, spy)
    read(need(SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"))
    read(Path(__file__).parent / "fixtures" / "routes" / "groups.txt")
    assert all(calls.values()), calls
    assert not made_up, made_up


def test_space_joined_coded_rows_come_with_their_column_map(tmp_path, shanghai):
    """公开05 of the Shanghai PDF as a viewer copies it (pdfium text: blank cells dropped, cells
    joined by one space): ``to_columns`` returns only its printed lines, no header of its own;
    ``columns_of`` says their columns, and ``parse_coded`` reading through that map places each
    amount where the PDF's own read has it."""
    from dataclasses import replace

    from juesuan.ingest import load
    from juesuan.ingest.coded import parse_coded
    from juesuan.ingest.collapsed import columns_of, is_collapsed, to_columns
    from juesuan.ingest.collect import Collector
    from juesuan.ingest.locate import locate
    from juesuan.ingest.resolve import Resolver
    from juesuan.model import iter_table_cells

    from .conftest import SHANGHAI_PDF
    from .shapes import _pdfium

    path = tmp_path / "viewer.txt"
    path.write_text(_pdfium(need(SHANGHAI_PDF)), encoding="utf-8")
    block = next(b for b in locate(load(path)) if b.key == "general_budget" and b.rows)
    assert is_collapsed(block)
    out = Collector(str(path))
    rows = to_columns(block, out)
    printed = {(r.page, r.line) for r in block.rows}
    assert rows and all((r.page, r.line) in printed for r in rows)  # no header row made up for the parser
    plan = columns_of(block)
    assert plan is not None and [f for _, f in plan.fields] == ["total", "basic", "project"]
    parse_coded(replace(block, rows=rows, columns=plan), out, Resolver(2024).for_table("general_budget"))
    truth = dict(iter_table_cells(shanghai[0]))
    placed = {p: v for p, v in out.values.items() if v}
    assert len(placed) >= 12 and all(truth[p] == v for p, v in placed.items()), placed


def test_three_public_as_a_viewer_copies_it__columns_from_its_labels_not_its_number(tmp_path):
    """公开07 as one line of words per printed line, its number ("公开 07 表") on a line of its own:
    the number's digits are no amount, so the 预算数/决算数 line below is its header; ``columns_of``
    says the twelve columns (interleaved: the labels one per column) and the parser, given only the
    printed rows, reads each amount where the identities of the row put it."""
    from dataclasses import replace

    from juesuan.ingest import load
    from juesuan.ingest.collapsed import columns_of, is_collapsed, to_columns
    from juesuan.ingest.collect import Collector
    from juesuan.ingest.locate import locate
    from juesuan.ingest.three_public import parse_three_public

    path = tmp_path / "three_public.txt"
    path.write_text("财政拨款“三公”经费支出决算表\n公开 07 表\n单位：万元\n"
                    "合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n小计 公务用车购置费 公务用车运行费\n"
                    + " ".join(["预算数 决算数"] * 6) + "\n"
                    "10.00 8.00 2.00 1.00 5.00 4.00 1.00 1.00 4.00 3.00 3.00 3.00\n", encoding="utf-8")
    block = next(b for b in locate(load(path)) if b.key == "three_public")
    assert is_collapsed(block)
    out = Collector(str(path))
    rows, plan = to_columns(block, out), columns_of(block)
    assert [r.text for r in rows] == ["10.00 8.00 2.00 1.00 5.00 4.00 1.00 1.00 4.00 3.00 3.00 3.00"]
    assert plan is not None and plan.fields[:3] == ((0, "budget.total"), (1, "final.total"), (2, "budget.overseas"))
    table = parse_three_public(replace(block, rows=rows, columns=plan), out)
    printed = [Decimal(t) for t in rows[0].text.split()]
    assert [table[m][i] for i in ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                                  "reception") for m in ("budget", "final")] == printed
