"""No stage forges header text (issue 10): a stage that rearranges a table's rows hands the
parser its column plan (``locate.ColumnMap`` on the block) instead of writing header words for
``columns.name_band``/``choose_bands`` to read back. On the Shanghai sample text (pdftotext
-layout of the PDF, every table through these stages' dry reads) each converted stage returns
only rows and cell texts the block printed."""

from juesuan.ingest import read

from .conftest import SHARED, need

# the stages converted so far (docs/ingest.md lists those still writing header text)
CONVERTED = ("place_coded_by_order",)  # to_columns of a coded table: the test below


def test_converted_stages_return_only_printed_rows_and_text(monkeypatch):
    from juesuan.ingest import routes

    forged: dict[str, list] = {name: [] for name in CONVERTED}
    calls = dict.fromkeys(CONVERTED, 0)
    for name in CONVERTED:
        def spy(block, *args, _arrange=getattr(routes, name), _name=name, **kwargs):
            rows = _arrange(block, *args, **kwargs)
            printed = {(r.page, r.line): {c.text for c in r.cells} for r in block.rows}
            calls[_name] += 1
            for row in rows or ():
                texts = printed.get((row.page, row.line), set())
                forged[_name] += [c.text for c in row.cells if c.text not in texts]
            return rows
        monkeypatch.setattr(routes, name, spy)
    read(need(SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"))
    assert all(calls.values()), calls
    assert not any(forged.values()), forged


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
