"""``juesuan build``: disclosure files → DOCX, XLSX, PDF and HTML documents, behind a gate.

Loads each file (``juesuan.fileformat``), runs the full 审核 first and prints 错误 N / 待补充 M
/ 说明 figures recomputed K (each sentence whose printed figure differs from the tables,
which the build prints instead). A final build is refused (exit 1) while there are 错误 or
missing inputs; ``--draft`` builds anyway with 草稿 on every page, ``--force`` builds a final
document and records what the gate found in its properties. Then it composes the document
(``juesuan.narrative.compose``) and renders every requested format through the renderer
registry; several files show a progress display. A file that fails does not stop the others.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import fileformat
from . import app, progress
from .common import INPUT_SUFFIXES, check_profile, console, err_console, expand_paths, load_or_exit

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
    files: list[Path] = typer.Argument(..., help="披露文件 YAML/JSON（或公开文档，先读取）；可为文件夹或通配符"),
    output: Path = typer.Option(Path("build"), "-o", "--output", help="输出目录 / output folder"),
    formats: str = typer.Option(DEFAULT_FORMATS, "-f", "--formats",
                                help="输出格式，逗号分隔 / formats, comma-separated"),
    profile: str = typer.Option(None, "--profile", help="模板配置 / template profile (default: the file's)"),
    draft: bool = typer.Option(False, "--draft", help="有错误或待补充时仍生成，每页加“草稿”水印 / build a watermarked draft"),
    force: bool = typer.Option(False, "--force", help="有错误或待补充时仍生成正式文档，并记入文档属性 / build anyway, "
                                                      "recorded in the document properties"),
) -> None:
    """先审核再生成公开文档（DOCX、XLSX、PDF、HTML）；有错误或待补充内容时拒绝生成正式文档（--draft 草稿，--force 强制）。"""
    from ..narrative import compose
    from ..render.package import render_package
    from ..render.registry import prepare

    wanted = _formats(formats)
    files = expand_paths(files, INPUT_SUFFIXES)
    prepare(wanted)  # e.g. the PDF renderer reads its fonts while the first file loads
    output.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str, Path, float]] = []
    failures, unusable = 0, 0
    check_profile(profile)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    single = len(files) * len(wanted) < 2
    with Progress(*columns, console=console, transient=True, disable=single or progress.quiet()) as bar:
        task = bar.add_task("生成 / building", total=len(files) * len(wanted))
        for file in files:
            bar.update(task, description=f"{file.name}：读取 / loading")
            try:
                try:
                    disclosure = load_or_exit(file)  # a published document is read first
                except typer.Exit:
                    unusable += 1
                    bar.advance(task, len(wanted))
                    continue
                if profile:  # narrative and table layout both follow the chosen profile
                    meta = disclosure.meta.model_copy(update={"profile": profile})
                    disclosure = disclosure.model_copy(update={"meta": meta})
                try:
                    document = compose(disclosure)
                except ValueError as exc:  # e.g. a profile without narrative templates
                    err_console.print(f"[red]错误 / error[/red] {file}: {exc}", highlight=False)
                    unusable += 1
                    bar.advance(task, len(wanted))
                    continue
                verdict = gate(disclosure, document, profile)
                _print_gate(file, verdict)
                if verdict.blocked and not (draft or force):
                    err_console.print(f"[red]拒绝生成 / refused[/red] {file}: 有错误或待补充内容，正式文档不予生成；"
                                      "先修改后重新审核（juesuan check），或 --draft 生成草稿 / fix the findings or "
                                      "build a --draft", highlight=False)
                    failures += 1
                    bar.advance(task, len(wanted))
                    continue
                document = dataclasses.replace(document, draft=draft, forced=verdict.summary if force and
                                               verdict.blocked else None)
            except fileformat.DisclosureFileError as exc:
                failures += 1
                for problem in exc.problems:
                    err_console.print(f"[red]错误 / error[/red] {problem}", highlight=False)
                bar.advance(task, len(wanted))
                continue
            bar.update(task, description=f"{file.name}：{', '.join(wanted)}")
            done = {}
            with progress.step(f"生成 / building {file.name}：{', '.join(wanted)}") if single else progress.nothing():
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
    if unusable:  # the contract: 2 for input that cannot be used, 1 for 错误 found (refused builds)
        raise typer.Exit(2)
    if failures:
        raise typer.Exit(1)


@dataclasses.dataclass(frozen=True)
class Verdict:
    errors: int
    missing: int
    recomputed: tuple[str, ...]
    """One line per 说明 figure printed in the file that differs from the tables."""

    @property
    def blocked(self) -> bool:
        return bool(self.errors or self.missing)

    @property
    def summary(self) -> str:
        return f"错误 {self.errors}，待补充 {self.missing}，说明数字按表重算 {len(self.recomputed)}"


def recomputed(disclosure, document) -> tuple[str, ...]:
    """Each figure of the file's own 说明 (``claims``) that the built document prints otherwise:
    the build computes every figure from the tables, so a printed 80.94 becomes 80.93."""
    from ..model import describe

    built = {(c.item, c.measure, c.base): c for c in document.claims()}
    lines = []
    for claim in disclosure.claims:
        new = built.get((claim.item, claim.measure, claim.base))
        if new is not None and new.value != claim.value:
            where = claim.section or claim.sentence or ""
            lines.append(f"{where} {describe(claim.item)}（{claim.measure}）：说明中为 {claim.text or claim.value}，"
                         f"生成时按表为 {new.value}")
    return tuple(lines)


def gate(disclosure, document, profile: str | None = None) -> Verdict:
    """The full check, counted as the gate counts it."""
    from ..checks import check

    report = check(disclosure, profile=profile)
    errors = sum(1 for f in report.findings if f.severity == "错误")
    return Verdict(errors, len(report.by_rule("I-001")), recomputed(disclosure, document))


def _print_gate(file: Path, verdict: Verdict) -> None:
    console.print(f"{file.name}：错误 {verdict.errors} / 待补充 {verdict.missing} / 说明数字按表重算 "
                  f"{len(verdict.recomputed)}（errors / missing inputs / 说明 figures recomputed）", highlight=False)
    for line in verdict.recomputed:
        console.print(f"  按表重算 / recomputed: {line}", highlight=False)
    if verdict.missing:
        console.print(f"  待补充内容见 juesuan check {file} --min-severity 警告（I-001）", highlight=False)


def _report(written: list[tuple[Path, str, Path, float]]) -> None:
    table = Table(title="已生成 / written", show_lines=False)
    for heading in ("文件 / file", "格式 / format", "输出 / output", "大小 / size", "用时 / time"):
        table.add_column(heading, justify="right" if heading.startswith(("大小", "用时")) else "left")
    for file, name, path, seconds in written:
        size = path.stat().st_size
        table.add_row(file.name, name, str(path), f"{size / 1024:,.0f} KiB", f"{seconds:.2f} s")
    console.print(table)
