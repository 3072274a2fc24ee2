"""Write the tidy rows as CSV, JSON, Parquet or a Frictionless Data Package.

Money stays Decimal to the end: a decimal string in CSV and JSON (no binary float on the
way), ``decimal128`` in Parquet. Empty means unknown (never 0).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Iterable

from .schema import RESOURCES, TITLES, Field

FORMATS = ("csv", "json", "parquet", "datapackage")
NUMBER_PLACES = 6
"""Scale of non-money numbers (rates, scores, weights) in Parquet: enough for every printed figure."""


def write(rows: dict[str, list[dict[str, Any]]], out: Path, format: str, *,
          sources: Iterable[str] = (), licence: str = "other-pd") -> list[Path]:
    """Write every resource of ``rows`` under ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    if format == "csv":
        return [_csv(out / f"{name}.csv", RESOURCES[name], rows[name]) for name in RESOURCES]
    if format == "json":
        return [_json(out / f"{name}.json", RESOURCES[name], rows[name]) for name in RESOURCES]
    if format == "parquet":
        return [_parquet(out / f"{name}.parquet", RESOURCES[name], rows[name]) for name in RESOURCES]
    if format == "datapackage":
        files = [_csv(out / f"{name}.csv", RESOURCES[name], rows[name]) for name in RESOURCES]
        descriptor = out / "datapackage.json"
        descriptor.write_text(json.dumps(package_descriptor(sources, licence), ensure_ascii=False, indent=2),
                              encoding="utf-8")
        return [*files, descriptor]
    raise ValueError(f"未知格式 / unknown format {format!r}; 可选 / known: {', '.join(FORMATS)}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _csv(path: Path, fields: tuple[Field, ...], rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([f.name for f in fields])
        for row in rows:
            writer.writerow([_text(row.get(f.name)) for f in fields])
    return path


def _json(path: Path, fields: tuple[Field, ...], rows: list[dict[str, Any]]) -> Path:
    def value(field: Field, raw: Any) -> Any:
        if raw is None or field.type in ("string", "integer"):
            return raw
        return _text(raw)  # decimals and numbers as exact strings

    records = [{f.name: value(f, row.get(f.name)) for f in fields} for row in rows]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def arrow_schema(fields: tuple[Field, ...]):
    import pyarrow as pa

    types = {"string": pa.string(), "integer": pa.int64(), "decimal": pa.decimal128(20, 2),
             "number": pa.decimal128(24, NUMBER_PLACES)}
    return pa.schema([pa.field(f.name, types[f.type], metadata={"title": f.title, "unit": f.unit})
                      for f in fields])


def _scaled(field: Field, raw: Any) -> Any:
    if raw is None or field.type in ("string", "integer"):
        return raw
    places = 2 if field.type == "decimal" else NUMBER_PLACES
    return Decimal(raw).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _parquet(path: Path, fields: tuple[Field, ...], rows: list[dict[str, Any]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {f.name: [_scaled(f, row.get(f.name)) for row in rows] for f in fields}
    pq.write_table(pa.table(columns, schema=arrow_schema(fields)), path)
    return path


def package_descriptor(sources: Iterable[str], licence: str) -> dict[str, Any]:
    """The Frictionless Data Package descriptor: schema, units, licence, provenance."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool = f"juesuan {version('juesuan')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        tool = "juesuan"

    def schema_field(field: Field) -> dict[str, Any]:
        data: dict[str, Any] = {"name": field.name, "title": field.title,
                                "type": "number" if field.type == "decimal" else field.type}
        if field.unit:
            data["unit"] = field.unit  # a custom property: Frictionless keeps unknown keys
        return data

    return {
        "name": "juesuan-final-accounts",
        "title": "部门决算公开数据 / departmental final accounts, open data",
        "description": "由 juesuan 从部门决算公开文件读取或生成；金额单位万元；空值表示未知（未读出或缺表），不是 0。",
        "licenses": [{"name": licence, "title": "按原公开文件的条件使用 / as published by the department"}
                     if licence == "other-pd" else {"name": licence}],
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "sources": [{"title": str(source), "path": str(source)} for source in sources if str(source)],
        "contributors": [{"title": tool, "role": "author"}],
        "resources": [
            {"name": name, "title": TITLES[name], "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "schema": {"fields": [schema_field(f) for f in fields], "missingValues": [""]}}
            for name, fields in RESOURCES.items()
        ],
    }


def read_parquet(path: Path) -> list[dict[str, Any]]:
    """Rows of one exported Parquet file (Decimals come back as Decimals)."""
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()
