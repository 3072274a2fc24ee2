"""``juesuan export`` (open data: CSV/JSON/Parquet/Data Package) and ``juesuan query`` (DuckDB)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..ingest import DOCUMENT_SUFFIXES
from . import app
from .common import console, err_console, needs_extra

INPUT_SUFFIXES = (".yaml", ".yml", ".json", *DOCUMENT_SUFFIXES)


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    parquet = "parquet"
    datapackage = "datapackage"


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the disclosure files directly inside it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        else:
            out.append(path)
    return out


@app.command()
def export(
    files: list[Path] = typer.Argument(..., help="披露文件 YAML/JSON 或公开文档 PDF/DOCX/XLSX/TXT，或文件夹"),
    format: ExportFormat = typer.Option(ExportFormat.datapackage, "--format", help="csv|json|parquet|datapackage"),
    output: Path = typer.Option(..., "-o", "--output", help="输出文件夹 / output folder"),
    findings: bool = typer.Option(True, "--findings/--no-findings", help="同时运行审核并导出审核发现"),
    licence: str = typer.Option("other-pd", "--licence", help="数据包的许可标识（默认按原公开文件条件）"),
) -> None:
    """导出开放数据：每个单元格、每个说明数字、每个绩效指标、每条审核发现各一行（长表）。"""
    from ..checks import check as run_check
    from ..export import Corpus
    from ..export.write import write
    from .check import _load

    corpus, sources, skipped = Corpus(), [], []
    for path in _expand(files):
        try:
            disclosure = _load(path)
        except typer.Exit:
            skipped.append(path)
            continue
        report = run_check(disclosure) if findings else None
        corpus.add(disclosure, report, source=path.name)
        sources.append(path.name)
    if not sources:
        err_console.print("错误 / error: 没有可导出的文件 / nothing to export", highlight=False)
        raise typer.Exit(2)
    try:
        written = write(corpus.rows, output, format.value, sources=sources, licence=licence)
    except ImportError:
        needs_extra("data", "Parquet 与查询")
    counts = "，".join(f"{name} {len(rows)}" for name, rows in corpus.rows.items())
    console.print(f"已导出 / exported {len(sources)} 个文件：{counts} → {output}（{len(written)} 个文件）", highlight=False)
    for path in skipped:
        err_console.print(f"已跳过 / skipped: {path}", highlight=False)
    raise typer.Exit(2 if skipped else 0)


@app.command()
def query(
    sql: str = typer.Argument(None, help="SQL，表名 cells / claims / indicators / facts / findings"),
    data: Path = typer.Option(..., "--data", help="juesuan export 的输出文件夹（Parquet 或 CSV）"),
    report: str = typer.Option(None, "--report", help="命名报表：three_public|operating_costs|basic_project_shares|"
                                                      "budget_variance|findings_by_family"),
    csv_out: Path = typer.Option(None, "--csv", help="结果写入 CSV（UTF-8 带 BOM，Excel 可直接打开）"),
) -> None:
    """用 DuckDB 查询导出的开放数据；或运行命名报表（--report）。"""
    from rich.table import Table

    from ..export.query import REPORTS, QueryError, report as run_report, run

    if not sql and not report:
        err_console.print("错误 / error: 请给出 SQL 或 --report（可选：" + "、".join(REPORTS) + "）", highlight=False)
        raise typer.Exit(2)
    try:
        columns, rows = run_report(data, report) if report else run(data, sql)
    except ImportError:
        needs_extra("data", "Parquet 与查询")
    except QueryError as exc:
        err_console.print(f"错误 / error: {exc}", highlight=False)
        raise typer.Exit(2) from None
    if csv_out:
        import csv

        with csv_out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
        console.print(f"已写入 / written: {csv_out}（{len(rows)} 行）", highlight=False)
        return
    table = Table(title=REPORTS[report][0] if report else None)
    for column in columns:
        table.add_column(str(column))
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
