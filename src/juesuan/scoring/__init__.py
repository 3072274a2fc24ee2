"""绩效自评 scoring (floor 2: imports only ``model`` and ``reference``).

The one implementation of the 项目支出绩效自评表 rules (spec: performance-scoring.md):

- ``score_project(project, policy) -> ProjectScore`` / ``score_performance(performance, policy)``
- ``score_indicator(indicator, policy, project, position) -> IndicatorScore``
- ``summary_figures(performance, policy) -> PerformanceFigures`` (the 预算绩效 paragraph)
- ``load_policy(name)`` / ``policy_names()``: named policies from ``policies.yaml``
- ``export_form`` / ``import_form``: the 自评表 as XLSX and back (``form.py``)
"""

from .engine import IndicatorScore, score_indicator
from .issues import Issue
from .policies import DEFAULT_POLICY, Policy, load_policy, policy_for_profile, policy_names
from .project import ProjectScore, score_performance, score_project
from .summary import PerformanceFigures, summary_figures
from .targets import classify, result_band

__all__ = [
    "DEFAULT_POLICY", "IndicatorScore", "Issue", "PerformanceFigures", "Policy", "ProjectScore", "classify",
    "load_policy", "policy_for_profile", "policy_names", "result_band", "score_indicator", "score_performance", "score_project",
    "summary_figures",
]
