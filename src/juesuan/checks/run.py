"""Run a rule set over a disclosure: crash-proof, then merge rounding differences.

Each rule runs inside its own guard: an exception becomes a 警告 of that rule (R-002
records the catalogue entry). Rounding-level differences that rules set aside
(``tolerance.defer_rounding``) are merged into ONE 提示 per table (R-001).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from ..model import TABLE_KEYS
from .defects import consolidate
from .finding import SEVERITY_RANK, Finding, Location, at_least
from .registry import LOAD_ERRORS, REGISTRY, Registry, Rule, RuleContext, load_builtin
from .tolerance import PRINTED_TWICE_RULE, ROUNDING_KEY
from .unknown import ALL_FORMS, rerun_rules, set_aside_dependent, tables_of

_TABLE_NAMES = {key: f"{code} {title}" for key, code, title in TABLE_KEYS} | {
    "procurement": "政府采购情况", "assets": "国有资产占用情况", "情况说明": "情况说明",
    "performance": "项目支出绩效自评表"}


@dataclass(frozen=True)
class Report:
    """The findings of one check, most severe first, plus what was checked."""

    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...] = ()
    department: str = ""
    year: int | None = None
    profile: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "错误" for f in self.findings)

    def at_least(self, minimum: str) -> "Report":
        kept = tuple(f for f in self.findings if at_least(f.severity, minimum))
        return Report(kept, self.rules_run, self.department, self.year, self.profile, _count(kept))

    def flat(self, *fields: str) -> list[tuple[Any, ...]]:
        return [f.flat(*fields) for f in self.findings]

    def by_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.rule_id == rule_id]


def _count(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"错误": 0, "警告": 0, "提示": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def _crash(rule: Rule, exc: BaseException) -> Finding:
    return Finding(rule.id, "警告", Location(text=f"规则 {rule.id}"),
                   f"规则运行出错，本项未能审核：{type(exc).__name__}: {exc}",
                   suggestion="请向 juesuan 报告此问题；其余规则不受影响")


def merge_rounding(groups: dict[str, list[Finding]]) -> list[Finding]:
    """One 提示 per table listing every rounding-level difference found in it."""
    merged = []
    for group, findings in groups.items():
        parts = [f"{f.location.text} 差 {f.difference}（{f.rule_id}）" for f in findings]
        items = tuple(dict.fromkeys(i for f in findings for i in f.items()))
        total = sum((abs(f.difference or Decimal(0)) for f in findings), Decimal(0))
        name = _TABLE_NAMES.get(group, group)
        merged.append(Finding(
            "R-001", "提示", Location(text=name, table=group),
            f"{name}有{len(findings)}处舍入差异（在打印精度的舍入范围内）：" + "；".join(parts),
            difference=total, related=items,
            suggestion="通常由万元取整造成，可不修改；如能以元为单位重新汇总更好"))
    return merged


def run_check(disclosure: Any, prev: Any = None, profile: str | None = None,
              registry: Registry | None = None) -> Report:
    """Run every applicable rule; never raises because of the disclosure's content."""
    rules = registry if registry is not None else load_builtin()
    profile = profile or disclosure.meta.profile
    shared: dict[str, Any] = {}
    findings: list[Finding] = []
    ran = []
    for rule in rules.select(profile, disclosure.meta.year):
        if rule.check is None:
            continue
        ran.append(rule.id)
        context = RuleContext(disclosure, prev, profile, rule, shared)
        try:
            findings.extend(rule.check(context))
        except Exception as exc:  # noqa: BLE001 - a crashing rule is a finding, never a crash
            findings.append(_crash(rule, exc))
    for module, error in LOAD_ERRORS if registry is None else ():
        findings.append(Finding("R-002", "警告", Location(text=module), f"规则模块加载失败：{error}"))
    try:  # one finding per defect (checks/defects.py)
        findings = consolidate(disclosure, findings, shared)
    except Exception as exc:  # noqa: BLE001 - the identity findings stand as they are
        findings.append(_crash(REGISTRY.get("T00-001"), exc))
    findings.extend(merge_rounding(shared.get(ROUNDING_KEY, {})))
    rerun = rerun_rules(rules.select(profile, disclosure.meta.year), prev, profile)
    findings, dependent = set_aside_dependent(disclosure, findings, rerun)  # unknown is never zero
    counted = tables_of(disclosure, dependent, rerun) if dependent else {}
    findings = _set_aside_missing_tables(disclosure, findings, counted)
    findings = _set_aside_unread(disclosure, findings, counted)
    findings.sort(key=lambda f: -SEVERITY_RANK[f.severity])
    return Report(tuple(findings), tuple(ran), disclosure.meta.department, disclosure.meta.year,
                  profile, _count(findings))


def _set_aside_missing_tables(disclosure: Any, findings: list[Finding], counted: dict[int, str]) -> list[Finding]:
    """Comparisons against a table the source does not contain are not findings (its cells are
    unknown, not zero): drop them and say once per table how many could not be made (R-003).
    Completeness rules (C-…) still report the missing table itself."""
    missing = {key for key, _, _ in TABLE_KEYS if getattr(disclosure.tables, key).missing}
    if not missing:
        return findings
    kept, skipped = [], dict.fromkeys(sorted(missing), 0)
    for table in counted.values():  # set aside by ``unknown.set_aside_dependent``
        if table in skipped:
            skipped[table] += 1
    for finding in findings:
        tables = {item.split(".", 1)[0] for item in finding.items()} & missing
        if tables and not finding.rule_id.startswith("C-"):
            for table in tables:
                skipped[table] += 1
            continue
        kept.append(finding)
    for table, count in skipped.items():
        kept.append(Finding("R-003", "提示", Location(text=_TABLE_NAMES[table], table=table),
                            f"文件中没有{_TABLE_NAMES[table]}，与之相关的 {count} 项核对未进行"))
    return kept


def _set_aside_unread(disclosure: Any, findings: list[Finding], counted: dict[int, str]) -> list[Finding]:
    """Comparisons that use a value a reader could not place (provenance ``unread``) are not
    findings: set them aside and say per table how many (R-004)."""
    unread = {path for path, source in disclosure.provenance.items() if source.kind == "unread"}
    if not unread:
        return findings
    kept, skipped = [], {}
    for table in counted.values():  # set aside by ``unknown.set_aside_dependent``
        skipped[table] = skipped.get(table, 0) + 1
    for finding in findings:
        used = set(finding.items()) & unread
        if used and not finding.rule_id.startswith("C-"):
            for table in {path.split(".", 1)[0] for path in used}:
                skipped[table] = skipped.get(table, 0) + 1
            continue
        kept.append(finding)
    cells = {}
    for path in unread:
        table = path.split(".", 1)[0]
        cells[table] = cells.get(table, 0) + 1
    for table in sorted(cells):
        name = _TABLE_NAMES.get(table, table)
        if table == "performance" and ALL_FORMS in unread:
            what = "有未能读出的表，所附自评表不全"
        elif table == "performance":  # a form read by its numbers only: its indicators' texts are unknown
            what = f"有 {cells[table]} 处文字（指标名称、指标值、实际完成值或偏差原因）读回时未能确定"
        else:
            what = f"有 {cells[table]} 个单元格读回时未能确定栏目（数值未知）"
        kept.append(Finding("R-004", "提示", Location(text=name, table=table),
                            f"{name}{what}，与之相关的 {skipped.get(table, 0)} 项核对未进行"))
    return kept


REGISTRY.add(Rule("R-004", "运行", "提示", "读回时未能确定栏目的单元格：与之相关的核对不进行，只报告未核对的项数",
                  None, "解析已公开文件时某行有金额无法对应到栏目，该行其余未读出的单元格数值未知而非为零，"
                  "不据此报错（见解析报告中“栏目无法确定”）。", source=__name__))
REGISTRY.add(Rule("R-003", "运行", "提示", "文件中缺少的表：与之相关的核对不进行，只报告未核对的项数", None,
                  "读回的文件没有某张表（如“见附表”而附表未附）时，该表的数字未知而非为零，不据此报错。",
                  source=__name__))
REGISTRY.add(Rule("R-001", "运行", "提示", "舍入差异汇总：同一张表内打印精度范围内的差异合并为一条提示", None,
                  "所涉各数在各自打印精度半个单位内取某些精确值即可使等式成立（区间运算，见 checks/tolerance.py）"
                  "时视为舍入尾差；空白/零值视为精确。",
                  source=__name__))
REGISTRY.add(Rule(PRINTED_TWICE_RULE, "运行", "警告",
                  "同一数字两处打印不一致：相差一个末位单位、舍入无法解释（如一表326.71、另一表326.72）", None,
                  "同一数字在两张表（或表与说明）中打印为相差一个末位单位的两个数时，不存在同时取整为两者的精确值，"
                  "其中一处必有误；通常是一处由元直接取整、另一处由取整后的数相加，故为警告而非错误。原恒等式编号见消息末尾。",
                  source=__name__))
REGISTRY.add(Rule("R-002", "运行", "警告", "规则运行出错或规则模块加载失败（不中断审核）", None,
                  "规则抛出异常时记为该规则的一条警告，其余规则照常运行。", source=__name__))
