"""A real defect in a published PDF, read from its text shapes (a sample of bench/shape_mutations.py).

One printed amount changed as ``mutate_all`` changes it, the mutant rendered to PDF with the
original's 说明 and read from the PDF and from pdfplumber, ``pdftotext -raw``/``-layout`` and a
viewer's single-spaced copy: on every shape no amount in a wrong cell and no silent zero; the
PDF detects the defect (a new 错误/警告 naming the cell); and the shapes measured to detect it
still do (bench/shape_mutations.py --every 15, 2026-12-06: 60-61 of the PDF's 62). Where a shape
does not, the changed cell is unread, never read and let pass. A coded row whose sums the defect
breaks is read as printed where its placement is certain (flat._misprinted), a 公开06 class that
alone does not add up too (basic_stream.proven), and a 公开04 支出 line by the column totals
(fiscal_lines._misprinted); see docs/benchmarks.md.
"""

from __future__ import annotations

import shutil

import pytest

from juesuan.checks.mutation import MUTATIONS

from .shape_mutants import DEFAULT_SHAPES, Example

ALL = DEFAULT_SHAPES
# (example, cell, mutation, the text shapes measured to detect it)
CASES = [
    ("shanghai-putuo-czj-2024", "summary.income.general_budget", "+1%", ALL),  # 公开01, read by its labels
    ("shanghai-putuo-czj-2024", "fiscal_summary.income.grand_total", "+0.02", ALL),  # 公开04
    ("shanghai-putuo-czj-2024", "general_budget.total.total", "+0.02", ALL),  # 公开05: a row printing every column
    ("shanghai-putuo-czj-2024", "expenditure.201.total", "+1%", ALL),  # 公开03: its columns proven by 20106's
    ("urumqi-iit-2022", "summary.expenditure.grand_total", "+1%", ALL),
    ("urumqi-iit-2022", "general_budget.2010308.total", "+0.02", ALL),  # "5.02 5.00": 基本 or 项目, the 款 says
    # 公开06: 302's 款 do not add up, the other 类 do (-layout: before, the route by columns, 303 unproven)
    ("urumqi-iit-2022", "basic_expenditure.30226.amount", "+1%", ALL),
    # 公开04 本年支出合计 ≠ its sources: read as printed where the classes' column sums hold once corrected
    ("urumqi-iit-2022", "fiscal_summary.expenditure.total.total", "+1%", ALL),
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """(example, cell, mutation) → {shape: Outcome}; each example rendered and read once."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    examples, cache = {}, {}

    def get(stem, path, mutation):
        if stem not in examples:
            examples[stem] = Example(stem, tmp_path_factory.mktemp(stem))
        if (stem, path, mutation) not in cache:
            example = examples[stem]
            cache[stem, path, mutation] = example.run(path, mutation, MUTATIONS[mutation](example.cells[path]))
        return cache[stem, path, mutation]

    return get


@pytest.mark.parametrize(("stem", "path", "mutation", "detecting"), CASES,
                         ids=[f"{c[0].split('-')[0]}-{c[1]}{c[2]}" for c in CASES])
def test_a_defect__no_wrong_cell_no_silent_zero_and_detected_where_measured(outcomes, stem, path, mutation,
                                                                            detecting):
    by_shape = outcomes(stem, path, mutation)
    assert set(by_shape) == {"data", "pdf", *ALL}
    assert {s: (o.wrong, o.zero) for s, o in by_shape.items() if o.wrong or o.zero} == {}
    assert by_shape["pdf"].detected, [f.message for f in by_shape["pdf"].new]
    for shape in ALL:
        o = by_shape[shape]
        if shape in detecting:
            assert o.detected, (shape, o.cell, [f.message for f in o.new])
        else:  # missed from this shape: the changed cell was not read, not read and let pass
            assert o.cell == "unread", (shape, o.cell)
