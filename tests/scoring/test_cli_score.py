"""``juesuan score``: text/json reports, --form export, --import with located errors."""

import io
import json
from pathlib import Path

from openpyxl import load_workbook
from scoring_seed import FRAGMENT
from typer.testing import CliRunner

from juesuan.cli import app

runner = CliRunner()


def test_score__json_reports_reported_and_recomputed():
    result = runner.invoke(app, ["score", str(FRAGMENT), "--format", "json", "--project", "原机电"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(d["project"], d["reported_total"], d["recomputed_total"]) for d in data] == [
        ("原机电老干所运行维护费", "81.30", "81.38")]


def test_score__text_has_overview_of_all_projects():
    result = runner.invoke(app, ["score", str(FRAGMENT)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "报告总分与重算总分" in result.output and "88.98" in result.output


def test_score__unknown_policy_is_a_clear_error():
    result = runner.invoke(app, ["score", str(FRAGMENT), "--policy", "nope"])
    assert result.exit_code == 2 and "unknown policy" in result.output


def test_score__form_then_import_round_trip(tmp_path: Path):
    form = tmp_path / "form.xlsx"
    assert runner.invoke(app, ["score", str(FRAGMENT), "--form", str(form)]).exit_code == 0
    assert len(load_workbook(form).worksheets) == 14
    result = runner.invoke(app, ["score", str(FRAGMENT), "--import", str(form), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 14


def test_import_form__bad_score_cell_is_located(tmp_path: Path):
    form = tmp_path / "form.xlsx"
    runner.invoke(app, ["score", str(FRAGMENT), "--project", "专家评审费", "--form", str(form)])
    workbook = load_workbook(form)
    sheet = workbook.worksheets[0]
    sheet["G13"] = "四点五"  # 得分 of the first indicator
    buffer = io.BytesIO()
    workbook.save(buffer)
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(buffer.getvalue())
    result = runner.invoke(app, ["score", str(FRAGMENT), "--import", str(filled)])
    assert result.exit_code == 2
    assert f"{filled} [信息化项目专家评审费]!G13: 得分: 不是数字 / not a number: '四点五'" in result.output


def test_import_form__missing_project_name_is_located():
    from juesuan.scoring.form_import import import_form
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "表1"
    workbook.active["A1"] = "项目支出绩效自评表"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_form(buffer.getvalue(), "x.xlsx")
    assert [str(p) for p in result.problems] == ["x.xlsx [表1]: 项目名称: 未填项目名称 / project name missing"]


def test_import_form__not_an_xlsx():
    from juesuan.scoring.form_import import import_form

    result = import_form(b"not a zip", "bad.xlsx")
    assert result.projects == () and result.problems[0].field == "(文件 / file)"


def test_score__full_example_file():
    example = Path(__file__).resolve().parents[2] / "examples" / "urumqi-iit-2022.yaml"
    result = runner.invoke(app, ["score", str(example), "--format", "json", "--policy", "mof-2020"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 14 and {d["policy"] for d in data} == {"mof-2020"}
