"""No stage forges header text (issue 10): a stage that rearranges a table's rows hands the
parser its column plan (``locate.ColumnMap`` on the block) instead of writing header words for
``columns.name_band``/``choose_bands`` to read back. On the Shanghai sample text (pdftotext
-layout of the PDF, every table through these stages' dry reads) each converted stage returns
only rows and cell texts the block printed."""

from juesuan.ingest import read

from .conftest import SHARED, need

# the stages converted so far (docs/ingest.md lists those still writing header text)
CONVERTED = ("place_coded_by_order",)


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
