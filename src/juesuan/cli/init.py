"""``juesuan init``: write the fill-in workbook (XLSX), or the same inputs as a commented YAML."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .common import console, err_console


@app.command()
def init(
    profile: str = typer.Option(..., "--profile", help="模板配置 / template profile, e.g. xinjiang-2022, shanghai-2024"),
    department: str = typer.Option(..., "--department", help="部门（单位）全称 / department name as on the cover"),
    year: int = typer.Option(..., "--year", help="决算年度 / year of the accounts"),
    output: Path = typer.Option(..., "-o", "--output", help="填报工作簿 .xlsx，或带中文注释的 .yaml / the workbook "
                                                            "(or a commented YAML) to write"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite an existing file"),
) -> None:
    """生成填报工作簿：九张公开表、单位概况、三公、机关运行经费、政府采购、国有资产、绩效、上年数和主要原因。"""
    from ..reference.profiles import list_profiles
    from ..workbook.template import yaml_template
    from ..workbook.writer import init_workbook

    if profile not in list_profiles():
        err_console.print(f"[red]错误 / error[/red] 未知模板 / unknown profile: {profile}"
                          f"（可用 / available: {', '.join(list_profiles())}）", highlight=False)
        raise typer.Exit(2)
    if output.suffix.lower() not in (".xlsx", ".yaml", ".yml"):
        err_console.print(f"[red]错误 / error[/red] {output}: 输出应为 .xlsx 或 .yaml / write .xlsx or .yaml",
                          highlight=False)
        raise typer.Exit(2)
    if output.exists() and not force:
        err_console.print(f"[red]错误 / error[/red] {output}: 文件已存在，未覆盖（--force 覆盖）/ exists, not "
                          "overwritten", highlight=False)
        raise typer.Exit(2)
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(init_workbook(department, year, profile))
    else:
        output.write_text(yaml_template(department, year, profile), encoding="utf-8")
    console.print(f"已写入填报工作簿 / workbook written: {output}\n"
                  f"下一步 / next: 填写后运行 juesuan import {output} -o 部门.yaml", highlight=False)
