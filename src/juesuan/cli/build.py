"""``juesuan build``: disclosure files → DOCX, XLSX, PDF and HTML documents.

Loads each file (``juesuan.fileformat``), composes its document
(``juesuan.narrative.compose``) and renders every requested format through the renderer
registry; several files show a progress display. A file that fails does not stop the others.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import fileformat
from . import app
from .common import console, err_console

DEFAULT_FORMATS = "docx,xlsx,pdf,html"


def _formats(text: str) -> list[str]:
    from ..render import formats, load_plugins

    load_plugins()
    wanted = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in formats()]
    if unknown or not wanted:
        err_console.print(f"[red]错误 / error[/red] 未知输出格式 / unknown format(s): {', '.join(unknown) or text}"
                          f"（可用 / available: {', '.join(formats())}）")
        raise typer.Exit(2)
    return list(dict.fromkeys(wanted))


@app.command()
def build(
    files: list[Path] = typer.Argument(..., help="披露文件 YAML/JSON / disclosure files", exists=True,
                                       dir_okay=False),
    output: Path = typer.Option(Path("build"), "-o", "--output", help="输出目录 / output folder"),
    formats: str = typer.Option(DEFAULT_FORMATS, "-f", "--formats",
                                help="输出格式，逗号分隔 / formats, comma-separated"),
    profile: str = typer.Option(None, "--profile", help="模板配置 / template profile (default: the file's)"),
) -> None:
    """生成公开文档 / build the disclosure documents (DOCX, XLSX, PDF, HTML)."""
    from ..narrative import compose
    from ..render.package import render_package
    from ..render.registry import prepare

    wanted = _formats(formats)
    prepare(wanted)  # e.g. the PDF renderer reads its fonts while the first file loads
    output.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str, Path, float]] = []
    failures = 0
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=len(files) * len(wanted) < 2) as bar:
        task = bar.add_task("生成 / building", total=len(files) * len(wanted))
        for file in files:
            bar.update(task, description=f"{file.name}：读取 / loading")
            try:
                disclosure = fileformat.load(file)
                if profile:  # narrative and table layout both follow the chosen profile
                    meta = disclosure.meta.model_copy(update={"profile": profile})
                    disclosure = disclosure.model_copy(update={"meta": meta})
                document = compose(disclosure)
            except fileformat.DisclosureFileError as exc:
                failures += 1
                for problem in exc.problems:
                    err_console.print(f"[red]错误 / error[/red] {problem}", highlight=False)
                bar.advance(task, len(wanted))
                continue
            bar.update(task, description=f"{file.name}：{', '.join(wanted)}")
            done = {}
            for outcome in render_package(wanted, disclosure, document, output / file.stem):
                if outcome.error is not None:
                    failures += 1
                    err_console.print(f"[red]错误 / error[/red] {file}: {outcome.name}: {outcome.error}",
                                      highlight=False)
                else:
                    done[outcome.name] = (file, outcome.name, outcome.path, outcome.seconds)
                bar.advance(task)
            written += [done[name] for name in wanted if name in done]  # in the order asked for
    _report(written)
    if failures:
        raise typer.Exit(1)


def _report(written: list[tuple[Path, str, Path, float]]) -> None:
    table = Table(title="已生成 / written", show_lines=False)
    for heading in ("文件 / file", "格式 / format", "输出 / output", "大小 / size", "用时 / time"):
        table.add_column(heading, justify="right" if heading.startswith(("大小", "用时")) else "left")
    for file, name, path, seconds in written:
        size = path.stat().st_size
        table.add_row(file.name, name, str(path), f"{size / 1024:,.0f} KiB", f"{seconds:.2f} s")
    console.print(table)
