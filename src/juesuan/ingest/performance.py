"""项目支出绩效自评表 → ``ProjectEvaluation``s (kept as printed, defects included).

Forms are split at each "项目名称" row. Rows are read by their content, not by a
fixed column count, because extracted forms shift cells (a missing leading blank,
a score printed "10.00分").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from ..model import ProjectEvaluation
from .collect import Collector
from .numbers import clean
from .pages import Document, Row

LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
          "可持续影响指标", "满意度指标", "社会效益", "经济效益")
FUND_LINES = (("年度资金总额", "total"), ("当年财政拨款", "current_appropriation"),
              ("上年结转", "carryover"), ("其他资金", "other"))
_NUM = re.compile(r"^-?\d+(?:\.\d+)?(?:分|%)?$")


def _number(text: str) -> Decimal | None:
    t = clean(text).rstrip("分%")
    try:
        return Decimal(t) if re.fullmatch(r"-?\d+(?:\.\d+)?", t) else None
    except InvalidOperation:
        return None


def _texts(row: Row) -> list[str]:
    return [c.text.strip() for c in row.cells if c.text.strip()]


def _forms(doc: Document) -> list[tuple[int, list[Row]]]:
    forms: list[tuple[int, list[Row]]] = []
    year = None
    for row in doc.rows():
        text = clean(row.text)
        match = re.search(r"[（(](20\d{2})年度?[）)]", text)
        if match and len(text) < 14:
            year = int(match.group(1))
        cells = _texts(row)
        if cells and clean(cells[0]) == "项目名称":
            forms.append((year or 0, [row]))
        elif forms and row.grid is not None:
            forms[-1][1].append(row)
        elif forms and "总分" in text:
            forms[-1][1].append(row)
    return forms


def _project(year: int, rows: list[Row]) -> dict:
    data: dict = {"name": "".join(_texts(rows[0])[1:2]) or "未命名项目", "year": year or None,
                  "funds": {}, "indicators": []}
    level1, level2, goal_next = "", "", False
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
        if fund:
            numbers = [c for c in cells if _NUM.match(clean(c))]
            if len(numbers) >= 3:
                data["funds"][fund[1]] = dict(zip(("initial_budget", "full_year_budget", "execution"),
                                                  (clean(n) for n in numbers[:3])))
            if fund[1] == "total" and len(numbers) >= 6:
                data["execution_weight"] = _number(numbers[3])
                data["execution_rate"] = _number(numbers[4])
                data["execution_score"] = _number(numbers[5])
            continue
        if "预期目标" in joined:
            goal_next = True
            continue
        if goal_next:
            goal_next = False
            texts = [c for c in cells if c not in ("年度总体目标",)]
            if texts:
                data["goal_expected"] = texts[0]
                data["goal_actual"] = texts[1] if len(texts) > 1 else None
            continue
        if joined.startswith("总分"):
            numbers = [_number(c) for c in cells if _number(c) is not None]
            if numbers:
                data["total_weight"] = numbers[0]
                data["total_score"] = numbers[-1] if len(numbers) > 1 else None
            continue
        _indicator(cells, data, (level1, level2))
        for c in cells:
            if clean(c) in LEVEL1:
                level1 = clean(c)
        for c in cells:
            if clean(c) in LEVEL2:
                level2 = clean(c)
        if data["indicators"] and data["indicators"][-1].get("_new"):
            data["indicators"][-1].pop("_new")
            data["indicators"][-1]["level1"] = data["indicators"][-1]["level1"] or level1
    return data


def _indicator(cells: list[str], data: dict, levels: tuple[str, str]) -> None:
    if "一级指标" in "".join(cells):
        return
    level1 = next((clean(c) for c in cells if clean(c) in LEVEL1), levels[0])
    level2 = next((clean(c) for c in cells if clean(c) in LEVEL2 and clean(c) != level1), None)
    if level2 is None and level1 == "满意度指标" and cells.count("满意度指标") >= 2:
        level2 = "满意度指标"
    rest = [c for c in cells if clean(c) not in LEVEL1 + LEVEL2 and clean(c) not in ("年度绩效指标完成情况",)]
    numeric = [i for i, c in enumerate(rest) if _number(c) is not None and _NUM.match(clean(c))]
    pair = next((i for i in numeric if i + 1 in numeric and i >= 3), None)
    if pair is None:
        if level2 and not rest:
            data["indicators"].append({"level1": level1, "level2": level2, "_new": True})
        return
    name, target, actual = rest[pair - 3], rest[pair - 2], rest[pair - 1]
    entry = {"level1": level1, "level2": level2 or levels[1], "name": name, "target": target, "actual": actual,
             "weight": _number(rest[pair]), "score": _number(rest[pair + 1]), "_new": True}
    if len(rest) > pair + 2:
        entry["deviation_reason"] = re.sub(r"\s+", "", "".join(rest[pair + 2:]))
    data["indicators"].append(entry)


def parse_projects(doc: Document, out: Collector) -> list[ProjectEvaluation]:
    projects = []
    for year, rows in _forms(doc):
        data = _project(year, rows)
        for entry in data["indicators"]:
            entry.pop("_new", None)
        try:
            projects.append(ProjectEvaluation.model_validate(data))
        except ValidationError as exc:
            out.unclear(rows[0], f"绩效自评表无法读取 / self-evaluation form not understood: "
                        f"{exc.errors()[0]['loc']} {exc.errors()[0]['msg']}", "performance.projects")
    return projects
