"""One 自评表 as a whole: funds arithmetic, 执行率 and its score, Σ分值, 总分, grade.

``score_project(project, policy)`` returns a ``ProjectScore`` (data) holding every
``IndicatorScore`` and every ``Issue``; ``score_performance`` does all projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model.memo import ObjectMemo
from ..model.money import round2
from ..model.performance import Performance, ProjectEvaluation
from . import explain
from .engine import IndicatorScore, quantize, score_indicator
from .issues import (
    ERROR, EXEC_RATE, EXEC_SCORE, FUNDS_SUM, INFO, MISSING, SCORE_RANGE, TOTAL_SUM, WARNING,
    WEIGHT_SPLIT, WEIGHT_SUM, Issue,
)
from .policies import Policy, load_policy

HUNDRED = Decimal(100)
HALF_CENT = Decimal("0.005")
FUNDS_PARTS = (("current_appropriation", "其中：当年财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金"))
FUNDS_COLUMNS = (("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"), ("execution", "全年执行数"))


@dataclass(frozen=True)
class ProjectScore:
    """A 自评表 recomputed under one policy, next to its printed figures."""

    project: ProjectEvaluation
    policy: str
    execution_rate: Decimal | None
    """全年执行数 / 全年预算数 × 100, 2 decimals."""
    execution_score: Decimal | None
    execution_explanation: str
    indicators: tuple[IndicatorScore, ...]
    weight_sum: Decimal
    """执行率分值 + Σ 三级指标分值."""
    printed_sum: Decimal
    """Printed 执行率得分 + Σ printed 得分 (what the 总分 should equal)."""
    recomputed_total: Decimal
    grade: str | None
    """Grade of the reported 总分 under the policy."""
    recomputed_grade: str | None
    issues: tuple[Issue, ...]

    @property
    def name(self) -> str:
        return self.project.name

    @property
    def reported_total(self) -> Decimal | None:
        return self.project.total_score

    @property
    def difference(self) -> Decimal | None:
        """Recomputed − reported 总分."""
        return None if self.reported_total is None else self.recomputed_total - self.reported_total

    @property
    def all_issues(self) -> tuple[Issue, ...]:
        return self.issues + tuple(i for s in self.indicators for i in s.issues)


def _funds_issues(project: ProjectEvaluation) -> list[Issue]:
    issues = []
    for column, label in FUNDS_COLUMNS:
        total = getattr(project.funds.total, column)
        parts = [(name, getattr(getattr(project.funds, key), column)) for key, name in FUNDS_PARTS]
        missing = [name for name, value in parts if value is None]
        if total is None:
            continue
        if missing:
            issues.append(Issue(FUNDS_SUM, INFO, project.name, None,
                                f"项目资金{label}：{'、'.join(missing)}未填，无法核对年度资金总额"))
            continue
        expected = sum((value for _, value in parts), Decimal(0))
        if expected != total:
            # each printed addend may be off by half a cent: within that envelope it is rounding
            envelope = HALF_CENT * sum(1 for _, value in parts if value)
            severity, why = (INFO, "（舍入差异）") if abs(expected - total) <= envelope else (ERROR, "")
            issues.append(Issue(FUNDS_SUM, severity, project.name, None,
                                f"项目资金{label}：年度资金总额{total} ≠ 当年财政拨款 + 上年结转资金 + 其他资金 = {expected}{why}",
                                expected, total))
    return issues


def _execution(project: ProjectEvaluation, policy: Policy, issues: list[Issue]) -> tuple[Decimal | None, Decimal | None, str]:
    budget, spent = project.funds.total.full_year_budget, project.funds.total.execution
    weight = project.execution_weight if project.execution_weight is not None else policy.execution.weight
    if not budget or spent is None:
        return None, None, explain.execution(None, weight, None, True)
    rate = round2(spent / budget * HUNDRED)
    capped = policy.execution.rule == "capped_ratio"
    score = quantize((min(rate, HUNDRED) if capped else rate) / HUNDRED * weight, policy)
    if project.execution_rate is not None and abs(project.execution_rate - rate) > Decimal("0.01"):
        issues.append(Issue(EXEC_RATE, ERROR, project.name, "预算执行率",
                            f"执行率印为{project.execution_rate}%，全年执行数/全年预算数 = {rate}%", rate,
                            project.execution_rate))
    printed = project.execution_score
    if printed is None:
        issues.append(Issue(MISSING, ERROR, project.name, "预算执行率", "未填预算执行率得分"))
    elif printed > weight:
        issues.append(Issue(SCORE_RANGE, ERROR, project.name, "预算执行率",
                            f"预算执行率得分{printed}超过分值{weight}", weight, printed))
    elif abs(printed - score) > policy.rounding.tolerance:
        issues.append(Issue(EXEC_SCORE, WARNING, project.name, "预算执行率",
                            f"预算执行率得分{printed}与规则得分{score}不符", score, printed))
    return rate, score, explain.execution(rate, weight, score, capped)


def _weight_issues(project: ProjectEvaluation, policy: Policy, weight_sum: Decimal) -> list[Issue]:
    issues = []
    if weight_sum != policy.total_weight or (project.total_weight is not None and project.total_weight != weight_sum):
        issues.append(Issue(WEIGHT_SUM, ERROR, project.name, None,
                            f"执行率分值与各三级指标分值之和为{weight_sum}，应为{policy.total_weight}"
                            + (f"（表中总分值印为{project.total_weight}）" if project.total_weight is not None else ""),
                            policy.total_weight, weight_sum))
    by_level1: dict[str, Decimal] = {}
    for row in project.indicators:
        if row.weight is not None:
            by_level1[row.level1] = by_level1.get(row.level1, Decimal(0)) + row.weight
    for level1, expected in policy.weight_split.items():
        actual = by_level1.get(level1, Decimal(0))
        if actual != expected:
            issues.append(Issue(WEIGHT_SPLIT, WARNING, project.name, level1,
                                f"{level1}权重{actual}，原则上应为{expected}（可适当调整，须说明理由）",
                                expected, actual))
    for row in project.indicators:
        if not row.is_placeholder and row.weight == 0:
            issues.append(Issue(WEIGHT_SUM, INFO, project.name, row.name, "三级指标分值为0（该指标不计分）"))
    return issues


_SCORES = ObjectMemo()
"""Per 自评表 form: id(policy) → (policy, score). A check, the 说明 it composes (I-001) and the live scoring
of the workspace all score the same immutable form under the same policy."""


def score_project(project: ProjectEvaluation, policy: Policy | str = "urumqi-2022") -> ProjectScore:
    """Recompute one 自评表; problems are returned as ``Issue`` records, never raised."""
    policy = load_policy(policy) if isinstance(policy, str) else policy
    scores = _SCORES.of(project)
    hit = scores.get(id(policy))
    if hit is None or hit[0] is not policy:
        hit = scores[id(policy)] = (policy, _score_project(project, policy))
    return hit[1]


def _score_project(project: ProjectEvaluation, policy: Policy) -> ProjectScore:
    issues = _funds_issues(project)
    rate, exec_score, exec_text = _execution(project, policy, issues)
    rows = tuple(score_indicator(row, policy, project.name, i) for i, row in enumerate(project.indicators))
    exec_weight = project.execution_weight if project.execution_weight is not None else policy.execution.weight
    weight_sum = exec_weight + sum((r.weight for r in rows if r.weight is not None), Decimal(0))
    issues += _weight_issues(project, policy, weight_sum)
    printed_sum = (project.execution_score or Decimal(0)) + sum(
        (r.reported for r in rows if r.reported is not None), Decimal(0))
    if project.total_score is None:
        issues.append(Issue(MISSING, ERROR, project.name, None, "未填总分"))
    elif project.total_score != printed_sum:
        issues.append(Issue(TOTAL_SUM, ERROR, project.name, None,
                            f"总分{project.total_score} ≠ 预算执行率得分 + 各指标得分之和 {printed_sum}",
                            printed_sum, project.total_score))
    recomputed = (exec_score or Decimal(0)) + sum((r.recomputed for r in rows if r.recomputed is not None), Decimal(0))
    return ProjectScore(project, policy.name, rate, exec_score, exec_text, rows, weight_sum, printed_sum,
                        recomputed, policy.grade(project.total_score), policy.grade(recomputed), tuple(issues))


def score_performance(performance: Performance, policy: Policy | str = "urumqi-2022") -> tuple[ProjectScore, ...]:
    policy = load_policy(policy) if isinstance(policy, str) else policy
    return tuple(score_project(p, policy) for p in performance.projects)
