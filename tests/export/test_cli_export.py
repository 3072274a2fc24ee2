"""``juesuan export`` / ``juesuan query`` from the command line: files, folders, exit codes."""

from typer.testing import CliRunner

from juesuan.cli import app

from .conftest import EXAMPLES


def test_export_folder_then_query(tmp_path):
    out = tmp_path / "data"
    result = CliRunner().invoke(app, ["export", str(EXAMPLES[0].parent), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "cells.parquet").exists()
    result = CliRunner().invoke(app, ["query", "--data", str(out), "--report", "three_public"])
    assert result.exit_code == 0, result.output
    assert "公务接待费" in result.output


def test_unreadable_input_is_skipped_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [", encoding="utf-8")
    out = tmp_path / "data"
    result = CliRunner().invoke(app, ["export", str(EXAMPLES[0]), str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert (out / "datapackage.json").exists()
    result = CliRunner().invoke(app, ["export", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_query_without_data_or_sql_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["query", "--data", str(tmp_path), "select 1"])
    assert result.exit_code == 2 and "juesuan export" in result.output
    result = CliRunner().invoke(app, ["query", "--data", str(tmp_path)])
    assert result.exit_code == 2
