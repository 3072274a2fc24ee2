"""``juesuan show`` and ``juesuan schema``: the disclosure file itself."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .. import fileformat
from . import app
from .common import console, load_or_exit


@app.command()
def schema(output: Path = typer.Option(None, "-o", "--output", help="写入文件 / write to file")) -> None:
    """打印披露文件的 JSON Schema / print the JSON Schema of the disclosure file."""
    text = json.dumps(fileformat.json_schema(), ensure_ascii=False, indent=2)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"已写入 / written: {output}")
    else:
        typer.echo(text)


@app.command()
def show(file: Path = typer.Argument(..., help="披露文件 YAML/JSON，或公开文档 PDF/DOCX/XLSX/TXT（先读取）")) -> None:
    """显示决算摘要：总额、九张表、绩效得分 / show a readable summary."""
    from .summary import render_summary

    disclosure = load_or_exit(file)
    render_summary(disclosure, console)
