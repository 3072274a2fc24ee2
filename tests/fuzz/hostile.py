"""The hostile inputs of issue 12, built from our own corpus (tests/fuzz/corpus) or written from scratch
(a minimal PDF): one function per failure the campaign found, used by the regression tests and by
bench/fuzz.py. Sizes are parameters so that the tests can stay small (with the limits lowered
through ``JUESUAN_LIMIT_*``) while the campaign uses the sizes that were reported.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
DOCX = CORPUS / "urumqi-short.docx"
XLSX = CORPUS / "urumqi-5s.xlsx"
PDF = CORPUS / "urumqi-6p.pdf"
TEXT = CORPUS / "urumqi.txt"
EXAMPLES = Path(__file__).parent.parent.parent / "examples"
YAML = EXAMPLES / "shanghai-putuo-czj-2024.yaml"


# --- zip containers (DOCX / XLSX) ---------------------------------------------------------------

def members(path: Path) -> dict[str, bytes]:
    return members_of(path.read_bytes())


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(parts: dict[str, bytes], big: dict[str, int] | None = None) -> bytes:
    """A zip of ``parts``; ``big`` adds members of N bytes of 'a' written in chunks (a bomb that is
    never held in memory here)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name not in (big or {}):
                archive.writestr(name, data)
        for name, size in (big or {}).items():
            with archive.open(name, "w", force_zip64=True) as handle:
                chunk = b"a" * (1 << 20)
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
                handle.write(b"a" * (size % len(chunk)))
    return out.getvalue()


def _first(pattern: bytes, data: bytes) -> re.Match:
    match = re.search(pattern, data)
    assert match, pattern
    return match


def docx_first_row_vertical_merge(path: Path = DOCX) -> bytes:
    """``<w:vMerge/>`` (continue) on the first cell of the first table row: nothing above to continue."""
    parts = members(path)
    xml = parts["word/document.xml"]
    tc = _first(rb"<w:tbl>.*?<w:tr[ >].*?<w:tc>(<w:tcPr>)?", xml)
    insert = b"<w:vMerge/>" if tc.group(1) else b"<w:tcPr><w:vMerge/></w:tcPr>"
    parts["word/document.xml"] = xml[:tc.end()] + insert + xml[tc.end():]
    return rezip(parts)


def docx_grid_span(value: str, path: Path = DOCX) -> bytes:
    """The first cell of the first table spans ``value`` columns ('x', '100000')."""
    parts = members(path)
    xml = parts["word/document.xml"]
    tc = _first(rb"<w:tbl>.*?<w:tr[ >].*?<w:tc>(<w:tcPr>)?", xml)
    span = b'<w:gridSpan w:val="' + value.encode() + b'"/>'
    insert = span if tc.group(1) else b"<w:tcPr>" + span + b"</w:tcPr>"
    parts["word/document.xml"] = xml[:tc.end()] + insert + xml[tc.end():]
    return rezip(parts)


def docx_main_part_not_a_document(path: Path = DOCX) -> bytes:
    """word/document.xml holds the styles part: the main part is no document."""
    parts = members(path)
    parts["word/document.xml"] = parts["word/styles.xml"]
    return rezip(parts)


@cache
def zip_bomb(data: bytes, member: str, size: int) -> bytes:
    """The zip ``data`` with ``member`` replaced by ``size`` bytes that compress about 1,000:1."""
    return rezip(members_of(data), big={member: size})


@cache
def docx_part_bomb(size: int, path: Path = DOCX) -> bytes:
    """A part of ``size`` bytes that compresses about 1,000:1."""
    return rezip(members(path), big={"word/media/bomb.xml": size})


def xlsx_malformed_sheet(path: Path = XLSX) -> bytes:
    parts = members(path)
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name][: len(parts[name]) // 2]
    return rezip(parts)


def xlsx_bad_numeric_cell(path: Path = XLSX) -> bytes:
    """A numeric cell (no ``t=``) whose value is no number."""
    parts = members(path)
    name = "xl/worksheets/sheet1.xml"
    cell = _first(rb'<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="n")?><v>[^<]+</v>', parts[name])
    bad = re.sub(rb"<v>[^<]+</v>", b"<v>12,3x</v>", cell.group())
    parts[name] = parts[name].replace(cell.group(), bad, 1)
    return rezip(parts)


def xlsx_far_column(rows: int = 1, path: Path = XLSX) -> bytes:
    """A cell in the last column (XFD, 16,384) of the first ``rows`` rows of the first sheet."""
    parts = members(path)
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name]
    for row in range(1, rows + 1):
        xml = re.sub(rb'(<row r="%d"[^>]*>.*?)(</row>)' % row,
                     lambda m: m.group(1) + b'<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c>' % row + m.group(2),
                     xml, count=1, flags=re.S)
    parts[name] = xml
    return rezip(parts)


def xlsx_row_number(number: bytes, path: Path = XLSX) -> bytes:
    """The fifth row of the first sheet renumbered (fuzz campaign 2026-12-06: r="1e15" hung openpyxl,
    which creates every missing row up to the highest number)."""
    parts = members(path)
    name = "xl/worksheets/sheet1.xml"
    parts[name] = re.sub(rb'<row r="5"', b'<row r="' + number + b'"', parts[name], count=1)
    return rezip(parts)


def xlsx_swapped_parts(path: Path = XLSX) -> bytes:
    parts = members(path)
    a, b = "xl/workbook.xml", "xl/worksheets/sheet1.xml"
    parts[a], parts[b] = parts[b], parts[a]
    return rezip(parts)


@cache
def xlsx_shared_string(size: int, path: Path = XLSX) -> bytes:
    """sharedStrings.xml whose first string is ``size`` characters long, shown in the first sheet's A1."""
    parts = members(path)
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<c r="A1"[^>]*>.*?</c>', b'<c r="A1" t="s"><v>0</v></c>', parts[sheet], count=1)
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    xml = parts.get("xl/sharedStrings.xml", head + b' count="0" uniqueCount="0"></sst>')
    start = xml.index(b"<si>") if b"<si>" in xml else xml.index(b"</sst>")
    if parts.pop("xl/sharedStrings.xml", None) is None:  # declare it, or openpyxl never reads it
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    # written in pieces so that the bomb is streamed, not built in memory
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            handle.write(xml[:start] + b"<si><t>")
            chunk = b"a" * (1 << 20)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(b"a" * (size % len(chunk)) + b"</t></si>" + xml[start:])
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------------

def pdf_document(content: bytes, compress: bool = False) -> bytes:
    """A one-page PDF with one content stream and Helvetica (written out, xref and all)."""
    if compress:
        stream = zlib.compress(content, 9)
        head = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
    else:
        stream, head = content, b"<< /Length %d >>" % len(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        head + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@cache
def pdf_text_items(count: int) -> bytes:
    """One page with ``count`` one-letter text items."""
    body = b"".join(b"(%c) Tj " % (65 + i % 26) for i in range(count))
    return pdf_document(b"BT /F1 2 Tf 10 800 Td " + body + b"ET", compress=True)


@cache
def pdf_stream_bomb(size: int) -> bytes:
    """A content stream that inflates to ``size`` bytes of spaces (compressed in pieces)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    pieces = [compressor.compress(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET ")]
    for _ in range(size // len(chunk)):
        pieces.append(compressor.compress(chunk))
    pieces.append(compressor.compress(b" " * (size % len(chunk))) + compressor.flush())
    stream = b"".join(pieces)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


# --- YAML / JSON ---------------------------------------------------------------------------------

def yaml_billion_laughs(levels: int = 9) -> str:
    text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, levels):
        text += f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]\n"
    return text + YAML.read_text(encoding="utf-8")
