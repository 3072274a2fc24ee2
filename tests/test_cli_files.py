"""``juesuan show`` and ``juesuan schema`` on a small disclosure file."""

import json

import jsonschema
import yaml
from typer.testing import CliRunner

from juesuan.cli import app

runner = CliRunner()

SMALL = """\
meta: {department: 测试局, year: 2022}
tables:
  summary:
    income: {general_budget: 10, total: 10, grand_total: 10}
    expenditure:
      classes: [{code: 201, name: 一般公共服务支出, amount: 10}]
      total: 10
      grand_total: 10
"""


def test_show__prints_department_and_totals(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert "测试局" in result.output and "10.00" in result.output


def test_show__bad_file_exits_2_with_located_message(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(SMALL.replace("year: 2022", "year: abc"), encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 2
    assert "d.yaml:1" in result.output and "meta.year" in result.output
    assert "Traceback" not in result.output


def test_schema__validates_a_file_written_by_hand(tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    data = yaml.safe_load(SMALL)
    jsonschema.validate(data, schema)
    data["meta"]["bogus"] = 1
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        assert "bogus" in str(exc)
    else:
        raise AssertionError("unknown field accepted by the schema")


def test_show__both_worked_examples():
    from pathlib import Path

    for path in sorted((Path(__file__).parents[1] / "examples").glob("*.yaml")):
        result = runner.invoke(app, ["show", str(path)])
        assert result.exit_code == 0, result.output
        assert "公开09表" in result.output and "收入总计" in result.output
