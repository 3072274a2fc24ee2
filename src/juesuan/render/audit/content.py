"""What every format of the audit report prints, made once: the header, the counts, each finding's texts.

HTML, DOCX and PDF call these, so the report for filing says what the page on screen says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .group import plain, where

if TYPE_CHECKING:
    from . import Audit

SEVERITIES = ("错误", "警告", "提示")


def title_of(audit: "Audit") -> str:
    year = f"{audit.year}年度" if audit.year else ""
    return f"{audit.department or '（部门未读出）'}{year}部门决算 审核报告"


def meta_rows(audit: "Audit") -> list[tuple[str, str]]:
    return [("文件", audit.name), ("部门", audit.department), ("年度", str(audit.year or "")),
            ("模板", audit.profile or ""), ("工具版本", f"juesuan {audit.tool_version}"), ("规则集", audit.ruleset),
            ("文件 SHA-256", audit.sha256), ("审核日期", audit.date)]


def family_counts(audit: "Audit") -> list[tuple[str, dict[str, int]]]:
    """(family, count by severity) in the order the families first occur, then ("合计", totals)."""
    fams: dict[str, dict[str, int]] = {}
    for f in audit.findings:
        fams.setdefault(audit.family_of(f), dict.fromkeys(SEVERITIES, 0))[f["severity"]] += 1
    total = audit.counts()
    return [*fams.items(), ("合计", {s: total.get(s, 0) for s in SEVERITIES})]


def filing_cells(audit: "Audit", f: dict[str, Any]) -> list[str]:
    """级别, 规则, 位置, 问题 (with 应为/实为/差额), 建议: one finding as the DOCX and PDF print it."""
    info = audit.rules.get(f["rule_id"])
    figures = "；".join(f"{label}{plain(str(f[key]))}" for label, key in (
        ("应为 ", "expected"), ("实为 ", "actual"), ("差额 ", "difference")) if f.get(key) is not None)
    message = plain(f["message"])
    if f.get("related_rules"):
        message += "（所涉恒等式：" + "；".join(f["related_rules"]) + "）"
    return [f["severity"], f"{f['rule_id']} {info.title if info else ''}", where(f),
            message + (f"（{figures}）" if figures else ""), plain(f.get("suggestion") or "")]


FILING_HEAD = ["级别", "规则", "位置", "问题", "建议"]
