"""Read published disclosures back into data: PDF, DOCX, XLSX, .doc/.xls (LibreOffice), text, scans (OCR).

``read(path) -> (Disclosure | None, ParseReport)`` never raises for bad input: a
file that cannot be read gives ``None`` and a report naming the problem.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Disclosure
from .report import ParseReport, Problem

__all__ = ["DOCUMENT_SUFFIXES", "ParseReport", "Problem", "READ_SUFFIXES", "load", "read"]


def load(path: Path, *, ocr: bool | None = None, progress=None):
    """The positioned text of a file (``pages.Document``); raises ``UnreadableFile``. ``progress``:
    ``ocr.PageProgress``, called as OCR reads each page (the command line draws a bar from it)."""
    from . import pages
    from .pdf import load_pdf, scanned_pages

    kind = pages.sniff(path)
    if kind == "pdf":
        doc = load_pdf(path)
        scanned = scanned_pages(doc)
        if scanned and len(scanned) * 2 > len(doc.pages):
            from .ocr import available, ocr_pdf

            if ocr is False:
                doc.problems.append("扫描件未做 OCR（已关闭）/ scanned PDF, OCR switched off")
            elif available():
                return ocr_pdf(path, progress=progress)
            else:
                doc.problems.append("扫描件需要 OCR：pip install 'juesuan[ocr]' / scanned PDF needs the ocr extra")
        elif scanned:
            _ocr_pictured_pages(doc, path, [n for n in scanned if doc.pages[n - 1].pictured], ocr, progress)
        return doc
    if kind == "docx":
        return pages.load_docx(path)
    if kind == "xlsx":
        return pages.load_xlsx(path)
    if kind == "image":
        from .ocr import ocr_images

        return ocr_images([path], progress=progress)
    if kind == "csv":
        return pages.load_csv(path)
    if kind in ("broken-zip", "zip"):
        raise pages.UnreadableFile(f"{path}: 压缩包损坏或不是 DOCX/XLSX / broken or unknown zip container")
    from .html import load_html, looks_like_html

    if looks_like_html(path):
        return load_html(path)  # also a web page saved as .xls/.doc, as portals often publish
    office = path.suffix.lower()
    from .legacy import is_legacy, load_legacy

    if is_legacy(path):  # Word/Excel 97–2003, whatever the suffix says
        return load_legacy(path)
    if office in OFFICE_SUFFIXES:
        raise pages.UnreadableFile(
            f"{path}: 不是有效的 {office} 文件（不是 zip 压缩包，可能已损坏或扩展名有误）/ not a valid {office} "
            "file (not a zip container: damaged, or a wrong file extension)")
    return pages.load_text(path)


OFFICE_SUFFIXES = (".docx", ".xlsx", ".doc", ".xls", ".docm", ".xlsm", ".wps", ".et")
# What ``read`` takes, by suffix (the command line and the web workspace offer these): published documents;
# .doc/.xls/.wps/.et through LibreOffice (ingest/legacy.py); scans and tables exported as CSV
LEGACY_SUFFIXES = (".doc", ".wps", ".xls", ".et")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".html", ".htm", *LEGACY_SUFFIXES)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
READ_SUFFIXES = (*DOCUMENT_SUFFIXES, ".csv", *IMAGE_SUFFIXES)


def read(path: str | Path, *, ocr: bool | None = None,
         explain: bool = False, progress=None) -> tuple[Disclosure | None, ParseReport]:
    """Parse one file. Never raises for bad input; see ``ParseReport.problems``. ``explain``:
    the report carries each stage's decisions (``report.trace``, ``juesuan parse --explain``)."""
    from .assemble import assemble
    from .pages import UnreadableFile

    path = Path(path)
    try:
        if not path.is_file():
            raise UnreadableFile(f"{path}: 文件不存在 / file not found")
        doc = load(path, ocr=ocr, progress=progress)
        return assemble(doc, explain=explain)
    except UnreadableFile as exc:
        message = str(exc).removeprefix(f"{path}: ").removeprefix(str(path))  # the problem names the file once
        return None, ParseReport(file=str(path), problems=(Problem(file=str(path), message=message),))
    except (MemoryError, RecursionError) as exc:
        return None, ParseReport(file=str(path), problems=(Problem(
            file=str(path), message=f"文件过大或结构异常 / file too large or malformed: {type(exc).__name__}"),))


def _ocr_pictured_pages(doc, path: Path, numbers: list[int], ocr: bool | None, progress=None) -> None:
    """Pages of a text PDF that are pictures (tables pasted as images, a scanned page among
    typed ones): read by OCR in place, or reported when OCR is off or not installed."""
    if not numbers:
        return
    from .ocr import available, ocr_pdf

    where = "、".join(str(n) for n in numbers)
    if ocr is False:
        doc.problems.append(f"第 {where} 页为图片，未做 OCR（已关闭）/ pages {where} are images, OCR switched off")
    elif not available():
        doc.problems.append(f"第 {where} 页为图片，需要 OCR：pip install 'juesuan[ocr]' / pages {where} are images")
    else:
        for page in ocr_pdf(path, pages=numbers, progress=progress).pages:
            doc.pages[page.number - 1] = page
        doc.problems.append(f"第 {where} 页为图片，已用 OCR 读取 / pages {where} are images, read by OCR")
