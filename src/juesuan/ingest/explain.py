"""``juesuan parse --explain``: each stage's decisions, as styled text lines (rich in the CLI) and as JSON.

The stages record what they decided only when asked (``read(path, explain=True)``): ``locate``
its titles and their cues (``TitleCue``, ``LocateStep``), ``tables.build_tables`` each table's
route and column plan (``TableRoute``), ``claims.extract_claims`` the printed figures it made no
claim of. ``build_trace`` puts these together with what the reader already reports — the cells
placed and their lines (provenance), the lines not understood, the cells left unknown, the
coverage per table — into one frozen ``Trace`` (``report.py``). Nothing here changes what was read.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

from ..model.tables import TABLE_KEYS
from .detect import meta_lines
from .locate import TITLES
from .report import (FigureTrace, LocateStep, PageTrace, ParseReport, PlacedCell, ProjectTrace, RowTrace,
                     SentenceTrace, TableRoute, TableTrace, TitleCue, Trace)

NUMBER = {key: number for key, number, _ in TABLE_KEYS}
TITLE = {key: title for key, _, title in TABLE_KEYS}
STATUS = {"placed": "已放置 placed", "partial": "部分放置 partial", "unread": "未读 unread",
          "no-amounts": "无金额 no amounts"}


def snapshot(blocks) -> list[tuple[str, int, int, tuple[tuple[int, int, str], ...]]]:
    """(key, title page, title line, rows as (page, line, text)) of each located block, taken
    before the table readers rearrange the rows."""
    return [(b.key, b.title.page, b.title.line, tuple((r.page, r.line, r.text) for r in b.rows)) for b in blocks]


def build_trace(doc, *, department, year, profile: str, note: str | None, steps: list, blocks: list,
                routes: dict[str, TableRoute], seen: dict, covered: dict, whole: dict, out, unknown: dict,
                claims: list, skipped: list, confidence: Decimal, projects: list = ()) -> Trace:
    """``whole``: key → (why, where) of the tables unread as a whole (``assemble``)."""
    department_line, year_line = meta_lines(doc.text, department, year)
    pages = tuple(PageTrace(p.number, len(p.rows), len({r.grid for r in p.rows if r.grid is not None}), p.pictured)
                  for p in doc.pages)
    keys = list(dict.fromkeys(key for key, *_ in blocks))
    tables = tuple(_table(key, steps, blocks, routes.get(key), seen.get(key, {}), covered.get(key),
                          (whole.get(key) or (None,))[0], out, unknown) for key in keys)
    forms = tuple(ProjectTrace(p.name, len(p.indicators), p.total_score, p.grade) for p in projects)
    unread_forms = tuple((p.page, p.line, p.message) for p in list(out.problems) + list(out.not_understood)
                         if p.field == "performance.projects")
    return Trace(file=doc.path, kind=doc.kind, profile=profile, profile_note=note, department=department,
                 department_line=department_line, year=year, year_line=year_line, pages=pages, tables=tables,
                 sentences=_sentences(claims, skipped), confidence=confidence, projects=forms,
                 project_problems=unread_forms)


def _table(key: str, steps: list, blocks: list, route: TableRoute | None, seen: dict, covered,
           whole: str | None, out, unknown: dict) -> TableTrace:
    cues = [s for s in steps if isinstance(s, TitleCue) and s.key == key]
    with_rows = {(page, line) for k, page, line, rows in blocks if k == key and rows}
    title = next((c for c in cues if (c.page, c.line) in with_rows), cues[0] if cues else
                 TitleCue(key, 0, 0, "", ""))
    prefix = key + "."
    placed: dict[tuple[int, int], list[PlacedCell]] = {}
    for path, source in out.sources.items():
        if path.startswith(prefix) and source.kind == "parsed" and path in out.values:
            placed.setdefault((source.page, source.line), []).append(PlacedCell(path[len(prefix):], out.values[path]))
    lost: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for path, source in unknown.items():
        # a table unread as a whole says so once, not on its rows for every cell
        if path.startswith(prefix) and not (whole and source.ref == whole):
            lost.setdefault((source.page, source.line), []).append((path[len(prefix):], source.ref or ""))
    said: dict[tuple[int, int], list[str]] = {}
    for p in list(out.not_understood) + list(out.problems):
        if p.page is not None and p.line is not None and (p.field is None or p.field.split(".")[0] == key):
            said.setdefault((p.page, p.line), []).append(p.message)
    rows, shown = [], set()
    for k, _, _, block_rows in blocks:
        if k != key:
            continue
        for page, line, text in block_rows:
            if (page, line) in shown:
                continue
            shown.add((page, line))
            rows.append(_row(page, line, text, seen.get((page, line), (0,))[0], placed, lost, said))
    for where in sorted(set(placed) - shown):  # cells placed on a line the block did not print (rebuilt rows)
        rows.append(_row(*where, "", 0, placed, lost, said))
    return TableTrace(key=key, title=title, continuations=tuple(c for c in cues if c is not title),
                      steps=tuple(s for s in steps if isinstance(s, LocateStep) and s.key == key), route=route,
                      rows=tuple(rows), seen=covered.seen if covered else 0, placed=covered.placed if covered else 0,
                      unread_whole=whole)


def _row(page: int, line: int, text: str, count: int, placed: dict, lost: dict, said: dict) -> RowTrace:
    cells = tuple(placed.get((page, line), ()))
    got = sum(1 for c in cells if c.value)
    if not count and not cells:
        status = "no-amounts"
    elif got >= count:
        status = "placed"
    elif cells or (page, line) in lost:
        status = "partial" if cells else "unread"
    else:
        status = "unread"
    return RowTrace(page, line, text, count, status, cells, tuple(lost.get((page, line), ())),
                    tuple(dict.fromkeys(said.get((page, line), ()))))


def _sentences(claims: list, skipped: list) -> tuple[SentenceTrace, ...]:
    found: dict[tuple[str | None, str], list] = {}
    pages: dict[tuple[str | None, str], int | None] = {}
    for claim in claims:
        where = (claim.section, claim.sentence or "")
        pages.setdefault(where, claim.page)
        text = f"{claim.text}{claim.unit}" if claim.text else (claim.direction or "")
        found.setdefault(where, []).append(FigureTrace(text, claim.item, claim.measure))
    for page, section, sentence, figure, why in skipped:
        where = (section, sentence)
        pages.setdefault(where, page)
        found.setdefault(where, []).append(FigureTrace(figure, why=why))
    out = []
    for where, figures in found.items():
        sentence = where[1]
        figures.sort(key=lambda f: (sentence.find(f.text) if f.text and f.text in sentence else len(sentence)))
        out.append(SentenceTrace(pages[where], where[0], sentence, tuple(figures)))
    out.sort(key=lambda s: s.page or 0)  # stable: the order read within a page
    return tuple(out)


# --- rendering -----------------------------------------------------------------------------------
# Lines of (text, style) segments: the command line gives them to rich (only juesuan.cli knows the
# terminal); ``to_text`` joins them as plain text.

Line = tuple[tuple[str, str], ...]


def to_json(trace: Trace) -> dict:
    """The trace as plain JSON data (money as strings: exact, as printed)."""
    return json.loads(json.dumps(dataclasses.asdict(trace), ensure_ascii=False, default=str))


def dumps_json(reports: list[ParseReport]) -> str:
    """The traces of ``reports`` (one object, or a list for several files); a file that could not
    be read at all has no trace and says why."""
    data = [to_json(r.trace) if r.trace is not None else {"file": r.file, "trace": None, "why": r.why}
            for r in reports]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=1)


def to_text(report: ParseReport, *, rows: bool = True) -> str:
    return "\n".join("".join(text for text, _ in line) for line in lines(report, rows=rows))


def _one(text: str, style: str = "") -> Line:
    """A line of one segment."""
    return ((text, style),)


def lines(report: ParseReport, *, rows: bool = True) -> list[Line]:
    """The trace of ``report`` as styled lines: Chinese labels, English identifiers."""
    trace = report.trace
    if trace is None:
        return [_one(f"{report.file}: 没有解析记录 / no trace recorded ({report.why})", "red")]
    out = [_one(f"解析说明 / explain: {trace.file} ({trace.kind}, {len(trace.pages)} 页/pages)", "bold"),
           _one(f"  模板 profile: {trace.profile} — {trace.profile_note or ''}"),
           _meta("部门 department", trace.department, trace.department_line),
           _meta("年度 year", trace.year, trace.year_line)]
    on: dict[int, list[str]] = {}
    for table in trace.tables:
        for page in dict.fromkeys([table.title.page] + [r.page for r in table.rows]):
            on.setdefault(page, []).append(NUMBER.get(table.key, table.key).removesuffix("表"))
    out.append(_one("  页 pages (行 rows/表格 grids/表 tables): " + ", ".join(
        f"{p.number}:{p.rows}行" + (f"/{p.grids}表格" if p.grids else "") + ("/图片" if p.pictured else "")
        + (f"[{' '.join(on[p.number])}]" if p.number in on else "") for p in trace.pages)))
    out.append(_one(f"  表 tables: {len(trace.tables)} 张找到 found, {len(report.tables_missing)} 张未找到 missing; "
                 f"置信度 confidence {trace.confidence}"))
    for key in report.tables_missing:
        if key not in {t.key for t in trace.tables}:
            out.append(_one(f"    {NUMBER.get(key, key)} 未找到 not found: 没有标题行（不多于3格、无金额）以这些名称结尾 / "
                            f"no title line (3 cells at most, no amount) ends with: {'、'.join(TITLES.get(key, ()))}",
                            "yellow"))
    for table in trace.tables:
        out += _table_lines(table, rows)
    out += _claim_lines(trace.sentences)
    if trace.projects or trace.project_problems:
        out += [_one(""), _one(f"绩效自评表 self-evaluation forms: {len(trace.projects)} 张读出 read", "bold cyan")]
        out += [_one(f"  {p.name}: {p.indicators} 个指标 indicators" + (f", 总分 score {p.total_score}"
                                                                      if p.total_score is not None else "")
                     + (f", {p.grade}" if p.grade else "")) for p in trace.projects]
        out += [_one(f"  ! {_where(page, line) if page and line else ''} {message}", "yellow")
                for page, line, message in trace.project_problems]
    return out


def _meta(label: str, value, line: str | None) -> Line:
    if value is None:
        return _one(f"  {label}: 未找到 not found", "red")
    return _one(f"  {label}: {value}" + (f"  ← “{line}”" if line else ""))


def _where(page: int, line: int) -> str:
    return f"第{page}页第{line}行"


def _table_lines(t: TableTrace, rows: bool) -> list[Line]:
    out = [_one(""), _one(f"{NUMBER.get(t.key, '')} {TITLE.get(t.key, '')}  [{t.key}]", "bold cyan")]
    cue = t.title
    what = [f"标题 title “{cue.alias}”"] + ([f"表号 “{cue.number}”"] if cue.number else [])
    out.append(_one(f"  找到 found: {_where(cue.page, cue.line)} “{cue.text}” — 线索 cue: {'，'.join(what)}"))
    for c in t.continuations:
        kind = "续表 continued" if c.continued else "再次印出 printed again"
        out.append(_one(f"    {kind}: {_where(c.page, c.line)} “{c.text}”"))
    for s in t.steps:
        out.append(_one(f"    {s.kind}: {_where(s.page, s.line)} “{s.text[:60]}” — {s.why}"))
    if t.route is not None:
        out.append(_one(f"  读法 route: {t.route.route} — {t.route.title}; 栏目来源 layout: {t.route.layout}"))
        out += [_one(f"    {why}") for why in t.route.why]
        if t.route.columns:
            out.append(_one("  栏目 columns:"))
            out += [_one(f"    栏 {c.band}: “{c.header}” → {c.field or '—'}  ({c.evidence})") for c in t.route.columns]
    cover = f"  覆盖 coverage: 放置/印出 placed/printed {t.placed}/{t.seen}"
    out.append(_one(cover + (f" — 全表按未读处理，已放置的值也不采用 / whole table unread, the values placed are "
                          f"not used either: {t.unread_whole}" if t.unread_whole else ""),
                 "red" if t.unread_whole else "green"))
    if rows:
        out.append(_one("  行 rows:"))
        for r in t.rows:
            out += _row_lines(r)
    return out


def _row_lines(r: RowTrace) -> list[Line]:
    style = {"placed": "", "partial": "yellow", "unread": "red", "no-amounts": "dim"}[r.status]
    first = [(f"    {_where(r.page, r.line)} {r.text[:70]}", "dim" if r.status == "no-amounts" else "")]
    if r.status != "no-amounts" or r.placed:
        first.append((f"  → {STATUS[r.status]} {sum(1 for c in r.placed if c.value)}/{r.seen}", style))
    if r.placed:
        first.append((": " + " ".join(f"{c.path}={c.value}" for c in r.placed[:12])
                      + (f" …+{len(r.placed) - 12}" if len(r.placed) > 12 else ""), ""))
    out = [tuple(first)]
    grouped: dict[str, list[str]] = {}
    for path, why in r.unread:
        grouped.setdefault(why, []).append(path)
    for why, paths in grouped.items():
        out.append(_one(f"      未读 unread: {' '.join(paths[:8])}" + (f" …+{len(paths) - 8}" if len(paths) > 8 else "")
                     + f" — {why}", "red"))
    out += [_one(f"      ! {why}", style or "yellow") for why in r.reasons]
    return out


def _claim_lines(sentences: tuple[SentenceTrace, ...]) -> list[Line]:
    made = sum(1 for s in sentences for f in s.figures if f.why is None)
    left = sum(1 for s in sentences for f in s.figures if f.why is not None)
    out = [_one(""), _one(f"说明 claims: {len(sentences)} 句 sentences, {made} 个数字成为 claims, "
                    f"{left} 个数字未成 claims / figures not made claims", "bold cyan")]
    for s in sentences:
        out.append(_one(f"  第{s.page or '?'}页 {s.section or ''}: “{s.sentence[:120]}”"))
        for f in s.figures:
            out.append(_one(f"    ✓ {f.text} → {f.item} ({f.measure})") if f.why is None else
                       _one(f"    ✗ {f.text} — {f.why}", "yellow"))
    return out


__all__ = ["build_trace", "dumps_json", "lines", "snapshot", "to_json", "to_text"]
