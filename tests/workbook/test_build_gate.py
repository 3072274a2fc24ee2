"""The build gate: 错误 refuse, missing inputs refuse, --draft watermarks every page, --force is recorded."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from docx import Document as Docx
from openpyxl import load_workbook
from typer.testing import CliRunner

from juesuan import fileformat
from juesuan.checks import check
from juesuan.cli import app
from juesuan.workbook.importer import import_workbooks

from wb_data import EXAMPLES, NAMES


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def imported(filled, tmp_path_factory):
    """name → the YAML that juesuan import writes from the filled workbook."""
    folder = tmp_path_factory.mktemp("imported")
    out = {}
    for name, data in filled.items():
        (folder / f"{name}.xlsx").write_bytes(data)
        assert run("import", folder / f"{name}.xlsx", "-o", folder / f"{name}.yaml").exit_code == 0
        out[name] = folder / f"{name}.yaml"
    return out


def _pages_with(pdf_path, text: str) -> tuple[int, int]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    return sum(text in pdf[i].get_textpage().get_text_range() for i in range(len(pdf))), len(pdf)


def test_errors__final_build_refused_with_the_counts(tmp_path):
    example = EXAMPLES / f"{NAMES[0]}.yaml"
    errors = check(fileformat.load(example)).counts["错误"]
    assert errors > 0  # the seed's own defects, kept as printed
    result = run("build", example, "-o", tmp_path, "-f", "html")
    assert result.exit_code == 1 and f"错误 {errors} / 待补充 0" in result.output and "拒绝生成" in result.output
    assert not list(tmp_path.glob("*.html"))
    # each 说明 figure the build prints otherwise is listed: the seed's 80.94 for 2150502 (tables: 80.93)
    assert re.search(r"2150502.*说明中为 80\.94，生成时按表为 80\.93", result.output)


def test_missing_inputs__final_build_refused(tmp_path, imported):
    file = imported[NAMES[1]]  # Shanghai through the workbook: 0 错误, its 上年 财政拨款收入总计 not printed
    report = check(fileformat.load(file))
    missing = len(report.by_rule("I-001"))
    assert report.counts["错误"] == 0 and missing > 0
    result = run("build", file, "-o", tmp_path, "-f", "html")
    assert result.exit_code == 1 and f"错误 0 / 待补充 {missing}" in result.output


def test_draft__watermark_on_every_page_of_every_format(tmp_path, imported):
    result = run("build", imported[NAMES[1]], "-o", tmp_path, "--draft")
    assert result.exit_code == 0, result.output
    stem = tmp_path / NAMES[1]
    marked, pages = _pages_with(stem.with_suffix(".pdf"), "草稿")
    assert marked == pages > 1
    document = Docx(str(stem.with_suffix(".docx")))
    assert all("草稿" in s.header.paragraphs[0].text and "草稿" in s.even_page_header.paragraphs[0].text
               for s in document.sections)
    book = load_workbook(stem.with_suffix(".xlsx"))
    assert all("草稿" in ws.oddHeader.center.text for ws in book.worksheets)
    assert 'class="draft-mark"' in stem.with_suffix(".html").read_text(encoding="utf-8")


def test_force__final_document_records_it(tmp_path, imported):
    result = run("build", imported[NAMES[1]], "-o", tmp_path, "-f", "pdf,docx", "--force")
    assert result.exit_code == 0, result.output
    stem = tmp_path / NAMES[1]
    keywords = pdfium.PdfDocument(str(stem.with_suffix(".pdf"))).get_metadata_dict()["Keywords"]
    assert "juesuan build --force" in keywords and "待补充 1" in keywords
    assert _pages_with(stem.with_suffix(".pdf"), "草稿")[0] == 0
    assert "juesuan build --force" in Docx(str(stem.with_suffix(".docx"))).core_properties.comments


def test_clean_file__final_build_without_flags(tmp_path, filled):
    """Shanghai through the workbook once its one missing input is entered. The value is a
    mutation for this test: the printed 说明 says the 总计 is 持平 with 2023, so 2023 = 2024."""
    data = load_workbook(io.BytesIO(filled[NAMES[1]]))
    ws = data["上年数和主要原因"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "fiscal_summary.income.grand_total")
    current = fileformat.load(EXAMPLES / f"{NAMES[1]}.yaml").tables.fiscal_summary.income.grand_total
    ws.cell(row, 3).value = current
    data.save(tmp_path / "dept.xlsx")
    assert run("import", tmp_path / "dept.xlsx", "-o", tmp_path / "dept.yaml").exit_code == 0
    result = run("build", tmp_path / "dept.yaml", "-o", tmp_path / "out", "-f", "pdf")
    assert result.exit_code == 0 and "错误 0 / 待补充 0" in result.output, result.output
    assert pdfium.PdfDocument(str(tmp_path / "out" / "dept.pdf")).get_metadata_dict()["Keywords"] == ""


def test_seed_department_through_the_workbook(tmp_path, imported, examples):
    """init → fill (the example's values) → import → check → build: every table cell equals the
    example, the tables and the 说明 give 0 错误 and 0 待补充; the only 错误 are the seed's own
    自评表 figures as printed (绩效 rules), so the final build is refused and a draft is built."""
    file = imported[NAMES[0]]
    disclosure = fileformat.load(file)
    report = check(disclosure)
    assert report.by_rule("I-001") == []
    errors = [f for f in report.findings if f.severity == "错误"]
    assert errors and all(f.rule_id.startswith("P-") for f in errors)
    result = import_workbooks([tmp_path.parent / "x.xlsx"])  # nothing there: unreadable, not a crash
    assert result.unreadable
    assert run("build", file, "-o", tmp_path, "-f", "pdf").exit_code == 1
    assert run("build", file, "-o", tmp_path, "-f", "pdf", "--draft").exit_code == 0
    marked, pages = _pages_with(tmp_path / f"{NAMES[0]}.pdf", "草稿")
    assert marked == pages
