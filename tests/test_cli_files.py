"""``juesuan show`` and ``juesuan schema`` on a small disclosure file."""

import json
from pathlib import Path

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


# Folders, patterns and bad files in a batch (issue 12).
FUZZ_CORPUS = Path(__file__).parent / "fuzz" / "corpus"
URUMQI = Path(__file__).parents[1] / "examples" / "urumqi-iit-2022.yaml"


def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "good.yaml").write_text(SMALL, encoding="utf-8")
    (folder / "self.yaml").write_text(SMALL.replace("meta: {", "meta: &m {title: *m, ", 1), encoding="utf-8")
    (folder / "notes.md").write_text("not a disclosure", encoding="utf-8")
    return folder


def test_check__folder_checks_every_file_and_goes_on_after_a_bad_one(tmp_path):
    folder = corpus_folder(tmp_path)
    result = runner.invoke(app, ["check", str(folder), "--summary", str(tmp_path / "s.csv")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "self.yaml:1: (别名 / alias)" in result.output
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == [str(folder / "good.yaml"), str(folder / "self.yaml")]
    assert rows[0].endswith(",ok") and "无法读取" in rows[1]


def test_check__pattern_is_expanded(tmp_path):
    folder = corpus_folder(tmp_path)
    result = runner.invoke(app, ["check", str(folder / "g*.yaml"), "--summary", str(tmp_path / "s.csv")])
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith(str(folder / "good.yaml")), result.output


def test_check__folder_without_files_exits_2(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "no file to read" in result.output


def test_check__integer_of_5000_digits_exits_2_without_traceback(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(SMALL.replace("year: 2022", "year: " + "9" * 5000), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "d.yaml:1" in result.output and "too many digits" in result.output


def test_build__performance_score_of_10_to_50_is_refused_at_load(tmp_path):
    path = tmp_path / "u.yaml"
    path.write_text(URUMQI.read_text(encoding="utf-8").replace("execution_score: 10.00", "execution_score: 1e50", 1),
                    encoding="utf-8")
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    # the command-line contract: 2 for input that cannot be used (1 is for 错误 found)
    assert result.exit_code == 2 and "u.yaml:494" in result.output and "10^15" in result.output
    assert not list((tmp_path / "out").glob("*/*"))


def test_parse__less_than_a_disclosure_exits_non_zero_without_report(tmp_path):
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(FUZZ_CORPUS / "urumqi-6p.pdf"))
    damaged = pdfium.PdfDocument.new()
    damaged.import_pages(source, [0, 2])  # the cover and one 自评表: no table of the nine, no claim
    damaged.save(tmp_path / "damaged.pdf")
    result = runner.invoke(app, ["parse", str(tmp_path / "damaged.pdf"), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 2 and "no tables and no claims recovered" in result.output


def test_parse__folder_goes_on_after_a_damaged_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "b.txt").write_bytes((FUZZ_CORPUS / "urumqi.txt").read_bytes())
    result = runner.invoke(app, ["parse", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "a.docx" in result.output and "Traceback" not in result.output
    assert (tmp_path / "out" / "b.yaml").exists() and not (tmp_path / "out" / "a.yaml").exists()


def test_score__project_list_is_read_under_the_same_checks(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("- &p {name: x, indicators: [*p]}\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2 and "p.yaml:1: (别名 / alias)" in result.output
