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
