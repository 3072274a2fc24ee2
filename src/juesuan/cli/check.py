"""``juesuan check`` and ``juesuan rules``: run 审核 and list the rule catalogue."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from . import app
from .common import DOCUMENT_SUFFIXES, check_profile, console, err_console, expand_paths, load_or_exit, read_document
from .progress import files as file_progress
from .progress import step

CHECK_SUFFIXES = (".yaml", ".yml", ".json", *DOCUMENT_SUFFIXES)


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class Severity(str, Enum):
    error = "错误"
    warning = "警告"
    info = "提示"


SEVERITY_WORDS = {"错误": "错误", "error": "错误", "errors": "错误", "警告": "警告", "warning": "警告",
                  "warnings": "警告", "warn": "警告", "提示": "提示", "info": "提示", "notice": "提示", "hint": "提示"}


def severity_option(text: str) -> Severity:
    """``--min-severity`` in Chinese or English (错误/error, 警告/warning, 提示/info)."""
    value = SEVERITY_WORDS.get(text.strip().lower())
    if value is None:
        err_console.print(f"[red]错误 / error[/red] --min-severity {text!r}: 应为 错误|警告|提示 或 error|warning|info",
                          markup=True, highlight=False)
        raise typer.Exit(2)
    return Severity(value)


def same_department(a: str, b: str) -> bool:
    """The same body however the title prints it: spaces, （本级）, a bracketed second name."""
    import re

    def core(name: str) -> str:
        return re.sub(r"（[^（）]*）|\([^()]*\)|\s+", "", name or "")

    x, y = core(a), core(b)
    return bool(x and y) and (x in y or y in x)


def same_department_previous_year(disclosure, previous, prev_path) -> None:
    """``--prev`` must be the same department's disclosure of the year before (exit 2 otherwise)."""
    if previous is None:
        return
    problems = []
    if not same_department(disclosure.meta.department, previous.meta.department):
        problems.append(f"部门不同（本年“{disclosure.meta.department}”，上年文件“{previous.meta.department}”）")
    if previous.meta.year != disclosure.meta.year - 1:
        problems.append(f"年度不是上一年（本年 {disclosure.meta.year}，上年文件 {previous.meta.year}）")
    if problems:
        err_console.print(f"[red]错误 / error[/red] --prev {prev_path}: {'；'.join(problems)} / --prev must be the same "
                          "department's previous year", markup=True, highlight=False)
        raise typer.Exit(2)


def _load(path: Path):
    """A disclosure file (.yaml/.json) directly; a published document through ``juesuan.ingest``."""
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        return load_or_exit(path)
    try:
        from ..ingest import read  # lazily: reading documents is optional for 审核
    except ImportError:
        err_console.print(f"错误 / error: 读取 {path.suffix} 文档需要 juesuan.ingest，当前版本尚未提供；"
                          "请先转换为 YAML/JSON 披露文件", highlight=False)
        raise typer.Exit(2) from None
    disclosure, parse_report = read_document(path)  # (Disclosure | None, ParseReport); never raises
    for problem in getattr(parse_report, "problems", ()):
        err_console.print(f"读取 / reading: {problem}", highlight=False, markup=False)
    if disclosure is None:
        err_console.print(f"错误 / error: 无法从 {path} 读出决算公开内容 / no disclosure read", highlight=False)
        exit_ = typer.Exit(2)
        exit_.why = parse_report.why  # the batch summary says why the file was skipped
        raise exit_
    return disclosure


def _report_text(report, format: "Format", min_severity: "Severity") -> str:
    from ..checks.report import FORMATS

    return FORMATS[format.value](report.at_least(min_severity.value))


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="披露文件 YAML/JSON，或公开文档 PDF/DOCX/XLSX/TXT（可多个）"),
    prev: Path = typer.Option(None, "--prev", help="上年决算公开文件（跨年核对）"),
    format: Format = typer.Option(Format.text, "--format", help="输出格式 text|json|html"),
    min_severity: str = typer.Option("提示", "--min-severity",
                                     help="只显示此级别及以上：错误|警告|提示（或 error|warning|info）"),
    profile: str = typer.Option(None, "--profile", help="模板（默认取文件中的 meta.profile）"),
    output: Path = typer.Option(None, "-o", "--output", help="写入文件（多个文件时为目录）"),
    summary: Path = typer.Option(None, "--summary",
                                 help="汇总表 CSV：每个文件一行（部门、年度、各级别条数、错误规则）/ one row per file"),
    html_dir: Path = typer.Option(None, "--html", help="审核报告目录：每个文件一份 HTML、DOCX、PDF 和 index.html / audit reports"),
) -> None:
    """审核部门决算公开：表内、表间、说明↔表、完整性、编码、跨年、绩效。有错误时退出码为 1。"""
    from ..checks import check as run_check

    min_severity = severity_option(min_severity)
    check_profile(profile)
    files = expand_paths(files, CHECK_SUFFIXES)
    previous = _load(prev) if prev else None
    if html_dir is not None:  # the reviewer's reports (cli/audit.py), instead of text on the terminal
        from .audit import write_html_reports
        raise typer.Exit(write_html_reports(files, previous, profile, html_dir, _load))
    if len(files) == 1 and summary is None:
        disclosure = _load(files[0])
        same_department_previous_year(disclosure, previous, prev)
        with step("审核 / checking"):
            report = run_check(disclosure, prev=previous, profile=profile)
        text = _report_text(report, format, min_severity)
        if output:
            output.write_text(text, encoding="utf-8")
            console.print(f"已写入 / written: {output}", highlight=False)
        else:
            typer.echo(text, nl=False)
        raise typer.Exit(1 if report.has_errors else 0)
    _check_many(files, previous, format, min_severity, profile, output, summary)


SUMMARY_COLUMNS = ("文件 file", "部门 department", "年度 year", "错误", "警告", "提示", "错误规则 error rules",
                   "状态 status")


def _summary_row(path: Path, report=None, why: str | None = None) -> list[str]:
    if report is None:
        return [str(path), "", "", "", "", "", "", "无法读取 / unreadable" + (f": {why}" if why else "")]
    counts = report.counts
    errors = sorted({f.rule_id for f in report.findings if f.severity == "错误"})
    return [str(path), report.department or "", str(report.year or ""),
            *(str(counts.get(s, 0)) for s in ("错误", "警告", "提示")), ";".join(errors), "ok"]


def _write_summary(path: Path, rows: list[list[str]]) -> None:
    """CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese as written."""
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SUMMARY_COLUMNS)
        writer.writerows(rows)
    console.print(f"汇总表已写入 / summary written: {path}", highlight=False)


def _check_many(files, previous, format, min_severity, profile, output, summary_csv=None) -> None:
    """Corpus audit: a progress bar, one report per file, and a summary table; a bad file never stops the run."""
    from rich.table import Table

    from ..checks import check as run_check

    if output:
        output.mkdir(parents=True, exist_ok=True)
    summary = Table(title="审核汇总 / summary")
    for column in ("文件", "错误", "警告", "提示"):
        summary.add_column(column, justify="left" if column == "文件" else "right")
    any_errors = False
    rows: list[list[str]] = []
    with file_progress(len(files), "审核 / checking") as next_file:
        for path in files:
            next_file(path.name)
            try:
                disclosure = _load(path)
                with step(f"审核 / checking {path.name}"):
                    report = run_check(disclosure, prev=previous, profile=profile)
            except Exception as exc:  # typer.Exit after a located message, or a failure inside 审核
                if not isinstance(exc, typer.Exit):
                    err_console.print(f"错误 / error: {path}: {type(exc).__name__}: {exc}", highlight=False)
                why = getattr(exc, "why", None)
                summary.add_row(str(path) + (f"\n  {why}" if why else ""), "无法读取", "", "")
                rows.append(_summary_row(path, why=why))
                any_errors = True
                continue
            any_errors |= report.has_errors
            rows.append(_summary_row(path, report))
            counts = report.counts
            summary.add_row(str(path), *(str(counts.get(s, 0)) for s in ("错误", "警告", "提示")))
            text = _report_text(report, format, min_severity)
            if output:
                (output / f"{path.stem}.{format.value if format.value != 'text' else 'txt'}").write_text(
                    text, encoding="utf-8")
            else:
                typer.echo(text, nl=False)
    console.print(summary)
    if summary_csv:
        _write_summary(summary_csv, rows)
    raise typer.Exit(1 if any_errors else 0)


@app.command()
def rules(family: str = typer.Option(None, "--family", help="只列出某一规则族，如 表内")) -> None:
    """列出审核规则目录（编号、规则族、严重程度、标题）。"""
    from ..checks.catalogue import rules_by_family

    for name, members in rules_by_family():
        if family and name != family:
            continue
        for r in members:
            typer.echo(f"{r.id}\t{name}\t{r.severity}\t{r.title}")
