"""Every derived number of a disclosure, computed once (Decimal, ROUND_HALF_UP).

Narrative generation writes these figures; 审核 recomputes printed claims with the
same functions. Nothing else in juesuan divides or subtracts amounts for the narrative.
"""

from .core import (
    ZeroBasePolicy, budget_of, budget_variance_rate, change, change_rate, completion_rate,
    direction_budget, direction_change, direction_rate, prior_of, share, value,
)
from .claims import Expected, expected_for

__all__ = [
    "Expected", "ZeroBasePolicy", "budget_of", "budget_variance_rate", "change", "change_rate",
    "completion_rate", "direction_budget", "direction_change", "direction_rate", "expected_for",
    "prior_of", "share", "value",
]
