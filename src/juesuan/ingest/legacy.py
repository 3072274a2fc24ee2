"""Word 97–2003 (.doc) and Excel 97–2003 (.xls) files, as many portals still publish 决算公开: converted
to DOCX/XLSX by LibreOffice when it is installed, then read like those. Without LibreOffice the file is
refused with a message that says how to read it; the conversion never runs in-process (a separate
``soffice --headless`` with its own throwaway profile, under a time limit)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .pages import Document, UnreadableFile, load_docx, load_xlsx

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of Word/Excel 97–2003
SPREADSHEETS = (".xls", ".xlsm", ".et")
TIMEOUT_S = 180


def is_legacy(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(8) == OLE2


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def load_legacy(path: Path) -> Document:
    """The converted file's document, named as the original (its locations name the file given)."""
    program = soffice()
    old = "旧版 Word/Excel 二进制格式 / old binary Word/Excel format"
    if program is None:
        raise UnreadableFile(f"{path}: {old}：请安装 LibreOffice 或另存为 .docx/.xlsx 后再读 / "
                             "install LibreOffice to read it, or save it as .docx/.xlsx first")
    sheet = path.suffix.lower() in SPREADSHEETS
    target = "xlsx" if sheet else "docx"
    with tempfile.TemporaryDirectory(prefix="juesuan-legacy-") as tmp:
        source = Path(tmp) / f"source{path.suffix.lower() or ('.xls' if sheet else '.doc')}"
        shutil.copyfile(path, source)  # a name LibreOffice can take whatever the original's characters
        try:
            done = subprocess.run([program, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                                   "--convert-to", target, "--outdir", tmp, str(source)],
                                  capture_output=True, timeout=TIMEOUT_S, check=False)
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise UnreadableFile(f"{path}: {old}，LibreOffice 转换失败 / LibreOffice could not convert it: "
                                 f"{type(exc).__name__}") from None
        converted = Path(tmp) / f"source.{target}"
        if done.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
            why = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise UnreadableFile(f"{path}: {old}，LibreOffice 无法转换（文件可能已损坏）/ LibreOffice could not "
                                 f"convert it (the file may be damaged) {why[0][:200]}".rstrip())
        doc = load_xlsx(converted) if sheet else load_docx(converted)
    texts = [row.text for row in doc.rows() if row.text.strip()]
    # a broken file comes out empty, or as its own bytes taken for text (the header "ÐÏ\x11à…")
    if not texts or OLE2.decode("latin-1")[:2] in texts[0]:
        raise UnreadableFile(f"{path}: {old}，LibreOffice 转换后没有内容（文件可能已损坏）/ LibreOffice could not "
                             "convert it: nothing came out (the file may be damaged)")
    doc.path = str(path)
    doc.problems.append(f"旧版格式，已由 LibreOffice 转为 .{target} 读取 / old binary format, read after "
                        f"LibreOffice converted it to .{target}")
    return doc
