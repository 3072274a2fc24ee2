"""Shared CLI helpers: one console, loading with located errors."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .. import fileformat
from ..model import Disclosure

# soft_wrap: located messages (file:line: field: …) stay on one line for tools and terminals alike.
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def load_or_exit(path: Path) -> Disclosure:
    """Load a disclosure file; print located problems and exit 2 on bad input."""
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

    try:
        return read(path, **options)
    except Exception as exc:  # a reader's own failure: reported as such, the batch continues
        return None, ParseReport(file=str(path), problems=(Problem(file=str(path), message=(
            f"读取时出错 / error while reading: {type(exc).__name__}: {str(exc)[:300]}")),))
