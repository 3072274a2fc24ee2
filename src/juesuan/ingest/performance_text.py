"""项目支出绩效自评表 from text without tab cells (pdftotext raw/-layout, pdfplumber, a viewer's copy).

The form's fixed labels are the anchors: 项目名称, 主管部门/实施单位, the four 项目资金 lines, the
indicator header, 总分. A 资金 line is placed by the form's own order (年初预算数, 全年预算数, 全年执行数,
then 分值, 执行率 "…%", 得分 on 年度资金总额); one with fewer values is not guessed. The indicator rows
are read by ``performance_layout`` (columns from x) or, for text without positions, only where every
row is printed on one line. A form with anything in doubt is returned as ``None`` with the reason:
its findings would be findings about the reading.
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass
from pathlib import Path

from .numbers import clean
from .pages import Row

FUNDS = (("年度资金总额", "total"), ("当年财政拨款", "current_appropriation"), ("上年结转", "carryover"),
         ("其他资金", "other"))
LEVEL1 = ("产出指标", "效益指标", "满意度指标")
# each 二级指标 with its 一级指标, in the form's order (performance-scoring.md §1); the short names
# some forms print ("社会效益") right after their full ones. One list for every 自评表 reader.
LEVEL1_OF = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
             "经济效益指标": "效益指标", "经济效益": "效益指标", "社会效益指标": "效益指标", "社会效益": "效益指标",
             "生态效益指标": "效益指标", "可持续影响指标": "效益指标",
             "满意度指标": "满意度指标", "服务对象满意度指标": "满意度指标"}
LEVEL2 = tuple(LEVEL1_OF)
# the merged left label in its printed pieces, and the 一级指标 labels printed once down many rows
LABELS = frozenset(("年度绩效", "指标完成", "情况", "年度绩效指标完成情况", "绩效指标", "年度", "指标完成情况", *LEVEL1))
AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
SCORE = re.compile(r"^\d+(?:\.\d+)?$")
RATE = re.compile(r"^\d+(?:\.\d+)?%$")
DASH = re.compile(r"^[—–\-－]+$")
# lines a page break puts inside a form: folio, running head, the continued form's title and header
NOISE = re.compile(r"^(?:[—–-]\s*\d+\s*[—–-]|编制单位[:：]|项目支出绩效自评表|[（(]项目名称[:：]|[（(]\d{4}年度?[）)]$)")
HEADER = ("一级指标", "二级指标", "三级指标")
WEIGHT = re.compile(r"^-?\d+(?:\.\d+)?分?$")  # a 分值/得分 as any shape prints it: never with "%"
TEXT_FIELDS = ("name", "target", "actual", "deviation_reason")  # an indicator row's texts, in printed order


def number(text: str) -> Decimal | None:
    """A weight, score or rate as printed ("10.00分", "95%") → its number; None for anything else."""
    t = clean(text).rstrip("分%")
    return Decimal(t) if re.fullmatch(r"-?\d+(?:\.\d+)?", t) else None


@dataclass
class Form:
    """One form's lines (non-tab rows), from its 项目名称 line to its 总分 line."""

    year: int
    rows: list[Row]


def text_forms(rows: list[Row]) -> list[Form]:
    """Forms printed as plain lines: a 项目名称 line outside any tab grid opens one, 总分 closes it."""
    forms: list[Form] = []
    year, current = 0, None
    for row in rows:
        text = clean(row.text)
        match = re.search(r"[（(](20\d{2})年度?[）)]", text)
        if match and len(text) < 14:
            year = int(match.group(1))
        if row.grid is None and re.match(r"^项目名称[:：]?\S", text):
            current = Form(year, [row])
            forms.append(current)
        elif current is not None:
            current.rows.append(row)
            if text.startswith("总分"):
                current = None
    return [f for f in forms if clean(f.rows[-1].text).startswith("总分")]


def source_lines(path: str) -> list[str] | None:
    """The text file's lines as ``load_text`` numbers them (newlines only; form feeds kept)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return re.split(r"\r\n|\r|\n", data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return None


def tokens(text: str) -> list[str]:
    return text.split()


def _funds_line(values: list[str], with_scores: bool) -> tuple[dict, list[str]] | None:
    """(three amounts, [分值, 执行率, 得分]) as printed in order; None when a value is missing."""
    amounts = [v.replace(",", "") for v in values[:3]]
    if len(values) < 3 or not all(AMOUNT.match(v) or SCORE.match(v) for v in values[:3]):
        return None
    rest = values[3:]
    if with_scores and not (len(rest) == 3 and SCORE.match(rest[0]) and RATE.match(rest[1]) and SCORE.match(rest[2])):
        return None
    if not with_scores and not all(DASH.match(v) for v in rest):
        return None
    return dict(zip(("initial_budget", "full_year_budget", "execution"), amounts)), rest


def read_header(form: Form) -> tuple[dict, list[Row]] | str:
    """Name, units, funds, 执行率 row and 总分; and the indicator region's rows. A string says why not."""
    first = clean(form.rows[0].text)
    data: dict = {"name": re.sub(r"^项目名称[:：]?", "", first), "year": form.year or None, "funds": {},
                  "indicators": []}
    region: list[Row] | None = None
    seen: set[str] = set()
    for row in form.rows[1:]:
        text = row.text.strip()
        flat = clean(text)
        if region is not None:
            if flat.startswith("总分"):
                values = tokens(text)[1:]
                if len(values) != 2 or not all(SCORE.match(v) for v in values):
                    return f"总分行无法读出：{flat[:30]}"
                data["total_weight"], data["total_score"] = values
            elif not NOISE.match(flat) and not all(h in flat for h in HEADER):
                region.append(row)
            continue
        if flat.startswith("主管部门") and "实施单位" in flat:
            department, _, implementer = re.sub(r"^主管部门[:：]?", "", flat).partition("实施单位")
            data["department"], data["implementer"] = department or None, implementer.lstrip(":：") or None
            continue
        fund = next(((label, field) for label, field in FUNDS if label in flat), None)
        if fund:
            values = [v for v in tokens(text) if not re.search(r"[\u4e00-\u9fff]", v)]
            if fund[1] in seen:
                return f"项目资金“{fund[0]}”行出现两次"
            seen.add(fund[1])
            if fund[1] != "total" and values and all(DASH.match(v) for v in values):
                continue  # a part printed "—" in every column: not filled in, left unknown
            placed = _funds_line(values, fund[1] == "total")
            if placed is None:
                return f"项目资金“{fund[0]}”行的数值无法逐栏确定：{flat[:40]}"
            data["funds"][fund[1]], rest = placed
            if fund[1] == "total":
                data["execution_weight"], data["execution_rate"], data["execution_score"] = \
                    rest[0], rest[1].rstrip("%"), rest[2]
            continue
        if all(h in flat for h in HEADER):
            region = []
    if region is None or "total_score" not in data:
        return "未见指标表头或总分行"
    if seen != {f for _, f in FUNDS} or "total" not in data["funds"]:
        return "项目资金四行未全部读出"
    return data, region
