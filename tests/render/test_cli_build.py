import re
from pathlib import Path

from render_data import EXAMPLES, SMALL
from typer.testing import CliRunner

from juesuan.cli import app


def _small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small-2022.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_build__writes_every_format_for_every_file(tmp_path):
    files = [_small_file(tmp_path)] + sorted(EXAMPLES.glob("*.yaml"))[:1]
    # --force: the gate (tests/workbook/test_build_gate.py) refuses these files' known 错误 and 待补充
    result = CliRunner().invoke(app, ["build", *map(str, files), "-o", str(tmp_path / "out"), "--force"])
    assert result.exit_code == 0, result.output
    for file in files:
        for suffix in ("docx", "xlsx", "pdf", "html"):
            assert (tmp_path / "out" / f"{file.stem}.{suffix}").stat().st_size > 1000


def test_build__formats_option_limits_the_output(tmp_path):
    file = _small_file(tmp_path)
    result = CliRunner().invoke(app, ["build", str(file), "-o", str(tmp_path / "out"), "--formats", "html,xlsx",
                                      "--force"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".xlsx"]


def test_build__unknown_format_is_a_user_error(tmp_path):
    result = CliRunner().invoke(app, ["build", str(_small_file(tmp_path)), "-o", str(tmp_path), "-f", "odt"])
    assert result.exit_code == 2
    assert "odt" in result.output


def test_build__a_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {department: x}\n", encoding="utf-8")
    good = _small_file(tmp_path)
    result = CliRunner().invoke(app, ["build", str(bad), str(good), "-o", str(tmp_path / "out"), "-f", "html",
                                      "--force"])
    assert result.exit_code == 2  # the contract: an unusable input file is exit 2, after the others are built
    assert (tmp_path / "out" / "small-2022.html").is_file()
    assert "bad.yaml" in result.output


def test_build__profile_option_sets_narrative_and_table_layout(tmp_path):
    file = _small_file(tmp_path)
    result = CliRunner().invoke(app, ["build", str(file), "-o", str(tmp_path / "out"), "-f", "html",
                                      "--profile", "shanghai-2024", "--force"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "small-2022.html").read_text(encoding="utf-8")
    # 公开07 as Shanghai prints it: 预算数/决算数 interleaved (Xinjiang: all 预算数 first)
    assert re.search(r">预算数</th><th[^>]*>决算数</th><th[^>]*>预算数</th>", html)
    assert not re.search(r"colspan=\"6\"[^>]*>预算数<", html)
