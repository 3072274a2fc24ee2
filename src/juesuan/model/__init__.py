"""The canonical data model: ``Disclosure`` and its parts. Imports nothing above it."""

from .claims import Claim
from .disclosure import (
    Assets, Comparison, Disclosure, GlossaryEntry, Meta, OperatingCosts, Overview, Procurement,
    Reception, Staffing, ThreePublicDetails, Unit,
)
from .items import describe, iter_table_cells, lookup, replace_value
from .measures import Measure, parse_measure
from .money import Money, Number, format_amount, money, percent, round2
from .performance import (
    FundsLine, Indicator, Performance, PerformanceSummary, ProjectEvaluation, ProjectFunds,
)
from .printed import LineKind, PrintedLine
from .provenance import Source
from .tables import TABLE_KEYS, Tables

__all__ = [
    "Assets", "Claim", "Comparison", "Disclosure", "FundsLine", "GlossaryEntry", "Indicator",
    "Measure", "Meta", "Money", "Number", "OperatingCosts", "Overview", "Performance",
    "PerformanceSummary", "PrintedLine", "LineKind", "Procurement", "ProjectEvaluation", "ProjectFunds", "Reception", "Source",
    "Staffing", "TABLE_KEYS", "Tables", "ThreePublicDetails", "Unit", "describe", "format_amount",
    "iter_table_cells", "lookup", "money", "parse_measure", "percent", "replace_value", "round2",
]
