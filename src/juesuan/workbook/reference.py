"""docs/field-reference.md, generated: 表/栏 → YAML field → required → which 说明 sections use it.

``python -m juesuan.workbook.reference > docs/field-reference.md``. Table columns come from
the grids (the layout every renderer and the workbook print), the other inputs from
``fields.FIELD_SHEETS``, section titles from the profiles; which sections print a table's
figures is read from the claims the narrative composes for the worked examples.
"""

from __future__ import annotations

from pathlib import Path

from ..model import TABLE_KEYS
from ..model.items import COLUMN_LABELS
from ..model.tables import Tables
from ..reference.profiles import Profile, list_profiles
from ..reference.fields import COMPARISON_COLUMNS, COMPARISON_SHEET, FIELD_SHEETS, kind_of

KINDS = {"money": "金额（万元，两位小数）", "number": "数字", "int": "整数", "text": "文字", "date": "日期 YYYY-MM-DD",
         "lines": "多项，每行一项"}
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _section_titles(section_id: str) -> str:
    titles = []
    for pid in list_profiles():
        section = Profile.load(pid).section(section_id)
        if section is not None:
            titles.append(f"{pid}: {section.number}{section.title}")
    return "；".join(titles) or "—"


def _table_sections() -> dict[str, set[str]]:
    """Table key → the section ids whose sentences print one of its figures (both examples)."""
    from .. import fileformat
    from ..narrative import compose

    used: dict[str, set[str]] = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        document = compose(fileformat.load(path))
        for section in document.sections:
            for claim in (c for p in section.paragraphs for c in p.claims):
                used.setdefault(claim.item.split(".", 1)[0], set()).add(section.id)
    return used


def _columns(key: str) -> str:
    row_type = getattr(Tables.model_fields[key].annotation, "row_type", None)
    if row_type is None:
        return "按行名（见工作簿）"
    return "、".join(f"{COLUMN_LABELS.get(c, c)} `{c}`" for c in row_type.amount_columns)


def render() -> str:
    lines = ["# 字段参考 / field reference", "",
             "由 `python -m juesuan.workbook.reference > docs/field-reference.md` 生成，请勿手改。",
             "Generated from the model, the profiles and `juesuan/reference/fields.py`; do not edit by hand.", "",
             "“必填”：情况说明用到它，缺少时生成处出现【请补充…】，`juesuan check` 列为 I-001 待补充，正式生成被拒绝。", "",
             "## 九张公开表 / the nine tables", "",
             "| 表 | 工作表 | YAML 字段 | 栏 | 必填 | 说明中使用（章节） |", "|---|---|---|---|---|---|"]
    used = _table_sections()
    for key, code, title in TABLE_KEYS:
        sections = "；".join(_section_titles(s) for s in sorted(used.get(key, ())) if _section_titles(s) != "—")
        lines.append(f"| {code} {title} | {code} | `tables.{key}` | {_columns(key)} | 是 | {sections or '—'} |")
    for sheet in FIELD_SHEETS:
        lines += ["", f"## {sheet.name}：{sheet.title}", "",
                  "| 项目 | YAML 字段 | 类型 | 必填 | 说明中使用（章节） | 填写提示 |", "|---|---|---|---|---|---|"]
        seen: set[str] = set()
        for field in sheet.fields:
            path = field.path
            if any(part.isdigit() for part in path.split(".")):  # one line per list column, not per row
                path = ".".join("N" if part.isdigit() else part for part in path.split("."))
                if path in seen:
                    continue
                seen.add(path)
            label = field.label.split("第1行 ")[-1] if "第1行" in field.label else field.label
            sections = _section_titles(field.section) if field.section else "—"
            lines.append(f"| {label} | `{path}` | {KINDS[kind_of(field.path)]} | {'是' if field.required else ''} | "
                         f"{sections} | {field.help} |")
    lines += ["", f"## {COMPARISON_SHEET}", "",
              "每行一个项目：`comparisons.<项目路径>`（项目路径如 `general_budget.2010308.total`，或在工作簿中填 7 位科目编码）。",
              "", "| 栏 | YAML 字段 | 类型 |", "|---|---|---|"]
    for name, text in COMPARISON_COLUMNS:
        kind = "money" if name in ("prior_year", "initial_budget", "full_year_budget") else "text"
        lines.append(f"| {text} | `comparisons.<项目>.{name}` | {KINDS[kind]} |")
    lines += ["", "## 项目支出绩效自评表", "",
              "每个项目一张“自评表”工作表（财政部附件1 格式，`juesuan.scoring.form`），导入为 `performance.projects`。", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render())
