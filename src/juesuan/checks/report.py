"""One formatter per output: compiler-style text, JSON, a self-contained HTML page.

Text lines read ``location: [rule-id] message (expected X, actual Y, diff Z)`` so that
editors and CI logs can jump to them, as beancount prints ``file:line: message``.
"""

from __future__ import annotations

import html
import json
from decimal import Decimal
from typing import Any

from .finding import Finding
from .run import Report


def _value(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def format_finding(finding: Finding) -> str:
    """``location: [rule-id] 严重程度 message (expected X, actual Y, diff Z)``."""
    details = []
    if finding.expected is not None:
        details.append(f"expected {_value(finding.expected)}")
    if finding.actual is not None:
        details.append(f"actual {_value(finding.actual)}")
    if finding.difference is not None:
        details.append(f"diff {_value(finding.difference)}")
    tail = f" ({', '.join(details)})" if details else ""
    return f"{finding.location}: [{finding.rule_id}] {finding.severity} {finding.message}{_broken(finding)}{tail}"


def _broken(finding: Finding) -> str:
    """The identities one defect breaks (``Finding.related_rules``), after the message."""
    rules = finding.related_rules
    if not rules:
        return ""
    shown = "；".join(rules[:5]) + (f"；……共 {len(rules)} 个" if len(rules) > 5 else "")  # JSON keeps them all
    return f"（所涉恒等式：{shown}）"


def summary_line(report: Report) -> str:
    c = report.counts
    return (f"{report.department} {report.year}年度：错误 {c.get('错误', 0)}，警告 {c.get('警告', 0)}，"
            f"提示 {c.get('提示', 0)}（规则 {len(report.rules_run)} 条）")


def to_text(report: Report) -> str:
    lines = [format_finding(f) for f in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def to_data(report: Report) -> dict[str, Any]:
    return {
        "department": report.department, "year": report.year, "profile": report.profile,
        "counts": report.counts, "rules_run": list(report.rules_run),
        "findings": [f.as_dict() for f in report.findings],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2)


_STYLE = """body{font-family:"Noto Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}
th{background:#f3f3f3}.错误{color:#b00020;font-weight:bold}.警告{color:#a15c00}.提示{color:#555}
td.num{text-align:right;font-family:monospace}"""


def to_html(report: Report) -> str:
    """A self-contained page (inline CSS, no scripts, no external resources)."""
    rows = []
    for f in report.findings:
        cells = [f'<td class="{f.severity}">{f.severity}</td>', f"<td>{html.escape(f.rule_id)}</td>",
                 f"<td>{html.escape(str(f.location))}</td>", f"<td>{html.escape(f.message + _broken(f))}</td>"]
        for value in (f.expected, f.actual, f.difference):
            cells.append(f'<td class="num">{"" if value is None else html.escape(_value(value))}</td>')
        cells.append(f"<td>{html.escape(f.suggestion or '')}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("级别", "规则", "位置", "问题", "应为", "实为", "差额", "建议"))
    title = html.escape(f"{report.department} {report.year}年度部门决算 审核报告")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{title}</h1><p>{html.escape(summary_line(report))}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n")


FORMATS = {"text": to_text, "json": to_json, "html": to_html}
