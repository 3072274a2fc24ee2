"""``juesuan import``: fill-in workbooks and finance-software exports → disclosure data.

Every sheet is recognised by what it prints (a 公开表 title, the field sheets' 字段 column,
the 上年数 sheet's heads, the 自评表 labels), never by its name or position alone. Each
sheet gets a report line: what it read, what it could not (located problems), and what is
still missing for a complete disclosure. A value that could not be read is marked unknown
(provenance ``unread``) and a table not found at all is marked ``missing``: nothing is
invented, no blank becomes a zero except a blank amount inside a table, as printed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from ..model import TABLE_KEYS, Disclosure
from ..ingest.detect import detect_meta
from ..problems import FileProblem
from ..reference.profiles import Profile
from . import coded, sides
from ..reference.fields import COMPARISON_COLUMNS, COMPARISON_SHEET, FIELD_SHEETS, all_fields, kind_of
from .matrix import Matrix, clean, ref
from .sheets import Preamble, identify

TABLE_NAMES = {key: f"{code} {title}" for key, code, title in TABLE_KEYS}
OLD_FORMATS = {".xls": "Excel 97-2003 (.xls)", ".et": "WPS 表格 (.et)", ".ett": "WPS 模板 (.ett)"}


@dataclass
class SheetReport:
    file: str
    sheet: str
    kind: str
    """表名 / 字段表 / 上年数 / 自评表 / 未识别."""
    cells: int = 0
    unread: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = f"{Path(self.file).name} [{self.sheet}] {self.kind}：读取 {self.cells} 格"
        if self.unread:
            text += f"，未能读取 {self.unread} 格"
        return text + "".join(f"；{note}" for note in self.notes)


@dataclass
class ImportResult:
    data: dict[str, Any]
    sheets: list[SheetReport]
    problems: list[FileProblem]
    unreadable: list[FileProblem]
    owned: list[str]
    """Dotted paths the workbooks speak for: a re-import replaces exactly these in the YAML."""
    disclosure: Disclosure | None = None
    missing: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    """Item path → ``sheet!cell`` it was read from (to locate 审核 findings in the workbook)."""

    def where(self, items) -> str:
        """The workbook cells of a finding's items, e.g. ``公开02表!E6、公开02表!E7``."""
        return "、".join(dict.fromkeys(self.cells[i] for i in items if i in self.cells))


def _set(data: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for index, part in enumerate(parts[:-1]):
        nxt = parts[index + 1]
        if isinstance(node, list):
            position = int(part)
            while len(node) <= position:
                node.append({})
            node = node[position]
            continue
        node = node.setdefault(part, [] if nxt.isdigit() else {})
    if isinstance(node, list):
        position = int(parts[-1])
        while len(node) <= position:
            node.append(None)
        node[position] = value
    else:
        node[parts[-1]] = value


def _value(m: Matrix, row: int, col: int, path: str) -> Any:
    kind = kind_of(path)
    if kind in ("money", "number"):
        return m.number(row, col, path)
    if kind == "int":
        return m.integer(row, col, path)
    if kind == "date":
        return m.date(row, col, path)
    raw = m.get(row, col)
    if raw is None:
        return None
    if isinstance(raw, (dt.date, dt.datetime)) or isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    if kind == "lines":
        return [line.strip() for line in re.split(r"[\n；;]", str(raw)) if line.strip()] or None
    return str(raw).strip() or None


def _head_row(m: Matrix, words: tuple[str, ...], rows: int = 8) -> tuple[int, dict[str, int]] | None:
    for row in range(1, min(rows, m.max_row) + 1):
        texts = {m.text(row, c): c for c in range(1, m.max_col + 1) if m.text(row, c)}
        found = {w: next((c for t, c in texts.items() if t.startswith(w)), None) for w in words}
        if all(found.values()):
            return row, found  # type: ignore[return-value]
    return None


KNOWN_FIELDS = {f.path for f in all_fields()}


def _field_sheet(m: Matrix, head: tuple[int, dict[str, int]], data: dict, owned: list, report: SheetReport,
                 where: dict) -> None:
    row0, cols = head
    for row in range(row0 + 1, m.max_row + 1):
        path = m.text(row, cols["字段"])
        if not path:
            continue
        if path not in KNOWN_FIELDS:
            m.problem(row, cols["字段"], path, "未知字段，此行未读 / unknown field, row not read")
            report.unread += 1
            continue
        value = _value(m, row, cols["填写内容"], path)
        owned.append(path)
        if value is None:
            continue
        _set(data, path, value)
        where[path] = f"[{m.name}]!{ref(row, cols['填写内容'])}"
        report.cells += 1


def _comparison_path(text: str) -> str | None:
    if re.fullmatch(r"\d{7}", text):
        return f"general_budget.{text}.total"
    if re.fullmatch(r"[a-z_]+(\.[A-Za-z0-9_]+)+", text):
        return text
    return None


def _comparison_sheet(m: Matrix, head: tuple[int, dict[str, int]], data: dict, owned: list,
                      report: SheetReport) -> None:
    row0, _ = head
    path_col = next(c for c in range(1, m.max_col + 1) if m.text(row0, c).startswith("字段"))
    columns = {name: next((c for c in range(1, m.max_col + 1) if m.text(row0, c) == clean(text)), None)
               for name, text in COMPARISON_COLUMNS}
    for row in range(row0 + 1, m.max_row + 1):
        text = m.text(row, path_col)
        if not text:
            if any(m.get(row, c) is not None for c in columns.values() if c):
                m.problem(row, path_col, "字段", "有数值但未填字段或科目编码，此行未读 / values without an item")
                report.unread += 1
            continue
        item = _comparison_path(text)
        if item is None:
            m.problem(row, path_col, "字段", f"不是字段路径或 7 位科目编码：{text} / not an item path")
            report.unread += 1
            continue
        owned.append(f"comparisons.{item}")
        for name, col in columns.items():
            if col is None:
                continue
            kind = "money" if name in ("prior_year", "initial_budget", "full_year_budget") else "text"
            value = m.number(row, col, f"{item}.{name}") if kind == "money" else (clean(m.get(row, col)) and
                                                                                 str(m.get(row, col)).strip())
            if value not in (None, ""):
                data.setdefault("comparisons", {}).setdefault(item, {})[name] = value
                report.cells += 1


def _table_sheet(m: Matrix, pre: Preamble, data: dict, profile: Profile | None, year: int,
                 report: SheetReport, unread_at: list, cells: dict[str, str]) -> str | None:
    stats = {"cells": 0, "unread": 0, "unread_at": [], "filled": 0, "where": {}}
    key = pre.key
    if key in ("summary", "fiscal_summary"):
        reader = sides.read_summary if key == "summary" else sides.read_fiscal_summary
        table = reader(m, pre, profile, year, stats)
    elif key == "three_public":
        table = coded.read_three_public(m, pre, stats)
    elif key == "basic_expenditure":
        table = coded.read_economic(m, pre, stats)
    else:
        kind = "fund" if key in ("government_fund", "state_capital") else key
        table = coded.read_coded(m, pre, kind or "", stats)
    report.cells, report.unread = stats["cells"], stats["unread"]
    cells.update({f"{key}.{path}": f"{m.name}!{at}" for path, at in stats["where"].items()})
    unread_at += [(f"{key}.{path}", where) for path, where in stats["unread_at"]]
    if pre.unit == "元":
        report.notes.append("单位为元，已换算为万元（÷10000，四舍五入到 0.01）")
    elif pre.unit is None:
        report.notes.append("未注明金额单位，按万元读取")
    if table is None:
        return None
    _yuan_in_wanyuan(m, pre, table, stats["where"])
    if not stats["filled"] and not table.get("empty_note"):
        report.notes.append("未填写任何金额，按缺表处理（数值未知，不按 0 处理）")
        return None  # a blank form is not a table of zeros
    data.setdefault("tables", {})[key] = table
    return key


YUAN_SUSPECT = Decimal(10_000_000)
"""In 万元, 1000亿元: more than any department spends; such a figure was entered in 元."""


def _amounts(node: Any, prefix: str = "") -> list[tuple[str, Decimal]]:
    if isinstance(node, Decimal):
        return [(prefix, node)]
    if isinstance(node, dict):
        return [a for k, v in node.items() for a in _amounts(v, f"{prefix}.{k}" if prefix else str(k))]
    if isinstance(node, list):
        return [a for row in node if isinstance(row, dict)
                for a in _amounts({k: v for k, v in row.items() if k not in ("code", "name")},
                                  f"{prefix}.{row.get('code')}")]
    return []


def _yuan_in_wanyuan(m: Matrix, pre: Preamble, table: dict | None, where: dict[str, str]) -> None:
    """Amounts in 元 where the sheet says (or assumes) 万元: reported at the largest, not converted."""
    if pre.unit == "元" or not table:
        return
    found = [(abs(v), p) for p, v in _amounts(table) if abs(v) >= YUAN_SUSPECT]
    if found:
        value, path = max(found)
        cell = where.get(path.replace("rows.", "", 1))
        m.problems.append(FileProblem(m.file, None, path, f"金额 {value} 疑似以元填写：本表单位为万元，请核对单位行或换算"
                                                          " / amount looks like 元 in a 万元 table",
                                      sheet=m.name, cell=cell))


def _open(path: Path) -> tuple[Any, FileProblem | None]:
    name = str(path)
    if path.suffix.lower() in OLD_FORMATS:
        return None, FileProblem(name, None, "(文件 / file)",
                                 f"{OLD_FORMATS[path.suffix.lower()]} 格式无法读取，请在 Excel 或 WPS 中另存为 .xlsx 后再导入 / "
                                 "old binary format: save as .xlsx first")
    try:
        content = path.read_bytes()
    except OSError as exc:
        return None, FileProblem(name, None, "(文件 / file)", f"无法打开 / cannot open: {exc.strerror or exc}")
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return None, FileProblem(name, None, "(文件 / file)", "不是 .xlsx 工作簿（可能是 .xls/.et 改了扩展名）/ not an "
                                                               "XLSX workbook")
    try:
        return load_workbook(io.BytesIO(content)), None
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one located problem
        return None, FileProblem(name, None, "(文件 / file)", f"工作簿已损坏 / broken workbook: {exc}")


def _profile(data: dict) -> Profile | None:
    try:
        return Profile.load(data.get("meta", {}).get("profile") or "xinjiang-2022")
    except Exception:  # noqa: BLE001 - an unknown profile is reported when the model validates
        return None


def import_workbooks(paths: list[Path]) -> ImportResult:
    """Read every sheet of every workbook; never raises for bad input."""
    from ..scoring.form_import import read_sheet

    data: dict[str, Any] = {}
    result = ImportResult(data, [], [], [], [])
    where: dict[str, str] = {}
    unread_at: list[tuple[str, str]] = []
    books = []
    for path in paths:
        book, problem = _open(Path(path))
        if problem:
            result.unreadable.append(problem)
        else:
            books.append((str(path), book))
    for file, book in books:  # our own XLSX output names department and year in its title property
        department, year = detect_meta(book.properties.title or "")
        if department and year:
            data.setdefault("meta", {}).setdefault("department", department)
            data["meta"].setdefault("year", year)
    # field sheets first: the profile and year they give decide how tables are read
    for file, book in books:
        for ws in book.worksheets:
            m = Matrix(ws, file)
            head = _head_row(m, ("字段", "填写内容"))
            if head:
                report = SheetReport(file, ws.title, "字段表")
                _field_sheet(m, head, data, result.owned, report, where)
                result.sheets.append(report)
                result.problems += m.problems
    projects: list = []
    seen_tables: dict[str, str] = {}
    for file, book in books:
        for ws in book.worksheets:
            m = Matrix(ws, file)
            if _head_row(m, ("字段", "填写内容")) or not m.values:
                continue
            comparison = _head_row(m, ("字段", "上年决算数"))
            if comparison:
                report = SheetReport(file, ws.title, COMPARISON_SHEET)
                _comparison_sheet(m, comparison, data, result.owned, report)
            elif any(m.text(r, c) == "项目名称" for r in range(1, 6) for c in range(1, 4)):
                report = SheetReport(file, ws.title, "项目支出绩效自评表")
                project, found = read_sheet(ws, file)
                if project is None and not any(m.text(r, 2) or m.text(r, 3) for r in (3,)):
                    report.notes.append("未填写，跳过")
                elif project is None:
                    m.problems += found
                else:
                    projects.append(project.model_dump(mode="python", exclude_defaults=True))
                    report.cells = len(project.indicators) + 4
                    m.problems += found
            else:
                pre = identify(m)
                if pre.key is None:
                    report = SheetReport(file, ws.title, "未识别")
                    if ws.title != "填写说明":
                        report.notes.append("不是公开表、字段表、上年数表或自评表，未读 / sheet not recognised")
                        result.sheets.append(report)
                    continue
                report = SheetReport(file, ws.title, TABLE_NAMES[pre.key])
                if pre.key in seen_tables:
                    report.notes.append(f"与 [{seen_tables[pre.key]}] 重复，以本表为准")
                seen_tables[pre.key] = ws.title
                meta = data.setdefault("meta", {})
                if pre.department and "department" not in meta:
                    meta["department"] = pre.department
                if pre.year and "year" not in meta:
                    meta["year"] = pre.year
                year = int(meta.get("year") or dt.date.today().year - 1)
                _table_sheet(m, pre, data, _profile(data), year, report, unread_at, result.cells)
            result.sheets.append(report)
            result.problems += m.problems
    if projects:
        data.setdefault("performance", {})["projects"] = projects
        result.owned.append("performance.projects")
    _finish(result, seen_tables, unread_at, where)
    return result


def _finish(result: ImportResult, seen: dict[str, str], unread_at: list, where: dict) -> None:
    data = result.data
    if not data.get("tables") and not data.get("meta"):
        return
    for key, _, _ in TABLE_KEYS:
        if key in seen and key in data.get("tables", {}):
            result.owned.append(f"tables.{key}")
        else:
            data.setdefault("tables", {})[key] = {"missing": True}
            result.missing.append(f"{TABLE_NAMES[key]}：未找到或未填写，其数值未知（不按 0 处理）")
    for path, cell in unread_at:
        data.setdefault("provenance", {})[path] = {"kind": "unread", "ref": cell}
    if unread_at:
        result.owned.append("provenance")
    for field in all_fields():
        if field.required and _get(data, field.path) is None:
            result.missing.append(f"{field.label}（{field.path}）")
    meta = data.setdefault("meta", {})
    for name in ("department", "year"):
        if name not in meta:
            result.problems.append(FileProblem("(工作簿 / workbook)", None, f"meta.{name}",
                                               "工作簿中找不到部门名称或年度 / department or year not found"))
    if "department" not in meta or "year" not in meta:
        return
    try:
        result.disclosure = Disclosure.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(p) for p in error["loc"])
            cell = where.get(path, "")
            result.problems.append(FileProblem(f"(工作簿 / workbook){cell}", None, path,
                                               f"{error['msg']}（实际 / got: {error.get('input')!r}）"))


def _get(data: dict, path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node
