"""Shared CLI helpers: one console, loading with located errors."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .. import fileformat
from ..ingest import DOCUMENT_SUFFIXES
from ..ingest import LEGACY_SUFFIXES as CONVERTED_SUFFIXES  # read through LibreOffice where it is installed
from ..model import Disclosure

# soft_wrap: located messages (file:line: field: …) stay on one line for tools and terminals alike.
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


LEGACY_SUFFIXES = {".doc": "DOCX", ".wps": "DOCX", ".xls": "XLSX", ".et": "XLSX", ".dps": "PDF", ".ppt": "PDF"}
INPUT_SUFFIXES = (".yaml", ".yml", ".json", *DOCUMENT_SUFFIXES)


def check_profile(profile: str | None) -> None:
    """An unknown ``--profile`` is a usage error (exit 2) that lists the known ones."""
    if profile is None:
        return
    from ..reference.profiles import list_profiles

    known = list_profiles()
    if profile not in known:
        err_console.print(f"[red]错误 / error[/red] 未知模板 / unknown profile {profile!r}；可选 / known: "
                          f"{', '.join(known)}", markup=True, highlight=False)
        raise typer.Exit(2)


def usable_file(path: Path) -> None:
    """Exit 2 with a bilingual message for what no command can read: a missing file, a folder where
    one file is needed, an old binary office format (WPS/Office 97–2003) to save in a current one when
    LibreOffice, which converts .doc/.xls, is not installed."""
    if path.is_dir():
        err_console.print(f"[red]错误 / error[/red] {path}: 是文件夹，此命令需要一个文件（check、parse、export 可接受文件夹）"
                          f" / is a folder; this command needs one file", markup=True, highlight=False)
        raise typer.Exit(2)
    if not path.exists():
        err_console.print(f"[red]错误 / error[/red] {path}: 找不到文件 / no such file", markup=True, highlight=False)
        raise typer.Exit(2)
    suffix = path.suffix.lower()
    from ..ingest.legacy import soffice

    if suffix in LEGACY_SUFFIXES and (suffix not in CONVERTED_SUFFIXES or soffice() is None):
        err_console.print(f"[red]错误 / error[/red] {path}: {suffix} 是旧的二进制格式，请在 WPS/Office 中另存为 "
                          f".{LEGACY_SUFFIXES[suffix].lower()} 或 PDF 后再读取 / old binary format: save it as "
                          f"{LEGACY_SUFFIXES[suffix]} or PDF first", markup=True, highlight=False)
        raise typer.Exit(2)


def load_or_exit(path: Path) -> Disclosure:
    """Any input a command is given: a disclosure file (YAML/JSON) is loaded, a published document
    (PDF, DOCX, XLSX, text, web page) is read first; bad input prints located problems and exits 2."""
    usable_file(path)
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        disclosure, report = read_document(path)
        for problem in getattr(report, "problems", ()):
            err_console.print(f"读取 / reading: {problem}", highlight=False, markup=False)
        if disclosure is None:
            err_console.print(f"[red]错误 / error[/red] {path}: 无法读出决算公开内容 / no disclosure read",
                              markup=True, highlight=False)
            exit_ = typer.Exit(2)
            exit_.why = getattr(report, "why", None)
            raise exit_
        return disclosure
    try:
        return fileformat.load(path)
    except fileformat.DisclosureFileError as exc:
        for problem in exc.problems:
            err_console.print(f"[red]错误 / error[/red] {problem}", markup=True, highlight=False)
        raise typer.Exit(2) from None


_GLOB = set("*?[")


def expand_paths(paths: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Folders give their files with ``suffixes`` (recursively, sorted, hidden ones skipped); a pattern
    (``'data/*.pdf'``, quoted so the shell leaves it) gives its matches; other paths stay as given, so
    a missing file is still reported by the reader. A folder or pattern with no file exits 2."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif not path.exists() and _GLOB & set(str(path)):
            anchor = Path(path.anchor) if path.is_absolute() else Path(".")
            found = sorted(p for p in anchor.glob(str(path.relative_to(anchor) if path.is_absolute() else path))
                           if p.is_file())
        else:
            out.append(path)
            continue
        if not found:
            err_console.print(f"[red]错误 / error[/red] {path}: 没有可读取的文件（{' '.join(suffixes)}）/ "
                              f"no file to read", markup=True, highlight=False)
            raise typer.Exit(2)
        out += found
    return out


def read_document(path: Path, **options):
    """``juesuan.ingest.read`` for the command line: whatever goes wrong inside a reader is one located
    problem for this file (never a traceback), so a batch goes on with the next file."""
    from ..ingest import ParseReport, Problem, read
    from .progress import step

    try:
        with step(f"读取 / reading {path.name}") as pages:  # a page bar with ETA while OCR reads a scan
            return read(path, progress=pages, **options)
    except Exception as exc:  # a reader's own failure: reported as such, the batch continues
        return None, ParseReport(file=str(path), problems=(Problem(file=str(path), message=(
            f"读取时出错 / error while reading: {type(exc).__name__}: {str(exc)[:300]}")),))


def needs_extra(extra: str, what: str) -> None:
    """Exit 2 saying which optional extra to install (``[`` escaped: rich would eat ``[web]``)."""
    err_console.print(f"错误 / error: {what}需要可选依赖 / needs the {extra} extra: pip install 'juesuan\\[{extra}]'",
                      highlight=False)
    raise typer.Exit(2)
