"""The table reader's routes (ingest/routes.py): each registered route is documented and has its own
fixture — one table's lines cut from a real text shape (tests/ingest/shapes.py, kept by
``bench/text_shapes.py --keep``) with the file's first lines (department, year) — that the route is
chosen for and reads right: every cell it places equals the cell the source prints (the Shanghai
PDF's own read; our examples' YAML)."""

from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.ingest import read
from juesuan.ingest.routes import ROUTES, render, route
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, ROOT, SHANGHAI_PDF, need

FIXTURES = Path(__file__).parent / "fixtures" / "routes"

# route id → (fixture, table, source of the known cells, cells placed / printed amounts, measured)
ROUTE_FIXTURES = {
    # Shanghai PDF as pdfplumber's extract_text(), 公开06 (page 16): tall rows, amounts below the names
    "groups": ("groups.txt", "basic_expenditure", "shanghai-pdf", (29, 29)),
    # the same shape's 公开02: one cell of words per line; alone (no 公开01 to bound it) 20 of 45 proven
    "identities": ("identities.txt", "income", "shanghai-pdf", (20, 45)),
    # our Urumqi PDF as pdftotext -layout, 公开04 with wide cells
    "reading-order": ("reading-order.txt", "fiscal_summary", "urumqi-iit-2022", (28, 28)),
    # Shanghai PDF in the seed's shape (pdfplumber's tables as tab rows), 公开02
    "columns": ("columns.txt", "income", "shanghai-pdf", (45, 45)),
    # our Shanghai HTML as a browser's innerText: 公开02's header cells span columns
    "columns→identities": ("columns-identities.txt", "income", "shanghai-putuo-czj-2024", (45, 45)),
}


@pytest.fixture(scope="module")
def known():
    cells = {}

    def get(source: str) -> dict:
        if source not in cells:
            disclosure = read(need(SHANGHAI_PDF))[0] if source == "shanghai-pdf" else \
                fileformat.load(EXAMPLES / f"{source}.yaml")
            cells[source] = dict(iter_table_cells(disclosure))
        return cells[source]

    return get


def test_routes__every_route_has_a_fixture_and_the_ids_are_unique():
    assert [r.id for r in ROUTES] == list(dict.fromkeys(r.id for r in ROUTES))
    assert set(ROUTE_FIXTURES) == {r.id for r in ROUTES}


def test_routes__columns_is_the_fallback_and_instead_names_a_route():
    assert ROUTES[[r.id for r in ROUTES].index("columns")].chosen("income", None, None, None, None) is True
    for r in ROUTES:
        if r.instead:
            assert route(r.instead).chosen is None and r.misread is not None


def test_routes__docs_list_every_route_as_generated():
    """Regenerate the table in docs/ingest.md with ``python -m juesuan.ingest.routes``."""
    doc = (ROOT / "docs" / "ingest.md").read_text(encoding="utf-8")
    assert render() in doc
    assert all(f"| `{r.id}` |" in doc for r in ROUTES)


@pytest.mark.parametrize("route_id", list(ROUTE_FIXTURES))
def test_route__chosen_for_its_fixture_and_reads_right(route_id, known):
    name, key, source, (placed, printed) = ROUTE_FIXTURES[route_id]
    _, report = read(FIXTURES / name, explain=True)
    table = next(t for t in report.trace.tables if t.key == key)
    assert table.route.route == route_id
    assert table.route.title == route(route_id).title
    cells = {f"{key}.{c.path}": c.value for row in table.rows for c in row.placed}
    expected = known(source)
    assert {p: v for p, v in cells.items() if expected.get(p) != v} == {}
    assert (table.placed, table.seen) == (placed, printed)
