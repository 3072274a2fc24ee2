"""``juesuan import``: fill-in workbooks and finance-software exports → a disclosure YAML.

Prints, per sheet, what was read and what could not be; then what is still missing. An
existing output file is updated in place (comments, order and other fields kept).
"""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .common import console, err_console


@app.command("import")
def import_(
    workbooks: list[Path] = typer.Argument(..., help="填报工作簿或财务软件导出的 .xlsx（可多个）/ workbooks"),
    output: Path = typer.Option(..., "-o", "--output", help="披露文件 YAML（已有则更新）/ disclosure file"),
) -> None:
    """导入填报工作簿和财务软件导出的九张表；逐表报告读取、未读与仍缺少的内容。无法读取的文件退出码为 2。"""
    from ..workbook.importer import import_workbooks
    from ..workbook.yamlmerge import write

    result = import_workbooks(workbooks)
    for problem in result.unreadable:
        err_console.print(f"[red]无法读取 / unreadable[/red] {problem}", highlight=False)
    for sheet in result.sheets:
        console.print(sheet.line(), highlight=False)
    for problem in result.problems:
        err_console.print(f"[yellow]未读 / not read[/yellow] {problem}", highlight=False)
    if result.disclosure is None:
        err_console.print("[red]错误 / error[/red] 没有可写入的内容（部门名称和年度是必需的）/ nothing to write",
                          highlight=False)
        raise typer.Exit(2)
    if result.missing:
        console.print(f"仍缺少 / still missing（{len(result.missing)}）：" + "；".join(result.missing), highlight=False)
    existed = output.is_file()
    try:
        text = write(output, result.disclosure, result.owned)
    except Exception as exc:  # noqa: BLE001 - e.g. the existing file does not load: say so, touch nothing
        err_console.print(f"[red]错误 / error[/red] {output}: 无法更新 / cannot update: {exc}", highlight=False)
        raise typer.Exit(2) from None
    output.write_text(text, encoding="utf-8")
    console.print(f"{'已更新' if existed else '已写入'} / {'updated' if existed else 'written'}: {output}；"
                  f"下一步 / next: juesuan check {output}", highlight=False)
    _table_findings(result)
    if result.unreadable:
        raise typer.Exit(2)


def _table_findings(result) -> None:
    """Sums that do not hold inside or between the tables, located to the workbook cells they came from."""
    from ..checks import check

    report = check(result.disclosure)
    for finding in report.findings:
        where = result.where(finding.items()[:1]) or result.where(finding.items()[:3])
        if finding.severity == "错误" and finding.rule_id.startswith(("T", "X")) and where:
            console.print(f"[red]表内/表间 / sums[/red] {where}: [{finding.rule_id}] {finding.message}", highlight=False)
