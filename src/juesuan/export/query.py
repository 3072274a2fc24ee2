"""DuckDB over the exported Parquet (or CSV) files, and the named reports people ask for.

Each resource is a view named as in ``schema.RESOURCES`` (cells, claims, indicators, facts,
findings), so any SQL a researcher writes runs against the same long tables we document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .schema import RESOURCES

REPORTS: dict[str, tuple[str, str]] = {
    "three_public": ("“三公”经费决算数，按部门和年度（万元）", """
        SELECT department, year,
               max(amount) FILTER (WHERE item LIKE 'three_public.final.overseas') AS 因公出国境费,
               max(amount) FILTER (WHERE item LIKE 'three_public.final.vehicle_total') AS 公务用车购置及运行维护费,
               max(amount) FILTER (WHERE item LIKE 'three_public.final.reception') AS 公务接待费,
               max(amount) FILTER (WHERE item LIKE 'three_public.final.total') AS 合计
        FROM cells WHERE table_key = 'three_public'
        GROUP BY department, year ORDER BY department, year"""),
    "operating_costs": ("机关运行经费，按部门和年度（万元）", """
        SELECT department, year, max(value) AS 机关运行经费
        FROM facts WHERE item = 'operating_costs.amount' AND kind = 'amount'
        GROUP BY department, year ORDER BY department, year"""),
    "basic_project_shares": ("本年支出中基本支出、项目支出的占比（公开03 合计行）", """
        SELECT department, year,
               max(amount) FILTER (WHERE column_key = 'total') AS 本年支出合计,
               max(amount) FILTER (WHERE column_key = 'basic') AS 基本支出,
               max(amount) FILTER (WHERE column_key = 'project') AS 项目支出,
               CAST(100 * max(amount) FILTER (WHERE column_key = 'basic')
                    / nullif(max(amount) FILTER (WHERE column_key = 'total'), 0) AS DECIMAL(9, 2)) AS 基本支出占比,
               CAST(100 * max(amount) FILTER (WHERE column_key = 'project')
                    / nullif(max(amount) FILTER (WHERE column_key = 'total'), 0) AS DECIMAL(9, 2)) AS 项目支出占比
        FROM cells WHERE table_key = 'expenditure' AND level = '合计'
        GROUP BY department, year ORDER BY department, year"""),
    "budget_variance": ("预决算差异：决算数与全年预算数相差最多的条目（差异率 %）", """
        SELECT f.department, f.year, f.item, c.name, f.value AS 全年预算数, c.amount AS 决算数,
               CAST(100 * (c.amount - f.value) / nullif(f.value, 0) AS DECIMAL(12, 2)) AS 差异率
        FROM facts f JOIN cells c
          ON c.item = f.item AND c.department = f.department AND c.year = f.year AND c.document = f.document
        WHERE f.kind = 'full_year_budget' AND c.amount IS NOT NULL
        ORDER BY abs(coalesce(100 * (c.amount - f.value) / nullif(f.value, 0), 0)) DESC, f.item"""),
    "findings_by_family": ("审核发现，按规则族和严重程度", """
        SELECT family, severity, count(*) AS 条数, count(DISTINCT document) AS 文件数
        FROM findings GROUP BY family, severity ORDER BY family, severity"""),
}


_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "decimal": "DECIMAL(20,2)", "number": "DECIMAL(24,6)"}
_SQL_TYPES_BY_RESOURCE = {name: {f.name: _SQL_TYPES[f.type] for f in fields} for name, fields in RESOURCES.items()}


class QueryError(Exception):
    """A user-facing message (中文 / English) about the data folder or the SQL."""


def connect(data: Path):
    """An in-memory DuckDB with one view per exported resource found under ``data``."""
    import duckdb

    con = duckdb.connect()
    found = 0
    for name in RESOURCES:
        parquet, csv_file = data / f"{name}.parquet", data / f"{name}.csv"
        if parquet.exists():
            relation = con.read_parquet(str(parquet))
        elif csv_file.exists():  # typed from the schema: money never passes through a binary float
            relation = con.read_csv(str(csv_file), header=True, dtype=_SQL_TYPES_BY_RESOURCE[name])
        else:
            continue
        relation.create_view(name)
        found += 1
    if not found:
        raise QueryError(f"{data}: 没有导出的数据（cells.parquet 等）；请先运行 juesuan export / "
                         "no exported data found; run `juesuan export` first")
    return con


def run(data: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of ``sql`` over the exported data."""
    import duckdb

    con = connect(data)
    try:
        result = con.execute(sql)
    except duckdb.Error as exc:
        raise QueryError(f"SQL 错误 / SQL error: {exc}") from None
    return [d[0] for d in result.description], result.fetchall()


def report(data: Path, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    if name not in REPORTS:
        raise QueryError(f"未知报表 / unknown report {name!r}; 可选 / known: {', '.join(REPORTS)}")
    return run(data, REPORTS[name][1])
