"""Issues are data: one record per problem the scoring engine sees in a 自评表."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ERROR, WARNING, INFO = "错误", "警告", "提示"

# Issue codes (stable; 审核 maps each to one registered rule id in checks/performance.py).
FUNDS_SUM = "funds-sum"                  # 年度资金总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金
EXEC_RATE = "execution-rate"             # printed 执行率 ≠ 全年执行数 / 全年预算数
EXEC_SCORE = "execution-score"           # printed 执行率得分 ≠ policy formula
WEIGHT_SUM = "weight-sum"                # 执行率分值 + Σ 三级指标分值 ≠ 100
WEIGHT_SPLIT = "weight-split"            # 产出/效益/满意度 ≠ 50/30/10 ("原则上")
SCORE_RANGE = "score-range"              # 得分 < 0 or 得分 > 分值
INDICATOR_RULE = "indicator-rule"        # 得分 outside the range the rule allows
ROUNDING = "rounding"                    # 得分 differs from the rule within the rounding tolerance
REASON_REQUIRED = "reason-required"      # 得分 < 分值 (or over-completion) without 偏差原因
TOTAL_SUM = "total-sum"                  # printed 总分 ≠ 执行率得分 + Σ 得分
JUDGEMENT = "judgement"                  # a row the rules cannot score: compound target, 0 output …
STRICT_EQUAL = "strict-equality"         # ">85%" met only with 85%
ACTUAL_OPERATOR = "actual-operator"      # 实际完成值 printed with an operator ("=85.29%")
MISSING = "missing"                      # 分值/得分 not filled


@dataclass(frozen=True)
class Issue:
    """One problem: code, severity (错误/警告/提示), where, expected vs actual, Chinese message."""

    code: str
    severity: str
    project: str
    indicator: str | None
    message: str
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
