"""Text input: form feeds are page breaks (pdftotext ends every page with one)."""

from pathlib import Path

from juesuan.ingest.pages import load_text


def test_load_text__form_feed_starts_a_page_and_keeps_line_numbers(tmp_path: Path):
    # str.splitlines() splits at \f too: the page break was lost and every row said 第1页
    path = tmp_path / "dump.txt"
    path.write_text("第一页标题\n正文一\f第二页标题\n正文二\n\f第三页\n\f", encoding="utf-8")
    doc = load_text(path)
    rows = [(r.page, r.line, r.text) for r in doc.rows()]
    # line numbers are the file's lines (an editor shows \f inside a line)
    assert rows == [(1, 1, "第一页标题"), (1, 2, "正文一"), (2, 2, "第二页标题"), (2, 3, "正文二"),
                    (3, 4, "第三页")]
    assert len(doc.pages) == 3  # the trailing \f opens no empty page


def test_load_text__crlf_and_cr_are_line_breaks(tmp_path: Path):
    path = tmp_path / "dump.txt"
    path.write_bytes("甲\r\n乙\r丙\f丁".encode("utf-8"))
    assert [(r.page, r.line, r.text) for r in load_text(path).rows()] == [
        (1, 1, "甲"), (1, 2, "乙"), (1, 3, "丙"), (2, 3, "丁")]
