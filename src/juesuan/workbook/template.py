"""``juesuan init -o 部门.yaml``: the same inputs as the workbook, as a commented Chinese YAML.

Every field of ``fields.FIELD_SHEETS`` appears under its YAML path with its label, 必填 and
hint as a comment and an empty value (unknown, never 0). The nine tables are left to the
workbook or to the finance software's export (``juesuan import``), as a comment says.
"""

from __future__ import annotations

import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..reference.fields import COMPARISON_SHEET, FIELD_SHEETS, kind_of


def _comment(field) -> str:
    text = field.label + ("（必填）" if field.required else "")
    return text + (f"：{field.help}" if field.help else "")


def yaml_template(department: str, year: int, profile: str) -> str:
    root = CommentedMap()
    presets = {"meta.department": department, "meta.year": year, "meta.profile": profile}
    lists: dict[str, list[str]] = {}
    for sheet in FIELD_SHEETS:
        for field in sheet.fields:
            parts = field.path.split(".")
            digit = next((i for i, p in enumerate(parts) if p.isdigit()), None)
            if digit is not None:  # list items: an empty list, its keys in the comment
                if parts[digit] == "0":
                    lists.setdefault(".".join(parts[:digit]), []).append(f"{parts[-1]}: …")
                continue
            if parts[-2] in ("vehicles_by_category", "grade_counts"):
                lists.setdefault(".".join(parts[:-1]), []).append(f"{parts[-1]}: …")
                continue
            node = root
            for part in parts[:-1]:
                node = node.setdefault(part, CommentedMap())
            node[parts[-1]] = [] if kind_of(field.path) == "lines" else presets.get(field.path)
            node.yaml_add_eol_comment(_comment(field), parts[-1])
    for path, keys in lists.items():
        parts = path.split(".")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, CommentedMap())
        is_list = parts[-1] in ("units", "receptions")
        node[parts[-1]] = [] if is_list else CommentedMap()
        node.yaml_add_eol_comment(("每项：- {" if is_list else "{") + ", ".join(keys) + "}", parts[-1])
    root["comparisons"] = CommentedMap()
    root.yaml_set_comment_before_after_key(
        "comparisons", before=f"{COMPARISON_SHEET}：每个项目一项，如\n"
        "  general_budget.2010308.total: {prior_year: 4.00, reason: …}\n"
        "  summary.income.grand_total: {prior_year: …, reason: …}")
    root.yaml_set_start_comment(
        f"{department} {year}年度部门决算公开 数据文件（juesuan init 生成，模板 {profile}）\n"
        "九张公开表：用 juesuan init -o 工作簿.xlsx 生成的填报工作簿或财务软件导出的九张表，"
        "juesuan import 工作簿.xlsx -o 本文件 导入（本文件的注释和其他内容保持不变）。\n"
        "空值表示未知（不是 0）；“必填”项缺少时 juesuan check 列为待补充，正式生成被拒绝。")
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue()
