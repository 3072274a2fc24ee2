"""Fixtures: the two worked examples, their XLSX as rendered, and filled init workbooks."""

from __future__ import annotations

import pytest

from juesuan import fileformat

from wb_data import EXAMPLES, NAMES  # noqa: E402


@pytest.fixture(scope="session")
def examples():
    return {name: fileformat.load(EXAMPLES / f"{name}.yaml") for name in NAMES}


@pytest.fixture(scope="session")
def rendered_xlsx(examples, tmp_path_factory):
    """name → bytes of our own XLSX output of the example."""
    from juesuan.narrative import compose
    from juesuan.render import render

    folder = tmp_path_factory.mktemp("xlsx")
    return {name: render("xlsx", d, compose(d), folder / f"{name}.xlsx").read_bytes() for name, d in examples.items()}


@pytest.fixture(scope="session")
def filled(examples):
    """name → a ``juesuan init`` workbook filled with the example's values."""
    from wb_fill import fill_workbook

    from juesuan.workbook.writer import init_workbook

    return {name: fill_workbook(init_workbook(d.meta.department, d.meta.year, d.meta.profile), d)
            for name, d in examples.items()}
