"""Collector scratch/commit (ingest/collect.py): a table is read into a fork of the shared collector
and only the read kept is committed, so a read undone leaves nothing behind and no read rewrites
what another stage put there (issue 10). Amounts are those of a real line: the Shanghai PDF's
公开02 in the seed's shape (tests/ingest/fixtures/routes/columns.txt, 201 一般公共服务支出)."""

from pathlib import Path

import pytest

from juesuan.ingest import collect, read
from juesuan.ingest.collect import Collector
from juesuan.ingest.pages import Cell, Row

FIXTURES = Path(__file__).parent / "fixtures" / "routes"
LINE = next(line.split("\t") for line in (FIXTURES / "columns.txt").read_text(encoding="utf-8").splitlines()
            if line.startswith("201\t\t\t"))
ROW = Row(cells=tuple(Cell(text, x, x + 1) for x, text in enumerate(LINE)), page=1, line=10)


def _snapshot(out: Collector) -> tuple:
    return (dict(out.values), dict(out.sources), dict(out.set_aside), list(out.not_understood),
            list(out.problems), set(out.unclear_lines))


def _shared_with_summary() -> Collector:
    out = Collector("seed.txt")
    scratch = out.fork()
    scratch.amount("summary.total", ROW, ROW.cells[4], "万元")
    out.commit(scratch, "summary")
    return out


def test_a_dropped_fork_leaves_the_shared_collector_as_it_was():
    out = _shared_with_summary()
    before = _snapshot(out)
    scratch = out.fork()
    assert scratch.values == out.values  # the fork sees what the other tables read
    scratch.amount("income.201.total", ROW, ROW.cells[4], "万元")
    scratch.amount("income.201.name", ROW, ROW.cells[3], "万元")  # not an amount: a problem, an unclear line
    scratch.problem("seen by the dropped read", field_name="income")
    assert scratch.not_understood and scratch.unclear_lines
    assert _snapshot(out) == before


def test_commit_adds_the_fork_entries_in_order():
    out = _shared_with_summary()
    scratch = out.fork()
    scratch.amount("income.201.total", ROW, ROW.cells[4], "万元")
    scratch.amount("income.201.fiscal", ROW, ROW.cells[5], "万元")
    scratch.amount("income.201.name", ROW, ROW.cells[3], "万元")
    out.commit(scratch, "income")
    assert list(out.values) == ["summary.total", "income.201.total", "income.201.fiscal"]
    assert str(out.values["income.201.total"]) == LINE[4].replace(",", "")
    assert [p.field for p in out.not_understood] == ["income.201.name"]
    assert out.unclear_lines == {(1, 10)}


@pytest.mark.parametrize("rewrite", [
    lambda scratch: scratch.values.pop("summary.total"),
    lambda scratch: scratch.values.__setitem__("summary.total", scratch.values["summary.total"] + 1),
])
def test_a_fork_that_rewrote_what_it_was_shown_is_refused(rewrite):
    out = _shared_with_summary()
    before = _snapshot(out)
    scratch = out.fork()
    rewrite(scratch)
    with pytest.raises(ValueError):
        out.commit(scratch, "income")
    assert _snapshot(out) == before


def test_a_second_commit_of_a_table_replaces_exactly_what_the_first_added():
    out = _shared_with_summary()
    first = out.fork()
    first.amount("income.201.total", ROW, ROW.cells[4], "万元")
    first.unclear(ROW, "a problem of the first read naming no cell")  # field None: no prefix finds it
    first.problem("the first read's own problem")
    out.commit(first, "income")
    other = out.fork()
    other.amount("expenditure.201.total", ROW, ROW.cells[4], "万元")
    out.commit(other, "expenditure")

    again = out.fork(exclude="income")
    assert "income.201.total" not in again.values and "summary.total" in again.values
    again.amount("income.201.fiscal", ROW, ROW.cells[5], "万元")
    out.commit(again, "income")
    assert list(out.values) == ["summary.total", "expenditure.201.total", "income.201.fiscal"]
    assert out.not_understood == [] and out.problems == [] and out.unclear_lines == set()


def test_a_grid_read_refuted_leaves_none_of_its_problems(monkeypatch):
    """Our Shanghai HTML as innerText, 公开02: read through its columns, refuted, placed by the
    identities (route columns→identities): the grid read's problems went with its fork."""
    forks, commits = [], []
    fork, commit = Collector.fork, Collector.commit
    monkeypatch.setattr(collect.Collector, "fork", lambda self, exclude="": forks.append(fork(self, exclude)) or forks[-1])
    monkeypatch.setattr(collect.Collector, "commit",
                        lambda self, scratch, key: commits.append((self, scratch)) or commit(self, scratch, key))
    read(FIXTURES / "columns-identities.txt")
    shared = commits[-1][0]
    kept = [scratch for _, scratch in commits]
    dropped = [f for f in forks if all(f is not k for k in kept)]
    assert dropped, "the grid read went into a fork of its own"
    left = [p for f in dropped for p in f.not_understood[f._base.not_understood:]]
    assert left and all(p is not q for p in left for q in shared.not_understood)


REARRANGERS = ("assign_columns", "to_columns", "place_by_order", "place_coded_by_order")


def test_the_row_rearrangers_return_new_rows_and_leave_the_block(monkeypatch):
    """The Shanghai sample text (pdftotext -layout of the PDF) takes all four rearrangers: each
    returns a new list of rows and the block it was given keeps its rows as they were."""
    from juesuan.ingest import routes

    from .conftest import SHARED, need

    calls: dict[str, list[bool]] = {name: [] for name in REARRANGERS}
    for name in REARRANGERS:
        def spy(block, *args, _arrange=getattr(routes, name), _name=name, **kwargs):
            before = list(block.rows)
            rows = _arrange(block, *args, **kwargs)
            calls[_name].append(block.rows == before and (rows is None or isinstance(rows, list) and rows is not block.rows))
            return rows
        monkeypatch.setattr(routes, name, spy)
    read(need(SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"))
    assert all(calls.values()) and all(all(ok) for ok in calls.values()), calls
