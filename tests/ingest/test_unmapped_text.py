"""A text layer of private-use characters (a font embedded without its Unicode map) is as
good as no text layer: the page goes to OCR instead of being read as gibberish."""

from __future__ import annotations

from pathlib import Path

from juesuan.ingest.pdf import load_pdf, scanned_pages


def _pdf(tmp_path: Path, body: str) -> Path:
    import typst

    from juesuan.render.pdf import _ENGINE

    source = tmp_path / "p.typ"
    source.write_text('#set text(font: "Noto Serif CJK SC")\n' + body, encoding="utf-8")
    path = tmp_path / "p.pdf"
    path.write_bytes(typst.compile(str(source), font_paths=_ENGINE.get()[0]))
    return path


def test_scanned_pages__a_page_of_private_use_characters_needs_ocr(tmp_path):
    pua = "#for i in range(30) [ #str.from-unicode(0xE000 + i)#str.from-unicode(0xE100 + i)收入 \\ ]"
    assert scanned_pages(load_pdf(_pdf(tmp_path, pua))) == [1]


def test_scanned_pages__a_few_symbols_in_the_private_use_area_do_not(tmp_path):
    text = "#for i in range(30) [ #str.from-unicode(0xE000 + i)一般公共预算财政拨款收入 \\ ]"
    assert scanned_pages(load_pdf(_pdf(tmp_path, text))) == []
