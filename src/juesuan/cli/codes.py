"""``juesuan codes``: classification code editions — import an official list, show, list."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from ..reference.changes import manifest
from ..reference.codes import DATA_DIR, CodeBook, CodeListError, import_edition, renames_of
from . import app
from .common import console, err_console

codes_app = typer.Typer(help="科目编码：导入官方科目表、查询 / classification codes: import, show, list.",
                        no_args_is_help=True)
app.add_typer(codes_app, name="codes")

LEVEL_NAMES = {1: "类", 2: "款", 3: "项"}


class KindOption(str, Enum):
    function = "function"
    economic = "economic"


def _edition_line(book: CodeBook, year: int | None = None) -> str:
    kind = "支出功能分类 / function" if book.kind == "function" else "支出经济分类 / economic"
    status = "完整 / complete" if book.complete else "不完整 / partial"
    source = {"packaged": f"内置（{status}）/ packaged", "user": f"用户导入（{status}）/ imported: {book.file}",
              "none": "无 / none"}[book.source]
    stands = f"{year} 年度使用 / year {year} uses " if year is not None and year != book.year else ""
    return f"{kind}，{stands}{book.year} 年版本 / edition {book.year}，{source}"


@codes_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="官方科目表 CSV 或 XLSX（列 code,name[,level,parent]） / official list"),
    year: int = typer.Option(..., "--year", help="适用年度 / year the list applies to"),
    kind: KindOption = typer.Option(KindOption.function, "--kind", help="function 功能分类 | economic 经济分类"),
) -> None:
    """导入完整的官方科目表，此后该年度优先使用 / import an official list; it then takes precedence."""
    try:
        edition = import_edition(file, year, kind.value)
    except CodeListError as exc:
        for problem in exc.problems:
            err_console.print(f"[red]错误 / error[/red] {problem}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    book = CodeBook.for_year(year, kind.value)
    levels = {level: sum(1 for c in book if c.level == level) for level in (1, 2, 3)}
    counts = "，".join(f"{LEVEL_NAMES[k]} {v}" for k, v in levels.items() if v)
    console.print(f"已导入 / imported {len(book)} 个科目（{counts}） → {edition.path}", highlight=False)


@codes_app.command()
def show(
    code: str = typer.Argument(..., help="科目编码，如 2060404 / code"),
    year: int = typer.Option(..., "--year", help="年度 / year"),
    kind: KindOption = typer.Option(KindOption.function, "--kind"),
) -> None:
    """显示一个科目及其上级（类→款→项） / show a code with its 类→款→项 path."""
    book = CodeBook.for_year(year, kind.value)
    console.print(_edition_line(book, year), highlight=False)
    chain = book.path(code)
    if not chain:
        err_console.print(f"编码 {code} 不在该版本中（内置科目表不完整，可用 juesuan codes import 导入官方科目表） / "
                          f"code {code} is not in this edition", highlight=False)
        raise typer.Exit(1)
    for depth, entry in enumerate(chain):
        aliases = f"（又作 / also: {'、'.join(entry.aliases)}）" if entry.aliases else ""
        in_force = book.name_in(entry.code, year)
        name = entry.name if in_force == entry.name else f"{in_force}（{year} 年名称；现名 / now {entry.name}）"
        console.print(f"{'  ' * depth}{entry.code} {name}（{LEVEL_NAMES.get(entry.level, entry.level)}）"
                      f"{aliases}  [dim]{entry.provenance}[/dim]", highlight=False)
    for rename in (r for r in renames_of(kind.value) if r.code == chain[-1].code):
        console.print(f"更名 / renamed: “{rename.old_name}” → “{rename.new_name}”，{rename.from_year} 年起 / from "
                      f"{rename.from_year}  [dim]{rename.provenance}[/dim]", highlight=False)


@codes_app.command("list")
def list_(
    year: int = typer.Option(..., "--year", help="年度 / year"),
    kind: KindOption = typer.Option(KindOption.function, "--kind"),
    level: int = typer.Option(None, "--level", min=1, max=3, help="只列某一级：1 类 2 款 3 项 / only this level"),
    parent: str = typer.Option(None, "--parent", help="只列某科目的下级 / only children of this code"),
) -> None:
    """列出一个版本的科目 / list the codes of an edition."""
    book = CodeBook.for_year(year, kind.value)
    entries = book.children(parent) if parent else list(book)
    entries = [c for c in entries if level is None or c.level == level]
    table = Table(title=_edition_line(book, year))
    for column in ("编码 code", "名称 name", "级次 level", "来源 provenance"):
        table.add_column(column)
    for entry in entries:
        table.add_row(entry.code, book.name_in(entry.code, year), LEVEL_NAMES.get(entry.level, str(entry.level)),
                      entry.provenance)
    console.print(table)


@codes_app.command()
def editions(kind: KindOption = typer.Option(KindOption.function, "--kind")) -> None:
    """各年度使用的科目表版本及是否完整 / which list stands for each year, complete or partial."""
    table = Table(title=f"{kind.value}: reference/data/editions.csv")
    for column in ("年度 year", "版本 edition", "科目数 codes", "完整 complete", "说明 note"):
        table.add_column(column)
    listed = {year: row for (k, year), row in manifest(DATA_DIR).items() if k == kind.value}
    for year in sorted(listed):
        book = CodeBook.for_year(year, kind.value)
        note = listed[year].note if book.source == "packaged" else f"用户导入 / imported: {book.file}"
        table.add_row(str(year), str(book.year), str(len(book)), "是 yes" if book.complete else "否 no", note)
    console.print(table)
