"""``juesuan check FILES --html DIR``: a reviewer's audit report per file (HTML, DOCX, PDF) and ``index.html``.

The CLI is the one place that sees both ``checks`` and ``render``: it turns a check's
``Report`` and the disclosure's provenance into the plain data ``render.audit`` prints.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import typer

from .common import console, err_console


def ruleset_version() -> str:
    """The rule set as a count and a fingerprint of every rule's id, severity and title."""
    from ..checks.registry import load_builtin

    rules = sorted(load_builtin(), key=lambda r: r.id)
    digest = hashlib.sha256("\n".join(f"{r.id}\t{r.severity}\t{r.title}" for r in rules).encode()).hexdigest()
    return f"{len(rules)} 条 · {digest[:12]}"


def rule_infos() -> dict:
    from ..checks.registry import load_builtin
    from ..render.audit import RuleInfo

    return {r.id: RuleInfo(r.family, r.title) for r in load_builtin()}


def make_audit(path: Path, disclosure, report, ruleset: str, rules: dict):
    from .. import __version__
    from ..render.audit import Audit, file_sha256

    boxes = {item: (src.page, tuple(src.bbox)) for item, src in disclosure.provenance.items()
             if src.bbox and src.page is not None}
    return Audit(source=path, department=report.department, year=report.year, profile=report.profile,
                 findings=[f.as_dict() for f in report.findings], rules=rules, tool_version=__version__,
                 ruleset=ruleset, sha256=file_sha256(path), boxes=boxes,
                 projects=tuple(p.name for p in disclosure.performance.projects))


def write_html_reports(files: list[Path], previous, profile: str | None, out_dir: Path, load) -> int:
    """Every file checked and reported (a file bar for a batch, a spinner for each step over a second);
    returns the exit code (1 when any 错误 or unreadable file)."""
    from ..render.audit import write_index
    from .progress import files as file_progress

    ruleset, rules = ruleset_version(), rule_infos()
    entries, worst, stems = [], 0, set()
    with file_progress(len(files), "审核报告 / audit reports") as next_file:
        for path in files:
            next_file(path.name)
            worst = max(worst, _report_one(path, previous, profile, out_dir, load, ruleset, rules, entries, stems))
    index = write_index(entries, out_dir)
    err_console.print(f"索引 / index: {index}", highlight=False)
    return worst


def _report_one(path: Path, previous, profile, out_dir: Path, load, ruleset, rules, entries, stems) -> int:
    from ..checks import check as run_check
    from ..render.audit import write_audit
    from .progress import step

    try:
        disclosure = load(path)
        with step(f"审核 / checking {path.name}"):
            report = run_check(disclosure, prev=previous, profile=profile)
    except typer.Exit:  # the loader has printed why
        entries.append((None, None, path.name))
        return 1
    audit = make_audit(path, disclosure, report, ruleset, rules)
    stem = path.stem if path.stem not in stems else f"{path.stem}-{len(stems)}"
    stems.add(stem)
    with step(f"写审核报告 / writing the report of {path.name}"):
        written = write_audit(audit, out_dir, stem)
    if "pdf_error" in written:
        err_console.print(f"{path.name}: 审核报告 PDF 未生成 / audit PDF not written: {written['pdf_error']}",
                          highlight=False, markup=False)
    entries.append((audit, written["html"], path.name))
    counts = audit.counts()
    console.print(f"{written['html']}: 错误 {counts['错误']}，警告 {counts['警告']}，提示 {counts['提示']}",
                  highlight=False)
    return 1 if counts["错误"] else 0
