"""The ``juesuan`` command line. Each command lives in its own module and registers on ``app``.

Only this package knows about the terminal, files on disk and progress bars.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    help="juesuan — 部门决算公开：数据模型、审核、生成与解读 / final-accounts disclosures: model, checks, build, parse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"juesuan {version('juesuan')}")
        except PackageNotFoundError:
            typer.echo("juesuan (not installed)")
        raise typer.Exit(0)


@app.callback()
def _root(show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                            help="显示版本 / show the version"),
          quiet: bool = typer.Option(False, "--quiet", "-q",
                                     help="不显示进度条 / no progress display (it is drawn only on a terminal)")) -> None:
    """juesuan — 部门决算公开：数据模型、审核、生成与解读。退出码：0 无错误；1 发现错误（或拒绝生成）；2 输入无法使用或用法错误。"""
    from .progress import set_quiet

    set_quiet(quiet)


# Command modules register themselves on import (same mechanism for every command).
from . import files  # noqa: E402,F401
from . import check  # noqa: E402,F401
from . import codes  # noqa: E402,F401
from . import parse  # noqa: E402,F401
from . import score  # noqa: E402,F401
from . import build  # noqa: E402,F401
from . import init  # noqa: E402,F401
from . import importer  # noqa: E402,F401
from . import export  # noqa: E402,F401
from . import serve  # noqa: E402,F401
from . import profiles  # noqa: E402,F401


def main() -> None:
    """Entry point: user errors exit with a located message, never a traceback."""
    from ..fileformat import DisclosureFileError

    try:
        app()
    except DisclosureFileError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(2)
