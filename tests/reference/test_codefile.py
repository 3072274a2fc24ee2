"""``read_code_list``: any well-formed list round-trips; any malformed input is a located CodeListError."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.reference.codefile import CodeListError, read_code_list, write_code_list
from juesuan.reference.codes import CodeBook

# Real rows: the packaged 2022 function edition (from the shared reference lists and the seed).
EDITION_ROWS = [dict(code=c.code, name=c.name, level=c.level, parent=c.parent, provenance=c.provenance,
                     aliases=c.aliases) for c in CodeBook.for_year(2022)]


def _subtree_closed(rows):
    """Keep only rows whose ancestors are kept too, as an official list would."""
    kept = {r["code"] for r in rows}
    return [r for r in rows if all(r["code"][:n] in kept for n in (3, 5) if n < len(r["code"]))]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(EDITION_ROWS), unique_by=lambda r: r["code"], max_size=60))
def test_read_code_list__written_lists_round_trip(rows):
    rows = _subtree_closed(rows)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "function-2022.csv"
        write_code_list(rows, path)
        if not rows:
            try:
                read_code_list(path)
            except CodeListError as exc:
                assert exc.problems[0].field == "file"
            return
        assert read_code_list(path) == rows


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), max_size=5), max_size=8))
def test_read_code_list__arbitrary_rows_never_escape_as_other_errors(cells):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "junk.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["code", "name"])
            writer.writerows(cells)
        try:
            rows = read_code_list(path)
        except CodeListError as exc:
            assert exc.problems and all(p.file == str(path) and p.field for p in exc.problems)
        else:
            assert all(r["code"].isdigit() and r["name"] for r in rows)


def test_read_code_list__excel_float_codes_are_accepted(tmp_path):
    path = tmp_path / "floats.csv"
    path.write_text("code,name\n201.0,一般公共服务支出\n", encoding="utf-8")
    assert read_code_list(path)[0]["code"] == "201"


def test_read_code_list__economic_codes_have_two_levels(tmp_path):
    path = tmp_path / "econ.csv"
    path.write_text("code,name\n301,工资福利支出\n3010101,不是经济分类\n", encoding="utf-8")
    try:
        read_code_list(path, kind="economic")
    except CodeListError as exc:
        assert [(p.line, p.field) for p in exc.problems] == [(3, "code")]
    else:
        raise AssertionError("a 7-digit economic code must be refused")
