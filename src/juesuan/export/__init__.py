"""Open data: a disclosure (or a corpus of them) as long, tidy tables.

``rows.tidy(disclosure, report)`` gives one row per table cell, narrative claim, 绩效 indicator,
narrative fact and finding; ``write`` writes them as CSV, JSON, Parquet (decimal types) or a
Frictionless Data Package; ``query`` runs DuckDB over the Parquet files. Pure stages: nothing
here reads documents or knows the terminal (the CLI does that).
"""

from .rows import Corpus, tidy
from .schema import RESOURCES

__all__ = ["RESOURCES", "Corpus", "tidy"]
