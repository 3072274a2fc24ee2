"""``juesuan parse``: YAML out, a directory for several files, exit 2 when nothing is read."""

from typer.testing import CliRunner

from juesuan import fileformat
from juesuan.cli import app

from .conftest import SEED, SHANGHAI_PDF, need


def test_parse__several_files_into_directory(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(need(SHANGHAI_PDF)), str(need(SEED)), "-o", str(tmp_path),
                                      "--report"])
    assert result.exit_code == 0, result.output
    written = fileformat.load(tmp_path / f"{SHANGHAI_PDF.stem}.yaml")
    assert str(written.tables.income.total.total) == "2946.25"
    assert written.provenance["income.total.total"].page == 8
    assert (tmp_path / f"{SEED.stem}.yaml").exists()


def test_parse__unreadable_file_exits_2_with_message(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = CliRunner().invoke(app, ["parse", str(bad), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 2
    assert "无法打开 PDF" in result.output
