"""Limits on hostile and damaged input, stated once (docs/limits.md) and checked before the work they protect.

A leaf module (imports nothing of juesuan but ``problems``). Every limit can be changed with an
environment variable ``JUESUAN_LIMIT_<NAME>`` (e.g. ``JUESUAN_LIMIT_FILE_BYTES=500000000``); exceeding
one raises ``LimitError``, a ``FileError`` whose problems name the file and where, so callers report
it as any other bad input (exit 2).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .problems import FileError, FileProblem

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 200 * MB
    """Any input file on disk."""
    unpacked_bytes: int = 32 * MB
    """One zip member (DOCX/XLSX part), decompressed: its XML tree takes several times that in memory
    (a disclosure's document.xml or sheet is 0.1–3 MB)."""
    stream_bytes: int = 128 * MB
    """One PDF stream, decompressed (a 600 dpi colour A4 scan is about 105 MB)."""
    unpacked_total_bytes: int = 512 * MB
    """All members of one DOCX/XLSX together, decompressed."""
    ratio: int = 200
    """Decompressed ÷ compressed size of a zip member (above ``ratio_floor_bytes``). Not applied to PDF
    streams: deflate tops out near 1,030:1, which a blank scanned page legitimately reaches."""
    ratio_floor_bytes: int = 4 * MB
    """Members smaller than this decompressed are not held to ``ratio`` (tiny XML compresses well)."""
    pages: int = 400
    """Pages read from one PDF (the rest reported, not read)."""
    page_items: int = 60_000
    """Text items (characters) on one PDF page; a full dense A4 page has about 5,000."""
    columns: int = 512
    """Columns of one DOCX/XLSX table row (gridSpan included)."""
    sheet_rows: int = 100_000
    """Rows read from one worksheet (the rest reported, not read)."""
    text_bytes: int = 20 * MB
    """A text or CSV dump (a whole disclosure's text is 0.1–0.5 MB); the rest is reported, not read."""
    yaml_bytes: int = 20 * MB
    """A YAML/JSON disclosure file (the worked examples are 0.1–0.3 MB)."""
    yaml_nodes: int = 500_000
    """Nodes of a YAML/JSON document, aliases expanded (the worked examples have 7,000–15,000)."""
    yaml_aliases: int = 1_000
    """Alias uses (``*name``) in a YAML document."""
    yaml_depth: int = 100
    """Nesting of mappings and lists."""
    digits: int = 40
    """Digits of any number (integer and decimal places, as written out in full)."""
    magnitude: int = 15
    """Every number is below 10^magnitude in absolute value (10^15 万元 is far above any budget)."""
    string_chars: int = 1_000_000
    """Characters of one text value."""


def current() -> Limits:
    """The limits in force: defaults, each overridable by ``JUESUAN_LIMIT_<NAME>``."""
    values = {}
    for item in fields(Limits):
        raw = os.environ.get(f"JUESUAN_LIMIT_{item.name.upper()}")
        if raw is not None and raw.strip().isdigit():
            values[item.name] = int(raw)
    return Limits(**values)


class LimitError(FileError):
    """An input exceeds a limit; ``str()`` names the file, where, the limit and its variable."""


def _over(file: str, what: tuple[str, str], value: int, name: str, limit: int, field: str | None = None) -> LimitError:
    """``what`` is (中文, English)."""
    variable = f"JUESUAN_LIMIT_{name.upper()}"
    return LimitError([FileProblem(file=file, field=field, message=(
        f"超出限制：{what[0]} {value} > {limit}（可用环境变量 {variable} 调整）/ "
        f"limit exceeded: {what[1]} {value} > {limit} (set {variable} to change)"))])


def check_file_size(path: Path, limits: Limits | None = None) -> None:
    limits = limits or current()
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise _over(str(path), ("文件大小（字节）", "file size (bytes)"), size, "file_bytes", limits.file_bytes)


def check_zip(path: Path | str, limits: Limits | None = None, data: bytes | None = None) -> None:
    """Every member of a DOCX/XLSX (the file at ``path``, or ``data`` read from it), from its declared
    sizes: zipfile stops reading at the declared size, so a member cannot decompress to more than it says."""
    limits = limits or current()
    with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if info.file_size > limits.unpacked_bytes:
                raise _over(str(path), ("解压后大小（字节）", "unpacked size (bytes)"), info.file_size,
                            "unpacked_bytes", limits.unpacked_bytes, field=info.filename)
            if info.file_size > limits.ratio_floor_bytes:
                ratio = info.file_size // max(info.compress_size, 1)
                if ratio > limits.ratio:
                    raise _over(str(path), ("压缩比", "compression ratio"), ratio, "ratio",
                                limits.ratio, field=info.filename)
        if total > limits.unpacked_total_bytes:
            raise _over(str(path), ("全部成员解压后大小（字节）", "unpacked size of all members (bytes)"), total,
                        "unpacked_total_bytes", limits.unpacked_total_bytes)


_STREAM = re.compile(rb"stream\r?\n")


def check_pdf_streams(path: Path, limits: Limits | None = None) -> None:
    """Inflate every Flate stream of a PDF without keeping it, stopping at the limit: a content stream
    that decompresses to 1 GB is refused before pdfium holds it in memory. Streams that fail to
    inflate are left to pdfium (it reports damaged files itself)."""
    limits = limits or current()
    data = path.read_bytes()
    position = 0
    while True:
        match = _STREAM.search(data, position)
        if match is None:
            return
        start = match.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        position = end + 1 if end > start else start
        head = data[start:start + 2]
        if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] * 256 + head[1]) % 31:  # no zlib header: not Flate
            continue
        out = _inflated_size(data[start:end], limits.stream_bytes + 1)
        if out > limits.stream_bytes:
            raise _over(str(path), (f"第 {start} 字节处的流解压后大小（字节）", f"unpacked size (bytes) of the stream at byte {start}"), out,
                        "stream_bytes", limits.stream_bytes, field=f"stream@{start}")


def _inflated_size(chunk: bytes, stop: int) -> int:
    inflater = zlib.decompressobj()
    total = 0
    try:
        piece = inflater.decompress(chunk, 1 * MB)
        while piece:
            total += len(piece)
            if total >= stop:
                return total
            piece = inflater.decompress(inflater.unconsumed_tail, 1 * MB)
    except zlib.error:
        pass
    return total


_NUMBER = re.compile(r"[+-]?(?:\d[\d_,]*)?(?:\.\d*)?(?:[eE][+-]?\d+)?")


def number_problem(text: str, limits: Limits | None = None) -> str | None:
    """Why a number as written is out of bounds (too many digits, too large), or None.

    Checked on the text, before any ``int()``/``Decimal`` arithmetic: Python refuses integers of more
    than 4,300 digits, and ``1.5e999999999`` would be written out as a billion digits later."""
    limits = limits or current()
    if len(text) <= 15 and "e" not in text and "E" not in text:
        return None  # the common case, fast: at most 15 digits and no exponent
    compact = text.strip()
    if not compact or not any(ch.isdigit() for ch in compact) or not _NUMBER.fullmatch(compact):
        return None
    mantissa, _, exponent = compact.lower().partition("e")
    digits = sum(ch.isdigit() for ch in mantissa)
    if digits > limits.digits or len(exponent) > 12:
        return (f"数字位数过多（{digits} 位，上限 {limits.digits}）/ number has too many digits "
                f"({digits}, limit {limits.digits}; JUESUAN_LIMIT_DIGITS)")
    try:
        value = Decimal(compact.replace("_", "").replace(",", ""))
    except InvalidOperation:
        return None
    return decimal_problem(value, limits)


def decimal_problem(value: Decimal | int, limits: Limits | None = None) -> str | None:
    """Why a number is out of bounds (|x| ≥ 10^magnitude, or more than ``digits`` digits written out)."""
    limits = limits or current()
    if isinstance(value, int):
        if abs(value) >= 10 ** limits.magnitude:
            return _too_large(limits)
        return None
    if not value.is_finite() or value == 0:
        return None
    if value.adjusted() >= limits.magnitude:
        return _too_large(limits)
    sign, digits, exponent = value.as_tuple()
    written = len(digits) + max(exponent, 0) if exponent >= 0 else max(len(digits), -exponent)
    if written > limits.digits:
        return (f"数字位数过多（写出为 {written} 位，上限 {limits.digits}）/ number has too many digits "
                f"({written} written out, limit {limits.digits}; JUESUAN_LIMIT_DIGITS)")
    return None


def _too_large(limits: Limits) -> str:
    return (f"数值超出范围（绝对值应小于 10^{limits.magnitude}）/ number out of range "
            f"(absolute value must be below 10^{limits.magnitude}; JUESUAN_LIMIT_MAGNITUDE)")
