"""项目支出绩效自评表 → ``ProjectEvaluation``s (kept as printed, defects included).

Forms are split at each "项目名称" row. Rows are read by their content, not by a
fixed column count, because extracted forms shift cells (a missing leading blank,
a score printed "10.00分").
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from ..model import ProjectEvaluation, Source
from .collect import Collector
from .numbers import clean
from .pages import Document, Row
from .performance_numbers import TEXTS, read_numbers
from .performance_rows import Doubt, read_rows
from .performance_text import FUNDS as FUND_LINES, LEVEL1, LEVEL1_OF, LEVEL2, WEIGHT, number as _number, read_header, \
    source_lines, text_forms
from .performance_wrap import AMBIGUOUS, line_fields, place, tidy

# the path 审核 reads as "the forms kept are not all the forms printed" (checks/unknown.py)
INCOMPLETE = "performance.projects"
NAME_LABEL = re.compile(r"^项目名称[:：]?")
_NUM = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:分|%)?$")  # "2,060.00" too
ROW_HEADS = ("年度绩效指标完成情况", "年度绩效指标", "完成情况", "年度绩效", "指标完成情况")
# what a wrapped line may print left of the 三级指标: pieces of these labels
LABELS = "\n".join(LEVEL1 + LEVEL2 + ROW_HEADS[:1])


def _row_head(text: str, col: int | None = None) -> bool:
    """The form's left label 年度绩效指标完成情况, whole or a wrapped piece ("指标完成", "情况";
    a lone "况" only in the label's own first column)."""
    return text in ROW_HEADS or (text in ROW_HEADS[0] and (len(text) >= 2 or col == 0))


def _goal_label(text: str) -> bool:
    """年度总体目标 / 预期目标 / 实际完成情况, or a piece of the first ("年", "目标")."""
    t = clean(text)
    return t in ("预期目标", "实际完成情况") or (bool(t) and t in "年度总体目标")


def _texts(row: Row) -> list[str]:
    return [c.text.strip() for c in row.cells if c.text.strip()]


def _forms(doc: Document) -> list[tuple[int, list[Row], list[Row]]]:
    """Each form's rows, from its 项目名称 row to its 总分 row (what follows the last form —
    often the nine tables — is not part of it), and the lines outside any table grid in
    between that name an indicator (a form printed without borders: not read as rows)."""
    forms: list[tuple[int, list[Row], list[Row]]] = []
    year, open_form = None, False
    for row in doc.rows():
        text = clean(row.text)
        match = re.search(r"[（(](20\d{2})年度?[）)]", text)
        # the year on a line of its own or after the title ("项目支出绩效自评表（2022年度）", a web page)
        if match and len(text.replace("项目支出绩效自评表", "")) < 14:
            year = int(match.group(1))
        cells = _texts(row)
        if cells and NAME_LABEL.match(clean(cells[0])):
            forms.append((year or 0, [row], []))
            open_form = True
        elif open_form and (row.grid is not None or "总分" in text):
            forms[-1][1].append(row)
            open_form = not text.startswith("总分")
        elif open_form and any(label in text for label in LEVEL2):
            forms[-1][2].append(row)
    return forms


def _project(year: int, rows: list[Row], lines: list[str] | None = None) -> dict:
    """``lines``: the source lines of a text dump (tab rows), None for a grid."""
    first = _texts(rows[0])
    inline = NAME_LABEL.sub("", clean(first[0]))  # "项目名称：原机电…" in one cell
    name = inline if inline else "".join(first[1:2])
    data: dict = {"name": name or "未命名项目", "year": year or None,
                  "funds": {}, "indicators": [], "_lost": []}
    level1, level2, goal_next = "", "", False
    goal_cols: list[int | None] = []
    for row in rows[1:]:
        cells = _texts(row)
        joined = clean("".join(cells))
        if "主管部门" in joined:
            for label, field in (("主管部门", "department"), ("实施单位", "implementer")):
                for i, c in enumerate(cells[:-1]):
                    if clean(c) == label:
                        data[field] = cells[i + 1]
            continue
        fund = next(((k, f) for k, f in FUND_LINES if k in joined), None)
        numbers = [c for c in cells if _NUM.match(clean(c))]
        in_funds = "总体目标" not in joined and not data["indicators"] and "goal_expected" not in data
        if (fund or (in_funds and len(numbers) >= 3)) and not joined.startswith("总分"):
            field = fund[1] if fund else None
            if len(numbers) >= 6:
                field = "total"  # the line with 分值/执行率/得分 is 年度资金总额, whatever its label
                data["execution_weight"] = _number(numbers[3])
                data["execution_rate"] = _number(numbers[4])
                data["execution_score"] = _number(numbers[5])
                amounts = numbers[:3]
            else:
                amounts = numbers[-3:]
            if field is None or field in data["funds"]:
                field = next((f for _, f in FUND_LINES if f not in data["funds"]), None)
            if field and len(amounts) == 3:
                data["funds"][field] = dict(zip(("initial_budget", "full_year_budget", "execution"),
                                                (clean(n).replace(",", "") for n in amounts)))
            continue
        # the goal header, not an actual value such as "完全达到预期目标"; the goals follow on
        # the same row (a merged label repeated by the extractor) or on the next one
        texts = [c for c in cells if not _goal_label(c)]
        if not data["indicators"] and any(clean(c) in ("预期目标", "年度总体目标") for c in cells):
            goal_next = not texts
        elif goal_next:
            goal_next = not texts  # a row of the label's rest only ("目标", wrapped onto a tab row of its own)
        else:
            texts = []
        if texts or goal_next:
            if texts and "goal_expected" not in data:
                data["goal_expected"] = texts[0]
                data["goal_actual"] = texts[1] if len(texts) > 1 else None
                goal_cols = [c.col for c in row.cells if c.text.strip() and not _goal_label(c.text.strip())][:2]
            continue
        if "goal_expected" in data and not data["indicators"] and _goal_rest(row, goal_cols, data):
            continue
        if joined.startswith("总分"):
            numbers = [_number(c) for c in cells if _number(c) is not None]
            if numbers:
                data["total_weight"] = numbers[0]
                data["total_score"] = numbers[-1] if len(numbers) > 1 else None
            continue
        _indicator(row, data, (level1, level2), lines)
    return data


def _goal_rest(row: Row, cols: list[int | None], data: dict) -> bool:
    """A goal's text wrapped onto a tab row of its own: each piece in the column of the goal it
    continues (预期目标, 实际完成情况); a row with a piece anywhere else is not the goals'."""
    pieces = [c for c in row.cells if c.text.strip()]
    if row.grid is None or not pieces or None in cols or any(c.col not in cols for c in pieces) \
            or any(_NUM.match(clean(c.text)) for c in pieces):
        return False
    for cell in pieces:
        field = ("goal_expected", "goal_actual")[cols.index(cell.col)]
        data[field] = (data.get(field) or "") + cell.text.strip()
    return True


def _indicator(row: Row, data: dict, levels: tuple[str, str], lines: list[str] | None) -> None:
    cells = [c for c in row.cells if c.text.strip()]
    texts = [clean(c.text) for c in cells]
    if "一级指标" in "".join(texts):
        return
    level2 = next((t for t in texts if t in LEVEL2), None)
    if level2 is None and texts.count("满意度指标") >= 1:
        level2 = "满意度指标"
    rest = [c for c, t in zip(cells, texts) if t not in LEVEL1 + LEVEL2 and not _row_head(t, c.col)]
    scores = [i for i, c in enumerate(rest) if WEIGHT.match(clean(c.text))]
    pair = next((i for i in scores if i + 1 in scores and i >= 3), None)
    last = data["indicators"][-1] if data["indicators"] else None
    if pair is None:
        if level2 and not rest:
            level2 = {"社会效益": "社会效益指标", "经济效益": "经济效益指标"}.get(level2, level2)
            data["indicators"].append({"level1": LEVEL1_OF.get(level2, levels[0]), "level2": level2})
        elif last and last.get("_cols") and rest and not last.get("_unknown"):
            # a line keeping its trailing blanks shows its own width
            line = line_fields(lines, row)
            width = len(line) if line and not line[-1].strip() else None
            placed = place(last, rest, width, lines is not None, LABELS)
            if placed == AMBIGUOUS:
                last["_unknown"] = row
            elif not placed:
                data["_lost"].append(row)
        return
    level2 = level2 or levels[1]
    level2 = {"社会效益": "社会效益指标", "经济效益": "经济效益指标"}.get(level2, level2)
    fields = ("name", "target", "actual")
    entry = {"level1": LEVEL1_OF.get(level2, levels[0]), "level2": level2,
             "weight": _number(rest[pair].text), "score": _number(rest[pair + 1].text), "_cols": {},
             "_raw": {"weight": clean(rest[pair].text), "score": clean(rest[pair + 1].text)}}
    for field, cell in zip(fields, rest[pair - 3:pair]):
        entry[field] = tidy(cell.text)
        entry["_cols"][cell.col] = field
    score_col = rest[pair + 1].col
    if rest[pair].col is not None and score_col is not None:
        entry["_cols"].update({rest[pair].col: "weight", score_col: "score", score_col + 1: "deviation_reason"})
        line = line_fields(lines, row)
        if line and len(line) > score_col + 1:  # printed up to its 偏差原因 column: its width is its own
            entry["_width"] = len(line)
    if len(rest) > pair + 2:
        entry["deviation_reason"] = tidy(" ".join(c.text.strip() for c in rest[pair + 2:]))
        entry["_cols"][rest[pair + 2].col] = "deviation_reason"
    data["indicators"].append(entry)


def _text_projects(doc: Document, out: Collector) -> tuple[list[ProjectEvaluation], set[int], list[Row]]:
    """Forms printed as lines without tab cells (``performance_text``, ``performance_rows``): those
    read with certainty, the ids of every form's 项目名称 row, and the 项目名称 rows of those left out."""
    forms = text_forms(list(doc.rows())) if doc.kind == "text" else []
    source = source_lines(doc.path) if forms else None
    read, doubts = [], []
    for form in forms:
        header = read_header(form)
        try:
            if isinstance(header, str):
                raise Doubt(header)
            data, region = header
            try:
                data["indicators"] = read_rows(region, source)
            except Doubt:
                if any(len(row.cells) > 1 for row in region):
                    raise  # x positions (-layout): its own reading stands
                data["indicators"] = read_numbers(region)
                _texts_unread(form, len(read), data["indicators"], out)
            read.append(ProjectEvaluation.model_validate(data))
        except (Doubt, ValidationError) as exc:
            reason = str(exc) if isinstance(exc, Doubt) else f"{exc.errors()[0]['loc']} {exc.errors()[0]['msg']}"
            doubts.append((form, reason))
    for form, reason in doubts:
        row = form.rows[0]
        out.problem(f"绩效自评表“{clean(row.text)[4:30]}”未能确定读出，未收录：{reason} / self-evaluation form "
                    f"printed without cells not read with certainty, left out", page=row.page, line=row.line,
                    field_name="performance.projects")
    return read, {id(f.rows[0]) for f in forms}, [form.rows[0] for form, _ in doubts]


def _texts_unread(form, index: int, rows: list[dict], out: Collector) -> None:
    """A form read from its numbers only (``performance_numbers``): each indicator's texts are
    unknown, provenanced ``unread`` so that 审核 sets aside the findings that need them."""
    row = form.rows[0]
    out.problem(f"绩效自评表“{clean(row.text)[4:30]}”的指标文字折行、无栏位信息，只读出二级指标、分值与得分，"
                f"三级指标等文字未知 / self-evaluation form without positions: indicator numbers read, "
                f"texts unknown", page=row.page, line=row.line, field_name=f"performance.projects.{index}")
    for i, indicator in enumerate(rows):
        if "weight" in indicator:
            for field in TEXTS:
                out.sources[f"performance.projects.{index}.indicators.{i}.{field}"] = Source(
                    kind="unread", ref="自评表文字折行，无法确定所属栏与行 / wrapped text, column and row not "
                    "certain", file=out.file, page=row.page, line=row.line)


def _rows_unread(index: int, rows: list[tuple[int, Row]], out: Collector) -> None:
    """Indicators whose wrapped line two column offsets place differently (``performance_wrap``):
    their texts are unknown, provenanced ``unread``, so that 审核 sets aside what needs them."""
    for position, row in rows:
        out.unclear(row, "绩效自评表续行可归入不同栏，该行指标文字未知 / wrapped indicator line fits two column "
                    "offsets: the row's texts unknown: " + clean(row.text)[:40],
                    f"performance.projects.{index}.indicators.{position}")
        for field in TEXTS:
            out.sources[f"performance.projects.{index}.indicators.{position}.{field}"] = Source(
                kind="unread", ref="自评表续行可归入不同栏 / wrapped line, column not certain",
                file=out.file, page=row.page, line=row.line)


def parse_projects(doc: Document, out: Collector) -> list[ProjectEvaluation]:
    """The forms read; when a form was seen and left out, the list is incomplete: provenance
    ``performance.projects`` ``unread``, so 审核 sets aside what needs every form (N-012's count and
    totals, P-013's 平均得分) while each form kept is still checked (P-001…P-012)."""
    projects, text_rows, left_out = _text_projects(doc, out)
    lines = (source_lines(doc.path) or []) if doc.kind == "text" else None
    for year, rows, outside in _forms(doc):
        if id(rows[0]) in text_rows:
            continue
        data = _project(year, rows, lines)
        if not data["indicators"] and outside:
            # Kept with no indicator, the form would read as scored from nothing (false 错误s).
            out.problem(f"绩效自评表“{data['name']}”的指标行未能读出（表格无框线？），未收录 / indicator rows of "
                        f"this self-evaluation form not read (a table without ruling lines?), form left out",
                        page=rows[0].page, line=rows[0].line, field_name="performance.projects")
            left_out.append(rows[0])
            continue
        unknown = []
        for position, entry in enumerate(data["indicators"]):
            entry.pop("_cols", None)
            entry.pop("_raw", None)
            entry.pop("_width", None)
            if entry.get("_unknown") is not None:
                unknown.append((position, entry.pop("_unknown")))
                entry.update(dict.fromkeys(TEXTS))
        for row in data.pop("_lost"):
            out.unclear(row, "绩效自评表续行无法对齐 / wrapped indicator line not placed: " + clean(row.text)[:40],
                        "performance.projects")
        try:
            projects.append(ProjectEvaluation.model_validate(data))
            _rows_unread(len(projects) - 1, unknown, out)
        except ValidationError as exc:
            out.unclear(rows[0], f"绩效自评表无法读取 / self-evaluation form not understood: "
                        f"{exc.errors()[0]['loc']} {exc.errors()[0]['msg']}", "performance.projects")
            left_out.append(rows[0])
    if left_out:
        out.sources[INCOMPLETE] = Source(
            kind="unread", ref=f"{len(left_out)} 张绩效自评表未收录，所附自评表不全 / {len(left_out)} "
            f"self-evaluation forms left out, the list is incomplete", file=out.file,
            page=left_out[0].page, line=left_out[0].line)
    return projects
