"""A 公开07 whose own sums are broken, as published: our Urumqi example with 预算数 公务用车购置及运行维护费
小计 19.68 printed as 19.70 (小计 ≠ 购置 + 运行, 合计 ≠ Σ items). In a grid each amount has its column, so
the row is read as printed and the checks name the cell; before, no placement added up and the whole
row was left unread (the PDF missed the defect). From text without positions the row stays unread:
there the broken sums cannot tell a defect from blank cells dropped."""

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check
from juesuan.checks.mutation import replace_value
from juesuan.ingest import read
from juesuan.model import iter_table_cells
from juesuan.narrative import compose
from juesuan.render.package import render_package

from .shapes import _pdfplumber

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "urumqi-iit-2022.yaml"
PATH = "three_public.budget.vehicle_total"


@pytest.fixture(scope="module")
def defective(tmp_path_factory):
    source = fileformat.load(EXAMPLE)
    assert dict(iter_table_cells(source))[PATH] == Decimal("19.68")
    mutant = replace_value(source, PATH, Decimal("19.70"))
    out = {o.name: o.path for o in render_package(("pdf", "docx"), mutant, compose(source),
                                                  tmp_path_factory.mktemp("defect") / "urumqi")}
    return mutant, out


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_three_public__a_broken_sum_in_a_grid_is_read_as_printed_and_named(defective, fmt):
    mutant, out = defective
    disclosure, _ = read(out[fmt])
    got = dict(iter_table_cells(disclosure))
    want = {p: v for p, v in iter_table_cells(mutant) if p.startswith("three_public.")}
    assert {p: got.get(p) for p in want} == want
    named = [f for f in check(disclosure).findings if f.severity == "错误" and PATH in f.items()]
    assert named, "the broken 小计 is not named by any 错误"


def test_three_public__from_text_without_positions_the_broken_row_is_not_guessed(defective, tmp_path):
    mutant, out = defective
    path = tmp_path / "urumqi.pdfplumber.txt"
    path.write_text(_pdfplumber(out["pdf"]), encoding="utf-8")
    disclosure, _ = read(path)
    got = dict(iter_table_cells(disclosure))
    want = dict(iter_table_cells(mutant))
    wrong = [p for p in want if p.startswith("three_public.") and got.get(p) not in (want[p], Decimal(0))]
    unread = {p for p, s in disclosure.provenance.items() if s.kind == "unread"}
    assert wrong == [] and PATH in unread
