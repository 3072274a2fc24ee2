"""The command-line contract (README): exit 0 clean, 1 错误 found, 2 unusable input or usage —
every command × {missing file, folder, published PDF, .doc, empty file, unknown profile},
always a message and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT.parent / "shared" / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
COMMANDS = ("show", "check", "score", "build", "parse", "export")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "empty-folder").mkdir()
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (folder / "empty.yaml").write_bytes(b"")
    return folder


def _args(command: str, target: str, out: Path) -> list[str]:
    if command == "build":
        return ["build", target, "-o", str(out / "build")]
    if command == "parse":
        return ["parse", target, "-o", str(out / "parsed.yaml")]
    if command == "export":
        return ["export", target, "-o", str(out / "export")]
    return [command, target]


def _run(args: list[str]):
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        f"{args}: {result.exception!r}"
    return result


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_file_folder_doc_and_empty_file_exit_2(command, inputs, tmp_path):
    for target in ("does-not-exist.yaml", "empty-folder", "old.doc", "empty.yaml"):
        result = _run(_args(command, str(inputs / target), tmp_path))
        assert result.exit_code == 2, (command, target, result.output)
        assert "错误" in result.output or "error" in result.output.lower(), (command, target, result.output)


@pytest.mark.parametrize("command", ("check", "build", "init"))
def test_unknown_profile_is_a_usage_error(command, tmp_path):
    example = str(ROOT / "examples" / "urumqi-iit-2022.yaml")
    args = {"check": ["check", example, "--profile", "nope"],
            "build": ["build", example, "--profile", "nope", "-o", str(tmp_path)],
            "init": ["init", "--profile", "nope", "--department", "某局", "--year", "2024", "-o",
                     str(tmp_path / "x.xlsx")]}[command]
    result = _run(args)
    assert result.exit_code == 2 and "nope" in result.output


@pytest.mark.skipif(not PDF.exists(), reason="../shared not present")
def test_every_command_reads_a_published_pdf_first(tmp_path):
    expected = {"show": 0, "check": 1, "parse": 0, "export": 0, "build": 1, "score": 2}
    # check: the Shanghai PDF has real 错误 (1); build: the gate refuses them (1); score: it has no 自评表 (2)
    for command, code in expected.items():
        result = _run(_args(command, str(PDF), tmp_path))
        assert result.exit_code == code, (command, result.output[-500:])
        assert "不是 UTF-8" not in result.output


def test_version_severity_words_and_profiles():
    assert _run(["--version"]).output.startswith("juesuan ")
    example = str(ROOT / "examples" / "urumqi-iit-2022.yaml")
    chinese, english = _run(["check", example, "--min-severity", "错误"]), _run(["check", example, "--min-severity", "error"])
    assert chinese.exit_code == english.exit_code == 1 and chinese.output == english.output
    assert _run(["check", example, "--min-severity", "fatal"]).exit_code == 2
    listed = _run(["profiles"]).output
    assert "xinjiang-2022" in listed and "shanghai-2024" in listed


def test_prev_must_be_the_same_department_and_the_year_before():
    urumqi, shanghai = (str(ROOT / "examples" / n) for n in ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml"))
    result = _run(["check", urumqi, "--prev", shanghai])
    assert result.exit_code == 2 and "部门不同" in result.output and "年度不是上一年" in result.output
