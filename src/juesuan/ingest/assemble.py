"""Everything read from one document → ``Disclosure`` + ``ParseReport``."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ValidationError

from ..model import Disclosure, Meta, Performance, Source, iter_table_cells
from ..model.tables import TABLE_KEYS
from .claims import extract_claims
from .collect import Collector, unread
from .coverage import amounts_seen, confidence, coverage
from .detect import detect_meta, detect_profile
from .facts import narrative_facts
from .locate import locate
from .numbers import PER_WAN
from .overview import parse_overview
from .pages import Document
from .performance import parse_projects
from .printed import glossary, printed_lines
from .report import ParseReport, Problem, reading_notes
from .resolve import Resolver
from .sections import find_sections
from .tables import build_tables


def assemble(doc: Document, explain: bool = False) -> tuple[Disclosure | None, ParseReport]:
    """``explain``: the stages record their decisions and the report carries them (``report.trace``,
    ``explain.py``); off by default, reading costs nothing extra then."""
    out = Collector(doc.path)
    text = doc.text
    department, year = detect_meta(text)
    profile, note = detect_profile(text)
    resolver = Resolver(year)
    steps, routes, skipped = ([], {}, []) if explain else (None, None, None)
    blocks = locate(doc, steps)
    seen = amounts_seen(blocks)
    located = []
    if explain:
        from .explain import build_trace, snapshot
        located = snapshot(blocks)
    tables, found, units = build_tables(blocks, out, resolver, routes)
    covered = {key: c for key, c in coverage(seen, out.values, out.sources, out.set_aside).items() if key in found}
    whole = {key: (_why(c), c.lost_lines[0] if c.lost_lines else c.first) for key, c in covered.items() if c.unknown}
    claims = extract_claims(doc, resolver, out, tables, skipped)
    projects = parse_projects(doc, out)
    found_sections, missing_sections = find_sections(text)
    problems = [Problem(file=doc.path, message=m) for m in doc.problems] + out.problems
    if year is None:
        problems.append(Problem(file=doc.path, field="meta.year",
                                message="找不到决算年度 / no year (20XX年度) found"))
    if department is None:
        problems.append(Problem(file=doc.path, field="meta.department",
                                message="找不到部门名称 / no department name found"))
    missing = tuple(key for key, _, _ in TABLE_KEYS if key not in found)
    # Unknown, not zero: 审核 must not compare the narrative with tables the file does not have.
    tables = tables.model_copy(update={key: getattr(tables, key).model_copy(update={"missing": True})
                                       for key in missing})
    meaningful = bool(out.values or claims or projects)
    if not meaningful:
        problems.append(Problem(file=doc.path, message="不是决算公开文件：未找到决算表、说明中的数字或绩效自评表 / "
                                "not a disclosure: no table, narrative figure or self-evaluation form found"))
    problems += [Problem(file=doc.path, page=(whole[key][1] or (None, None))[0], line=(whole[key][1] or (None, None))[1],
                         field=key, message=f"{key}: {whole[key][0]}，全表按未读处理 / table treated as unread ({c.text()})")
                 for key, c in covered.items() if key in whole]
    report = ParseReport(
        file=doc.path, kind=doc.kind, pages=len(doc.pages), profile=profile, profile_note=note,
        tables_found=tuple(key for key, _, _ in TABLE_KEYS if key in found), tables_missing=missing,
        sections_found=found_sections, sections_missing=missing_sections, cells=len(out.values),
        claims=len(claims), projects=len(projects), unit_source=",".join(sorted(units)) or None,
        not_understood=tuple(out.not_understood), problems=tuple(problems), confidence=confidence(covered),
        ok=meaningful, coverage={key: (c.seen, c.placed) for key, c in covered.items()},
        tables_unread=tuple(whole),
    )

    def traced(report: ParseReport, unknown: dict) -> ParseReport:
        if not explain:
            return report
        return report.model_copy(update={"trace": build_trace(
            doc, department=department, year=year, profile=profile, note=note, steps=steps, blocks=located,
            routes=routes, seen=seen, covered=covered, whole=whole, out=out, unknown=unknown, claims=claims,
            skipped=skipped, confidence=report.confidence, projects=projects)})

    if not meaningful:
        return None, traced(report, {})
    notes = []
    for unit in sorted(units & PER_WAN.keys()):
        notes.append(f"源表金额单位为{unit}，已换算为万元 / tables printed in {unit}, converted to 万元")
    facts, comparisons, fact_sources = narrative_facts(claims, text)
    performance = {**facts.pop("performance", {}), "projects": projects}
    base = Disclosure(
        meta=Meta(department=department or "未识别部门", year=year or 0, profile=profile, title=_title(text)),
        reading=reading_notes(report.problems, report.not_understood, whole),
        tables=tables, claims=tuple(claims), printed=(printed := printed_lines(doc)), glossary=glossary(printed), provenance={**fact_sources, **out.sources}, notes=tuple(notes),
    )
    cells = [path for path, _ in iter_table_cells(base)]
    partial = {w for c in covered.values() for w in c.partial_lines}
    incomplete = {key: c.first for key, c in covered.items() if c.placed < c.seen}
    unknown = unread(cells, out.sources, out.unclear_lines | partial, doc.path, out.set_aside, whole, incomplete)
    if year is None:  # the model needs a number: 0 stands there, marked unknown (not a year to check against)
        unknown["meta.year"] = Source(kind="unread", ref="找不到决算年度 / no year found", file=doc.path)
    if unknown:
        base = base.model_copy(update={"provenance": {**base.provenance, **unknown}})
    try:
        disclosure = Disclosure.model_validate({**base.model_dump(), **facts, "comparisons": comparisons,
                                                "performance": performance, "overview": parse_overview(doc)})
    except ValidationError as exc:  # a narrative fact of the wrong shape: keep tables and claims
        report = report.model_copy(update={"problems": report.problems + (Problem(
            file=doc.path, message=f"情况说明中的部分数字未能写入 / narrative facts skipped: {exc.errors()[0]['loc']}"),)})
        disclosure = base.model_copy(update={"performance": Performance(projects=tuple(projects))})
    return disclosure, traced(report, unknown)


def _title(text: str) -> str | None:
    for line in text.splitlines()[:5]:
        line = line.strip("*# \t")
        if "决算" in line:
            return line
    return None


def _why(c) -> str:
    if c.lost_lines:
        page, line = c.lost_lines[0]
        return (f"第{page}页第{line}行等 {len(c.lost_lines)} 行金额未能读入 / "
                f"{len(c.lost_lines)} printed rows not placed (first: page {page}, line {line})")
    return f"仅读入 {c.placed}/{c.seen} 个金额 / most printed amounts not placed"
