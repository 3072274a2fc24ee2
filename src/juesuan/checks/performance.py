"""绩效: 审核 rules over the 项目支出绩效自评表 — every one CALLS the scoring engine.

The rules never re-implement a formula: ``juesuan.scoring.score_project`` recomputes each
自评表 once per run (cached in ``ctx.shared``) under the policy of the disclosure's template
profile (``policies.yaml`` ``profiles:``), and each rule reports the engine's issues of
one kind. The 预算绩效 paragraph's 平均得分 and grade counts are compared with
``juesuan.scoring.summary_figures`` (its project count and totals are rule N-012).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from ..scoring import ProjectScore, policy_for_profile, score_project, summary_figures
from ..scoring import issues as codes
from .finding import SEVERITY_RANK, Finding
from .registry import REGISTRY, RuleContext
from .unknown import ALL_FORMS

rule = REGISTRY.rule
_CACHE = "performance.scores"
_ISSUES = "performance.issues"


def project_scores(ctx: RuleContext) -> tuple[ProjectScore, ...]:
    """Every 自评表 scored once per check run, under the profile's policy."""
    if _CACHE not in ctx.shared:
        policy = policy_for_profile(ctx.profile)
        ctx.shared[_CACHE] = tuple(score_project(p, policy) for p in ctx.disclosure.performance.projects)
    return ctx.shared[_CACHE]


# the indicator texts an issue rests on: a reader that kept a form's numbers without its texts
# provenances them unread (ingest/performance_numbers.py), and a finding naming one is set aside
_USES_TEXT = {codes.INDICATOR_RULE: ("target", "actual"), codes.ROUNDING: ("target", "actual"),
              codes.JUDGEMENT: ("target", "actual"), codes.STRICT_EQUAL: ("target", "actual"),
              codes.ACTUAL_OPERATOR: ("target", "actual"),
              codes.REASON_REQUIRED: ("deviation_reason", "target", "actual")}


def _issues(ctx: RuleContext) -> list:
    """Every issue of every 自评表, in form order, with the unread texts it rests on, gathered once
    per check for the 12 P rules."""
    if _ISSUES not in ctx.shared:
        unread = {path for path, source in ctx.disclosure.provenance.items() if source.kind == "unread"}
        out = []
        for index, score in enumerate(project_scores(ctx)):
            out += [(issue, ()) for issue in score.issues]
            for row in score.indicators:
                at = f"performance.projects.{index}.indicators.{row.position}."
                for issue in row.issues:
                    out.append((issue, tuple(at + field for field in _USES_TEXT.get(issue.code, ())
                                             if at + field in unread)))
        ctx.shared[_ISSUES] = out
    return ctx.shared[_ISSUES]


def _findings(ctx: RuleContext, *issue_codes: str) -> Iterator[Finding]:
    for issue, related in _issues(ctx):
        if issue.code in issue_codes:
            yield ctx.finding(ctx.locate_project(issue.project, issue.indicator), issue.message,
                              severity=_capped(issue.severity, ctx.rule.severity), expected=issue.expected, actual=issue.actual,
                              difference=_difference(issue.expected, issue.actual), related=related)


def _capped(severity: str, cap: str) -> str:
    """The engine's severity, never above the rule's (an unverified policy stays a 提示)."""
    return severity if SEVERITY_RANK[severity] <= SEVERITY_RANK[cap] else cap


def _difference(expected, actual):
    if isinstance(expected, Decimal) and isinstance(actual, Decimal):
        return actual - expected
    return None


# (id, severity, title, the engine's issue codes it reports): each rule one kind of issue.
ENGINE_RULES = (
    ("P-001", "错误", "自评表项目资金：年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金（每列）",
     (codes.FUNDS_SUM,)),
    ("P-002", "错误", "自评表执行率 = 全年执行数 / 全年预算数", (codes.EXEC_RATE,)),
    ("P-003", "提示", "预算执行率得分符合评分策略（常见做法 min(执行率,100%)×分值，未经核实，故为提示）",
     (codes.EXEC_SCORE,)),
    ("P-004", "错误", "预算执行率分值与各三级指标分值之和 = 100", (codes.WEIGHT_SUM,)),
    ("P-005", "错误", "每项得分在 0 与分值之间（含预算执行率得分）", (codes.SCORE_RANGE,)),
    ("P-006", "警告", "指标得分符合评分规则：定量按完成比例、反向指标按策略、定性按档次区间",
     (codes.INDICATOR_RULE, codes.ROUNDING)),
    ("P-007", "警告", "得分低于分值（或按策略超额完成）须填写偏差原因分析及改进措施", (codes.REASON_REQUIRED,)),
    ("P-008", "错误", "总分 = 预算执行率得分 + 各三级指标得分", (codes.TOTAL_SUM,)),
    ("P-009", "警告", "一级指标权重原则上为产出50%、效益30%、满意度10%（可适当调整）", (codes.WEIGHT_SPLIT,)),
    ("P-010", "提示", "需人工判断的指标：复合指标值、成本指标完成值为0、无法识别的完成情况", (codes.JUDGEMENT,)),
    ("P-011", "提示", "指标值与完成值的书写：完成值带运算符、严格不等式恰好相等",
     (codes.ACTUAL_OPERATOR, codes.STRICT_EQUAL)),
    ("P-012", "错误", "自评表必填：分值、得分、总分", (codes.MISSING,)),
)


def _register(rule_id: str, severity: str, title: str, issue_codes: tuple[str, ...]) -> None:
    def check(ctx: RuleContext) -> Iterator[Finding]:
        yield from _findings(ctx, *issue_codes)

    rule(rule_id, family="绩效", severity=severity, title=title)(check)


for _entry in ENGINE_RULES:
    _register(*_entry)


@rule("P-013", family="绩效", severity="错误",
      title="预算绩效说明的平均得分、各等级项目数 = 所附自评表（总分与评分策略的等级）")
def summary_scores(ctx: RuleContext):
    """The SH-T style 平均得分 and 优/良/… counts; project count and totals are N-012's."""
    performance = ctx.disclosure.performance
    summary = performance.summary
    if not performance.projects or (summary.average_score is None and not summary.grade_counts):
        return
    figures = summary_figures(performance, policy_for_profile(ctx.profile))
    where = ctx.locate_text("情况说明 预算绩效情况说明 平均得分与等级", section="预算绩效情况说明")
    printed, computed = summary.average_score, figures.average_score
    if printed is not None and computed is not None:
        exponent = printed.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        rounded = computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if rounded != printed:
            yield ctx.finding(where, f"说明中平均得分{printed}，所附{figures.project_count}张自评表总分平均为{computed}",
                              expected=computed, actual=printed, difference=printed - computed, related=(ALL_FORMS,))
    for grade, count in summary.grade_counts.items():
        if grade not in figures.grade_counts:
            yield ctx.finding(where, f"等级“{grade}”不是评分策略 {figures.policy} 的等级"
                              f"（{'/'.join(figures.grade_counts)}）", actual=grade)
        elif figures.grade_counts[grade] != count:
            yield ctx.finding(where, f"说明中“{grade}”等级{count}个，按自评表总分为{figures.grade_counts[grade]}个",
                              expected=Decimal(figures.grade_counts[grade]), actual=Decimal(count), related=(ALL_FORMS,))
