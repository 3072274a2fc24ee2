"""``juesuan parse``: read published disclosures (PDF/DOCX/XLSX/text/scans) into YAML."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress

from .. import fileformat
from ..ingest import READ_SUFFIXES
from . import app
from .common import console, err_console, expand_paths, read_document
from .progress import quiet

PARSE_SUFFIXES = READ_SUFFIXES


def _target(output: Path | None, source: Path, many: bool) -> Path | None:
    if output is None:
        return None
    if many or output.is_dir() or output.suffix == "":
        output.mkdir(parents=True, exist_ok=True)
        return output / (source.stem + ".yaml")
    return output


@app.command()
def parse(
    files: list[Path] = typer.Argument(..., help="决算公开文件 PDF/DOCX/XLSX/TXT / published files"),
    output: Path = typer.Option(None, "-o", "--output", help="out.yaml 或目录 / YAML file or directory"),
    report: bool = typer.Option(False, "--report", help="打印解析报告 / print the parse report"),
    no_ocr: bool = typer.Option(False, "--no-ocr", help="不对扫描件做 OCR / skip OCR of scans"),
    explain: bool = typer.Option(False, "--explain", help="显示每一步的判断：表在哪里、凭什么找到、栏目、每行放置、"
                                 "覆盖率、说明中的数字 / show each stage's decisions"),
    as_json: bool = typer.Option(False, "--json", help="与 --explain 同用：以 JSON 输出 / with --explain: as JSON"),
    explain_json: Path = typer.Option(None, "--explain-json", help="把每一步的判断写成 JSON 文件 / write the "
                                      "decisions as JSON to this file"),
) -> None:
    """把已公开的决算文件读回数据 / read published disclosures back into data.

    --explain 把判断打印到标准输出（此时不给 -o 就不输出 YAML）/ prints the decisions on stdout (the YAML
    then only goes to -o)."""
    if as_json and not explain:
        err_console.print("错误 / error: --json 须与 --explain 同用 / --json goes with --explain", highlight=False)
        raise typer.Exit(2)
    from rich.text import Text

    from ..ingest.explain import dumps_json, lines

    files = expand_paths(files, PARSE_SUFFIXES)
    many = len(files) > 1
    failures = 0
    traced = []
    said = err_console if as_json else console  # stdout holds nothing but the JSON
    with Progress(console=err_console, transient=True, disable=not many or quiet()) as progress:
        task = progress.add_task("解析 / parsing", total=len(files))
        for source in files:
            disclosure, result = read_document(source, ocr=False if no_ocr else None,
                                               explain=explain or explain_json is not None)
            progress.advance(task)
            traced.append(result)
            if explain and not as_json:
                for line in lines(result):
                    console.print(Text.assemble(*line), soft_wrap=True)
            empty = not result.tables_found and not result.claims
            if report or disclosure is None or empty:
                err_console.print(result.summary(), markup=False, highlight=False, soft_wrap=True)
            if empty:  # less than a disclosure: said here, and the exit status says it too
                err_console.print(f"错误 / error: {source}: 未读出任何表格或说明中的数字 / no tables and no claims "
                                  "recovered", highlight=False)
            if empty or disclosure is None:
                failures += 1
            if disclosure is None:
                continue
            target = _target(output, source, many)
            if target is None:
                if not explain:
                    typer.echo(fileformat.dumps_yaml(disclosure))
            else:
                fileformat.dump(disclosure, target)
                said.print(f"已写入 / written: {target} ({result.cells} cells, {result.claims} claims)")
    if explain and as_json:
        typer.echo(dumps_json(traced))
    if explain_json is not None:
        try:
            explain_json.write_text(dumps_json(traced) + "\n", encoding="utf-8")
        except OSError as exc:
            err_console.print(f"错误 / error: {explain_json}: 无法写入 / cannot write: {exc.strerror}", highlight=False)
            raise typer.Exit(2)
        said.print(f"已写入 / written: {explain_json} (解析说明 / decisions)")
    if failures:
        raise typer.Exit(2)
