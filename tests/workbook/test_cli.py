"""juesuan init / juesuan import on the command line, and re-import keeping the YAML as edited."""

from __future__ import annotations

import difflib
import io

from openpyxl import load_workbook
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.reference.fields import FIELD_SHEETS

from wb_data import NAMES


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_init__one_sheet_per_table_and_input_sheet(tmp_path):
    out = tmp_path / "dept.xlsx"
    result = run("init", "--profile", "shanghai-2024", "--department", "上海市普陀区财政局", "--year", 2024, "-o", out)
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    expected = [f"公开0{n}表" for n in range(1, 10)] + [s.name for s in FIELD_SHEETS] + ["上年数和主要原因", "自评表"]
    assert all(name in book.sheetnames for name in expected)
    sheet = book["公开02表"]
    assert sheet.protection.sheet and sheet.data_validations.dataValidation  # labels locked, amounts validated
    assert run("init", "--profile", "shanghai-2024", "--department", "x", "--year", 2024, "-o", out).exit_code == 2


def test_init__unknown_profile_exit_2(tmp_path):
    result = run("init", "--profile", "nowhere-1999", "--department", "x", "--year", 2024, "-o", tmp_path / "a.xlsx")
    assert result.exit_code == 2 and "nowhere-1999" in result.output


def _set_field(data: bytes, sheet: str, path: str, value) -> bytes:
    book = load_workbook(io.BytesIO(data))
    ws = book[sheet]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 5).value == path)
    ws.cell(row, 2).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_reimport_after_an_edit__comments_and_other_fields_byte_identical(tmp_path, filled):
    workbook, target = tmp_path / "dept.xlsx", tmp_path / "dept.yaml"
    workbook.write_bytes(filled[NAMES[1]])
    assert run("import", workbook, "-o", target).exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    # the user annotates the file and adds what the workbook does not hold
    lines.insert(0, "# 普陀区财政局 2024 决算公开：审核意见见 OA-2025-17")
    at = next(i for i, line in enumerate(lines) if line.startswith("operating_costs:"))
    lines.insert(at, "# 机关运行经费核对：与财务账一致")
    lines.append("notes:\n- 名词解释按区财政局统一口径")
    edited = "\n".join(lines) + "\n"
    target.write_text(edited, encoding="utf-8")
    workbook.write_bytes(_set_field(filled[NAMES[1]], "机关运行经费", "operating_costs.amount", 201.5))
    result = run("import", workbook, "-o", target)
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(edited.splitlines(), after.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and changed[0].startswith("-") and changed[1].endswith("201.50"), changed


def test_reimport_onto_the_worked_example__only_the_edited_line_changes(tmp_path, filled):
    """The example file (comments, flow rows, its own order) as the existing YAML."""
    from wb_data import EXAMPLES

    target = tmp_path / "example.yaml"
    original = (EXAMPLES / f"{NAMES[0]}.yaml").read_text(encoding="utf-8")
    target.write_text(original, encoding="utf-8")
    workbook = tmp_path / "dept.xlsx"
    workbook.write_bytes(_set_field(filled[NAMES[0]], "国有资产", "assets.vehicles", 14))
    assert run("import", workbook, "-o", target).exit_code == 0
    diff = [line for line in difflib.unified_diff(original.splitlines(), target.read_text(encoding="utf-8").splitlines(),
                                                  lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(diff) == 2 and "vehicles: 13" in diff[0] and "vehicles: 14" in diff[1], diff


def test_import__unreadable_file_exit_2(tmp_path):
    path = tmp_path / "决算.et"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = run("import", path, "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2 and "另存为 .xlsx" in result.output


def test_import__a_total_that_does_not_match_its_rows_is_located_in_the_workbook(tmp_path, filled):
    book = load_workbook(io.BytesIO(filled[NAMES[0]]))
    ws = book["公开02表"]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    ws.cell(total, 5).value = ws.cell(total, 5).value + 1  # 本年收入合计 one 万元 more than its rows
    book.save(tmp_path / "dept.xlsx")
    result = run("import", tmp_path / "dept.xlsx", "-o", tmp_path / "dept.yaml")
    assert result.exit_code == 0
    assert f"公开02表!E{total}" in result.output and "[T0" in result.output


def test_init_yaml__commented_then_filled_by_import(tmp_path, filled, examples):
    target = tmp_path / "dept.yaml"
    example = examples[NAMES[0]]
    result = run("init", "--profile", "xinjiang-2022", "--department", example.meta.department, "--year", 2022,
                 "-o", target)
    assert result.exit_code == 0, result.output
    blank = target.read_text(encoding="utf-8")
    assert "# 主要职能（必填）" in blank and run("check", target).exit_code in (0, 1)  # it loads
    (tmp_path / "dept.xlsx").write_bytes(filled[NAMES[0]])
    assert run("import", tmp_path / "dept.xlsx", "-o", target).exit_code == 0
    from juesuan import fileformat

    text = target.read_text(encoding="utf-8")
    assert "# 主要职能（必填）" in text and "# 实有人数（必填）" in text  # the comments stay
    assert fileformat.load(target).overview == example.overview
