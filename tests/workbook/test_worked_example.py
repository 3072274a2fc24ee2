"""examples/workbook/: the Urumqi example built only through init → fill → import, kept in step."""

from __future__ import annotations

from wb_fill import fill_workbook

from juesuan import fileformat
from juesuan.model import iter_table_cells
from juesuan.workbook.importer import import_workbooks
from juesuan.workbook.writer import init_workbook
from juesuan.workbook.yamlmerge import write

from wb_data import EXAMPLES

WORKED = EXAMPLES / "workbook"


def test_committed_workbook_imports_to_the_committed_yaml(tmp_path):
    result = import_workbooks([WORKED / "urumqi-iit-2022.xlsx"])
    assert result.problems == [] and result.missing == []
    assert write(tmp_path / "new.yaml", result.disclosure, result.owned) == \
        (WORKED / "urumqi-iit-2022.yaml").read_text(encoding="utf-8")


def test_worked_example_equals_the_example_in_every_table_cell(examples):
    worked = fileformat.load(WORKED / "urumqi-iit-2022.yaml")
    assert dict(iter_table_cells(worked)) == dict(iter_table_cells(examples["urumqi-iit-2022"]))
    assert (worked.meta.department, worked.meta.year) == (examples["urumqi-iit-2022"].meta.department, 2022)


def test_init_and_fill_today_give_the_same_disclosure(tmp_path, examples):
    example = examples["urumqi-iit-2022"]
    path = tmp_path / "again.xlsx"
    path.write_bytes(fill_workbook(init_workbook(example.meta.department, 2022, example.meta.profile), example))
    assert import_workbooks([path]).disclosure == fileformat.load(WORKED / "urumqi-iit-2022.yaml")


def test_field_reference_is_up_to_date():
    from juesuan.workbook.reference import render

    docs = EXAMPLES.parent / "docs" / "field-reference.md"
    assert docs.read_text(encoding="utf-8") == render() + "\n", \
        "python -m juesuan.workbook.reference > docs/field-reference.md"
