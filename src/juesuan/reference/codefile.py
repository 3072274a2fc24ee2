"""Reading a code list (CSV or XLSX) into checked rows, with every problem located.

Accepted header (any order, case-insensitive): ``code,name[,level,parent,provenance,aliases]``;
the Chinese headers 科目编码/编码, 科目名称/名称, 级次, 上级编码 are accepted too. Missing levels
and parents are inferred from the code length (3/5/7 digits = 类/款/项; 经济分类 3/5).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..problems import FileError, FileProblem

LEVEL_BY_LENGTH = {"function": {3: 1, 5: 2, 7: 3}, "economic": {3: 1, 5: 2}}
_HEADER_ALIASES = {
    "code": ("code", "科目编码", "编码", "代码"),
    "name": ("name", "科目名称", "名称"),
    "level": ("level", "级次", "层级"),
    "parent": ("parent", "上级编码", "上级"),
    "provenance": ("provenance", "来源"),
    "aliases": ("aliases", "别名"),
}


CodeListProblem = FileProblem
"""A located problem of a code list (the project-wide record)."""


class CodeListError(FileError):
    """Raised with every problem found in a code list file."""


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China often saves CSV as GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CodeListError([CodeListProblem(str(path), None, "encoding",
                                         "无法识别文件编码（应为 UTF-8 或 GBK） / cannot decode file (expected UTF-8 or GBK)")])


def _raw_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every non-empty row, header included."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise CodeListError([CodeListProblem(str(path), None, "file",
                                                 f"无法读取 XLSX 文件 / cannot read XLSX file ({exc.__class__.__name__})")]) from None
        rows = [(number, ["" if v is None else str(v).strip() for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    else:
        rows = [(number, [cell.strip() for cell in cells])
                for number, cells in enumerate(csv.reader(io.StringIO(_read_text(path))), start=1)]
    return [(n, cells) for n, cells in rows if any(cells)]


def _is_header(cells: list[str]) -> bool:
    titles = {cell.strip().lower() for cell in cells}
    return bool(titles & set(_HEADER_ALIASES["code"])) and bool(titles & set(_HEADER_ALIASES["name"]))


def _columns(file: str, line: int, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for key, names in _HEADER_ALIASES.items():
            if title.strip().lower() in names and key not in columns:
                columns[key] = index
    missing = [key for key in ("code", "name") if key not in columns]
    if missing:
        raise CodeListError([CodeListProblem(file, line, "header",
                                             f"表头缺少列 {', '.join(missing)}（应为 code,name[,level,parent]） / "
                                             f"header lacks column(s) {', '.join(missing)} (expected code,name[,level,parent])")])
    return columns


def read_code_list(path: Path, kind: str = "function") -> list[dict]:
    """Rows as dicts (code, name, level, parent, provenance, aliases) in file order.

    Raises ``CodeListError`` listing every problem (file, line, field) when the list is unusable.
    """
    file = str(path)
    if not path.is_file():
        raise CodeListError([CodeListProblem(file, None, "file", "文件不存在 / file not found")])
    rows = _raw_rows(path)
    if not rows:
        raise CodeListError([CodeListProblem(file, None, "file", "文件为空 / file is empty")])
    # Official spreadsheets often carry a title line above the header: take the first row that
    # names both a code and a name column among the first few.
    start = next((i for i, (_, cells) in enumerate(rows[:10]) if _is_header(cells)), 0)
    header_line, header = rows[start]
    columns = _columns(file, header_line, header)
    rows = rows[start:]
    lengths = LEVEL_BY_LENGTH[kind]
    problems: list[CodeListProblem] = []
    result: list[dict] = []
    lines: dict[str, int] = {}

    def cell(cells: list[str], key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    for line, cells in rows[1:]:
        def bad(field: str, zh: str, en: str) -> None:
            problems.append(CodeListProblem(file, line, field, f"{zh} / {en}"))

        code = "".join(cell(cells, "code").split())
        code = code[:-2] if code.endswith(".0") else code  # numbers typed into Excel cells
        name = cell(cells, "name")
        if not code.isdigit() or len(code) not in lengths:
            sizes = "/".join(str(n) for n in lengths)
            bad("code", f"编码“{code}”应为 {sizes} 位数字", f"code {code!r} must have {sizes} digits")
            continue
        if not name:
            bad("name", f"编码 {code} 缺少名称", f"code {code} has no name")
            continue
        level = lengths[len(code)]
        if (text := cell(cells, "level")) and text not in (str(level), f"{level}.0"):
            bad("level", f"级次“{text}”与编码 {code} 的长度不符（应为 {level}）",
                f"level {text!r} does not match code {code} (expected {level})")
        parent = code[:-2] if level > 1 else None
        if (text := "".join(cell(cells, "parent").split())) and text != parent:
            bad("parent", f"上级编码“{text}”应为 {parent or '空'}", f"parent {text!r} should be {parent or 'empty'}")
        if code in lines:
            bad("code", f"编码 {code} 重复（首次出现在第 {lines[code]} 行）",
                f"code {code} repeated (first on line {lines[code]})")
            continue
        lines[code] = line
        aliases = tuple(a.strip() for a in cell(cells, "aliases").split("|") if a.strip())
        result.append(dict(code=code, name=name, level=level, parent=parent,
                           provenance=cell(cells, "provenance"), aliases=aliases))
    for row in result:
        if row["parent"] and row["parent"] not in lines:
            problems.append(CodeListProblem(file, lines[row["code"]], "parent",
                                            f"上级编码 {row['parent']} 不在本表中 / parent {row['parent']} is not in the list"))
    if not result and not problems:
        problems.append(CodeListProblem(file, None, "file", "没有数据行 / no data rows"))
    if problems:
        raise CodeListError(problems)
    return result


def write_code_list(rows: list[dict], path: Path, provenance: str = "") -> None:
    """Write rows in the packaged edition format; rows without provenance get ``provenance``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ["code", "name", "level", "parent", "provenance", "aliases"]
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row["code"], row["name"], row["level"], row["parent"] or "",
                             row.get("provenance") or provenance, "|".join(row.get("aliases", ()))])
    temporary.replace(path)  # a half-written list must never become the active edition
