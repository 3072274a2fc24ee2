"""The reviewer's audit report (render/audit, ``juesuan check --html DIR``) on the shared Shanghai PDF and our examples.

Expected values come from the check itself (its JSON report), the file's own hash and the PDF's
own text layer, never from numbers written here.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app
from render_data import EXAMPLES

ROOT = Path(__file__).parents[2]
SHARED_PDF = ROOT.parent / "shared" / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"


class Rows(HTMLParser):
    """Each finding row's data attributes, its page link and its visible text; the group headings."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.groups: list[str] = []
        self._in_h2 = self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "finding" in (a.get("class") or ""):
            self.rows.append({**a, "links": [], "thumbs": 0})
        elif tag == "a" and "page" in (a.get("class") or "") and self.rows:
            self.rows[-1]["links"].append(a["href"])
        elif tag == "img" and self.rows:
            self.rows[-1]["thumbs"] += 1
        self._in_h2 |= tag == "h2"
        self._in_script |= tag == "script"

    def handle_endtag(self, tag):
        self._in_h2 &= tag != "h2"
        self._in_script &= tag != "script"

    def handle_data(self, data):
        if self._in_h2:
            self.groups.append(data)
        if not self._in_script:
            self.text.append(data)


def parse(path: Path) -> Rows:
    rows = Rows()
    rows.feed(path.read_text(encoding="utf-8"))
    return rows


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """``juesuan check PDF EXAMPLES --html DIR`` and the same files' JSON reports."""
    if not SHARED_PDF.exists():
        pytest.skip("shared Shanghai PDF not present")
    out = tmp_path_factory.mktemp("audit")
    files = [SHARED_PDF, *sorted(EXAMPLES.glob("*.yaml"))]
    result = CliRunner().invoke(app, ["check", *map(str, files), "--html", str(out / "html")])
    assert result.exit_code in (0, 1), result.output
    data = {}
    for path in files:
        json_out = out / f"{path.stem}.json"
        CliRunner().invoke(app, ["check", str(path), "--format", "json", "-o", str(json_out)])
        data[path] = json.loads(json_out.read_text(encoding="utf-8"))
    return out / "html", data


def test_header_names_file_department_year_versions_hash_date(reports):
    from juesuan import __version__
    from juesuan.checks.registry import load_builtin

    folder, data = reports
    for path, report in data.items():
        page = (folder / f"{path.stem}.html").read_text(encoding="utf-8")
        assert f"<dd>{path.name}</dd>" in page
        assert hashlib.sha256(path.read_bytes()).hexdigest() in page
        assert f"<dd>{report['department']}</dd>" in page and f"<dd>{report['year']}</dd>" in page
        assert f"juesuan {__version__}" in page and f"{len(load_builtin())} 条" in page
        assert re.search(r"<dt>审核日期</dt><dd>\d{4}-\d\d-\d\d</dd>", page)


def test_every_finding_appears_once_grouped_with_its_counts(reports):
    folder, data = reports
    for path, report in data.items():
        rows = parse(folder / f"{path.stem}.html")
        assert len(rows.rows) == len(report["findings"])
        assert sorted(r["data-rule"] for r in rows.rows) == sorted(f["rule_id"] for f in report["findings"])
        for severity, count in report["counts"].items():
            assert sum(r["data-severity"] == severity for r in rows.rows) == count
        assert sum(int(re.search(r"（(\d+)）$", g).group(1)) for g in rows.groups) == len(report["findings"])
        assert len(rows.groups) == len(set(rows.groups)) > 1  # grouped, each group once


def test_each_page_link_opens_the_page_the_finding_names(reports):
    """The link is ``file.pdf#page=N`` with N the finding's page, and the figure is printed on that page."""
    import pypdfium2 as pdfium

    folder, data = reports
    report = data[SHARED_PDF]
    rows = {r["id"]: r for r in parse(folder / f"{SHARED_PDF.stem}.html").rows}
    document = pdfium.PdfDocument(str(SHARED_PDF))
    paged = [f for f in report["findings"] if f["location"].get("page")]
    assert paged, "the Shanghai PDF's findings carry pages"
    checked = 0
    by_where = {}
    for row in rows.values():
        by_where.setdefault((row["data-rule"], row["data-where"]), row)
    for row in rows.values():
        for href in row["links"]:
            target, _, fragment = href.partition("#page=")
            assert (folder / target).resolve() == SHARED_PDF.resolve()
            assert 1 <= int(fragment) <= len(document)
    for finding in paged:
        page = finding["location"]["page"]
        row = next(r for r in rows.values() if r["data-rule"] == finding["rule_id"] and f"第{page}页" in r["data-where"])
        assert any(h.endswith(f"#page={page}") for h in row["links"])
        actual = finding.get("actual")
        if actual and re.fullmatch(r"\d+\.\d\d", actual):  # a printed amount: it is on that page
            text = document[page - 1].get_textpage().get_text_range()
            assert actual in text.replace(",", "")
            checked += 1
    assert checked, "at least one linked amount read back from its page"


def test_thumbnails_for_cells_with_a_box_on_their_page(reports):
    from juesuan.ingest import read

    folder, data = reports
    disclosure, _ = read(SHARED_PDF)
    rows = parse(folder / f"{SHARED_PDF.stem}.html").rows
    expected = [f for f in data[SHARED_PDF]["findings"]
                if (src := disclosure.provenance.get(f["location"].get("item") or "")) and src.bbox
                and src.page == f["location"].get("page")]
    assert expected and sum(r["thumbs"] for r in rows) == len(expected)


def test_no_programmer_notation_in_what_a_reviewer_reads(reports):
    from juesuan.model.items import TABLE_LABELS

    folder, data = reports
    path_like = re.compile(r"\b(" + "|".join(TABLE_LABELS) + r")\.[A-Za-z0-9_]+")
    for path in data:
        text = "".join(parse(folder / f"{path.stem}.html").text)
        assert not path_like.search(text), path_like.search(text)
        assert str(path.parent) not in text  # the file is named once in the header, not by its full path


def test_plain_says_item_paths_in_chinese():
    from juesuan.model.items import describe
    from juesuan.render.audit.group import plain

    assert plain("差额 income.total.total 不符") == f"差额 {describe('income.total.total')} 不符"
    assert plain("无路径的句子。") == "无路径的句子。"


def _thumbnailed(folder: Path) -> list[dict]:
    """The finding rows of the Shanghai PDF's HTML report that carry a thumbnail."""
    return [r for r in parse(folder / f"{SHARED_PDF.stem}.html").rows if r["thumbs"]]


def test_docx_for_filing_holds_the_same_findings(reports):
    """Every finding once (a thumbnail sits in a merged row of its own under its finding), the same
    thumbnails as the HTML, the hash in the header."""
    from docx import Document

    folder, data = reports
    for path, report in data.items():
        document = Document(io.BytesIO((folder / f"{path.stem}.docx").read_bytes()))
        rows = [row for table in document.tables[2:] for row in table.rows[1:]]
        pictured = [row for row in rows if row._tr.xpath(".//pic:pic")]
        assert all(len({id(c._tc) for c in row.cells}) == 1 for row in pictured)  # one merged cell
        cells = [row.cells[0].text for row in rows if row not in pictured]
        assert sorted(cells) == sorted(f["severity"] for f in report["findings"])
        assert len(document.inline_shapes) == len(pictured)
        header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
        assert header["文件 SHA-256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(Document(str(folder / f"{SHARED_PDF.stem}.docx")).inline_shapes) == len(_thumbnailed(folder)) > 0


def test_pdf_for_filing_holds_the_same_findings_and_thumbnails(reports):
    """The PDF prints every finding's rule, the HTML's thumbnails as images, each on the page of its finding."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    folder, data = reports
    for path, report in data.items():
        document = pdfium.PdfDocument(str(folder / f"{path.stem}.pdf"))
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        text = "".join(pages).replace("\r", "").replace("\n", "")
        for rule in {f["rule_id"] for f in report["findings"]}:
            assert text.count(rule) >= sum(f["rule_id"] == rule for f in report["findings"]), rule
        assert hashlib.sha256(path.read_bytes()).hexdigest() in text
        images = [len(list(document[i].get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,)))) for i in range(len(document))]
        captions = [re.findall(r"第 (\d+) 页局部", page) for page in pages]
        assert [len(c) for c in captions] == images  # each picture is captioned on its own page
        if path == SHARED_PDF:
            thumbnailed = _thumbnailed(folder)
            assert sum(images) == len(thumbnailed) > 0
            for row in thumbnailed:  # the finding's text and its picture on one page
                page_number = re.search(r"第(\d+)页", row["data-where"]).group(1)
                assert any(page_number in c and row["data-where"][:12] in p.replace("\r\n", "")
                           for c, p in zip(captions, pages)), row["data-where"]
        else:
            assert sum(images) == 0  # a data file has no page to show


def test_thumbnail_shows_the_outlined_cell_under_its_finding(reports):
    """A thumbnail row follows its finding row and holds the red outline page_png draws around the cell."""
    import base64

    from PIL import Image

    folder, _ = reports
    page = (folder / f"{SHARED_PDF.stem}.html").read_text(encoding="utf-8")
    pairs = re.findall(r'<tr class="finding" id="(F\d+)"[^>]*>(?:(?!<tr).)*</tr><tr class="thumb" data-for="(F\d+)">'
                       r'(?:(?!<tr).)*?src="data:image/png;base64,([^"]+)"', page)
    assert pairs and len(pairs) == page.count('<tr class="thumb"')
    for finding_id, target, data in pairs:
        assert finding_id == target
        import numpy as np

        pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")).astype(int)
        red = int(((pixels[..., 0] > 180) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)).sum())
        assert red > 50, finding_id


def test_html_links_its_docx_and_pdf_for_filing(reports):
    folder, data = reports
    index = (folder / "index.html").read_text(encoding="utf-8")
    for path in data:
        page = (folder / f"{path.stem}.html").read_text(encoding="utf-8")
        links = re.search(r"<dt>存档版本</dt><dd>(.*?)</dd>", page).group(1)
        targets = re.findall(r'href="([^"]+)"', links)
        assert targets == [f"{path.stem}.docx", f"{path.stem}.pdf"]
        assert all((folder / t).stat().st_size > 0 for t in targets)
        assert all(f'href="{t}"' in index for t in targets)


def test_index_links_every_report_with_its_counts(reports):
    folder, data = reports
    page = (folder / "index.html").read_text(encoding="utf-8")
    for path, report in data.items():
        row = re.search(rf'<tr><td><a href="{re.escape(path.stem)}.html">.*?</tr>', page)
        assert row, path
        numbers = re.findall(r'<td class="num sev-(\S+?)">(\d+)</td>', row.group(0))
        assert {s: int(n) for s, n in numbers} == report["counts"]
