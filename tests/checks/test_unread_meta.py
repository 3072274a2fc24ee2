"""Meta-test: unknown is never zero. No rule raises 错误 or 警告 from a value a reader could not
place (provenance ``unread``) or from a table the file does not have (``missing``).

For every registered rule and each worked example, the tables are made unknown one at a time
— every cell of the table set to what a reader leaves there (0.00, or a wrong non-zero amount)
and marked ``unread``, or the whole table marked ``missing`` — and the rule is run alone. It may
report what it reports on the example as written (the seed's real defects) and nothing else at
错误/警告; the runner's one 提示 per table (R-003/R-004) says what was set aside. A second pass
makes one coded row at a time unknown (a reader losing one line) and runs the whole rule set.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import pytest

from juesuan import fileformat
from juesuan.checks.registry import Registry, load_builtin
from juesuan.checks.run import run_check
from juesuan.model import TABLE_KEYS, Disclosure, Source, iter_table_cells
from juesuan.scoring import policy_for_profile, summary_figures

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("urumqi-iit-2022", "shanghai-putuo-czj-2024")
CENT = Decimal("0.01")
UNREAD = Source(kind="unread", ref="栏目无法确定 / column not certain (meta-test)")
SCALES = {"zero": Decimal(0), "wrong": Decimal("1.37")}
# C-001 reports a table the file does not contain: that absence is what it states, not a value.
STATES_ABSENCE = {"C-001"}


def _set(data: dict, path: str, change: Callable[[Decimal], Decimal]) -> None:
    """Change the amount at ``path`` inside ``Disclosure.model_dump()`` (as ``replace_value`` walks)."""
    node: Any = data["tables"]
    parts = path.split(".")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(node, dict) and part in node:
            if last and isinstance(node[part], dict):
                node[part]["amount"] = change(node[part]["amount"])
                return
            if last:
                node[part] = change(node[part])
                return
            node = node[part]
            continue
        rows = [r for attr in ("rows", "classes") for r in node.get(attr, ()) if r.get("code") == part]
        if not rows:
            raise KeyError(path)
        if last:
            rows[-1]["amount"] = change(rows[-1]["amount"])
            return
        node = rows[-1]
    raise KeyError(path)


def unknown(disclosure: Disclosure, paths: list[str], scale: Decimal) -> Disclosure:
    """The cells at ``paths`` as a reader that could not place them leaves them."""
    data = disclosure.model_dump()
    for path in paths:
        _set(data, path, lambda v: (v * scale).quantize(CENT))
    data["provenance"] = {**data["provenance"], **{p: UNREAD.model_dump() for p in paths}}
    return Disclosure.model_validate(data)


def without(disclosure: Disclosure, keys: list[str]) -> Disclosure:
    """Tables ``keys`` not found in the file: missing, every cell zero."""
    data = disclosure.model_dump()
    for path, _ in iter_table_cells(disclosure):
        if path.split(".", 1)[0] in keys:
            _set(data, path, lambda v: Decimal(0))
    for key in keys:
        data["tables"][key]["missing"] = True
    return Disclosure.model_validate(data)


def rows_not_made(disclosure: Disclosure, key: str) -> Disclosure:
    """Table ``key`` as a reader leaves one it could not read in full: the coded rows it did not
    make are absent (not zero) and the table's own key is provenanced ``unread``."""
    data = disclosure.model_dump()

    def drop(node: Any) -> None:
        if isinstance(node, dict):
            for attr, value in node.items():
                if attr in ("rows", "classes") and isinstance(value, (list, tuple)):
                    node[attr] = []
                else:
                    drop(value)
    drop(data["tables"][key])
    data["provenance"] = {**data["provenance"], key: UNREAD.model_dump()}
    return Disclosure.model_validate(data)


ALL_FORMS = "performance.projects"


def forms_not_read(disclosure: Disclosure, kept: slice, summary_from_forms: bool = False) -> Disclosure:
    """Some 自评表 forms not read: the reader keeps the forms ``kept`` and marks the list
    ``performance.projects`` unread. ``summary_from_forms``: the 说明 first prints the 平均得分 and
    grade counts the example's own forms give (``summary_figures``), so that P-013 has them to compare."""
    data = disclosure.model_dump()
    if summary_from_forms:
        figures = summary_figures(disclosure.performance, policy_for_profile(disclosure.meta.profile))
        data["performance"]["summary"].update(average_score=figures.average_score,
                                              grade_counts={k: v for k, v in figures.grade_counts.items() if v})
    data["performance"]["projects"] = data["performance"]["projects"][kept]
    data["provenance"] = {**data["provenance"], ALL_FORMS: UNREAD.model_dump()}
    return Disclosure.model_validate(data)


FORMS_KEPT = {"one form": slice(1, None), "half the forms": slice(None, None, 2), "no form": slice(0, 0)}


def forms_variants(d: Disclosure) -> list[tuple[str, Disclosure]]:
    """The "some 自评表 forms not read" variants of an example that has forms."""
    if not d.performance.projects:
        return []
    out = [(f"自评表 {label} not read", forms_not_read(d, kept)) for label, kept in FORMS_KEPT.items()]
    out.append(("自评表 half not read, 平均得分 printed", forms_not_read(d, FORMS_KEPT["half the forms"], True)))
    return out


TEXTS = ("name", "target", "actual", "deviation_reason")


def texts_not_read(disclosure: Disclosure) -> Disclosure:
    """Every 自评表 kept from its numbers only (a reader without positions, ingest/performance_numbers.py):
    each indicator row's texts None and provenanced unread, its 二级指标, 分值 and 得分 as printed."""
    data = disclosure.model_dump()
    unread = {}
    for p, project in enumerate(data["performance"]["projects"]):
        for i, row in enumerate(project["indicators"]):
            if row["weight"] is not None:
                row.update(dict.fromkeys(TEXTS))
                unread.update({f"performance.projects.{p}.indicators.{i}.{f}": UNREAD.model_dump() for f in TEXTS})
    data["provenance"] = {**data["provenance"], **unread}
    return Disclosure.model_validate(data)


@lru_cache(maxsize=None)
def example(name: str) -> Disclosure:
    path = EXAMPLES / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    return fileformat.load(path)


@lru_cache(maxsize=None)
def variants(name: str) -> tuple[tuple[str, Disclosure], ...]:
    d = example(name)
    cells = [p for p, _ in iter_table_cells(d)]
    out = []
    for key, _, _ in TABLE_KEYS:
        paths = [p for p in cells if p.split(".", 1)[0] == key]
        for label, scale in SCALES.items():
            out.append((f"{key} unread ({label})", unknown(d, paths, scale)))
        out.append((f"{key} missing", without(d, [key])))
        out.append((f"{key} rows not made", rows_not_made(d, key)))
    for label, scale in SCALES.items():
        out.append((f"all unread ({label})", unknown(d, cells, scale)))
    out.append(("all missing", without(d, [k for k, _, _ in TABLE_KEYS])))
    out += forms_variants(d)
    if d.performance.projects:
        out.append(("自评表 texts not read", texts_not_read(d)))
    return tuple(out)


def _serious(report) -> set[tuple[str, str, str]]:
    return {(f.rule_id, str(f.location), f.message) for f in report.findings if f.severity in ("错误", "警告")}


RULES = [rule.id for rule in load_builtin() if rule.check is not None]


@pytest.mark.parametrize("rule_id", RULES)
def test_rule__no_error_or_warning_from_unknown_values(rule_id: str):
    rule = load_builtin().get(rule_id)
    alone = Registry([rule])
    new = []
    for name in NAMES:
        d = example(name)
        baseline = _serious(run_check(d, registry=alone))
        for label, variant in variants(name):
            if rule_id in STATES_ABSENCE and "missing" in label:
                continue
            extra = _serious(run_check(variant, registry=alone)) - baseline
            new += [f"{name}: {label}: {finding}" for finding in sorted(extra)]
    assert new == []


def test_missing_table__only_its_absence_is_reported():
    """The one exception above: C-001 names each table the file lacks, and says nothing else."""
    d = without(example(NAMES[1]), [k for k, _, _ in TABLE_KEYS])
    findings = [f for f in run_check(d).findings if f.severity in ("错误", "警告")]
    assert {f.rule_id for f in findings} == {"C-001"}
    assert all("文件中未见" in f.message for f in findings)
    assert len(findings) == len(TABLE_KEYS)


def _coded_rows(d: Disclosure) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for path, _ in iter_table_cells(d):
        parts = path.split(".")
        if len(parts) == 3 and parts[1].isdigit():
            rows.setdefault(".".join(parts[:2]), []).append(path)
    return rows


@pytest.mark.parametrize("name", NAMES)
def test_rows__one_line_unknown_raises_nothing_new(name: str):
    """A reader that loses one coded line (its cells left at 0.00, unread): every rule together
    gives no 错误/警告 the example does not have. Every third row, to keep the suite quick."""
    d = example(name)
    baseline = _serious(run_check(d))
    rows = _coded_rows(d)
    new = []
    for row in sorted(rows)[::3]:
        extra = _serious(run_check(unknown(d, rows[row], Decimal(0)))) - baseline
        new += [f"{row}: {finding}" for finding in sorted(extra)]
    assert new == []


@pytest.mark.parametrize("name", NAMES)
def test_forms_not_read__what_needs_every_form_is_set_aside(name: str):
    """Some 自评表 forms not read (a text reader keeps those read with certainty and marks the list
    unread): every rule together gives no 错误/警告 the example does not have — N-012's count and
    totals and P-013's 平均得分 are set aside (R-004 says so) — and each form kept is still checked."""
    d = example(name)
    if not d.performance.projects:
        pytest.skip(f"{name} has no 自评表")
    baseline = _serious(run_check(d))
    for label, variant in forms_variants(d):
        report = run_check(variant)
        assert sorted(_serious(report) - baseline) == [], label
        kept = {p.name for p in variant.performance.projects}
        assert {f for f in _serious(report) if f[0].startswith("P-")} == \
            {f for f in baseline if f[0].startswith("P-") and any(n in f[1] for n in kept)} or not kept, label
        assert any(f.rule_id == "R-004" and "自评表" in f.message for f in report.findings), label


@pytest.mark.parametrize("name", NAMES)
def test_texts_not_read__what_needs_them_is_set_aside(name: str):
    """Every 自评表's indicator texts unknown: every rule together gives no 错误/警告 the example does
    not have; the P- findings that rest on numbers (P-001…P-005, P-008, P-009, P-012) stay, those that
    need the texts (P-006, P-007) are set aside, with one R-004 提示."""
    d = example(name)
    if not d.performance.projects:
        pytest.skip(f"{name} has no 自评表")
    baseline = _serious(run_check(d))
    report = run_check(texts_not_read(d))
    assert sorted(_serious(report) - baseline) == []
    numbers = {f for f in baseline if f[0].startswith("P-") and f[0] not in ("P-006", "P-007")}
    assert {f for f in _serious(report) if f[0].startswith("P-")} == numbers
    assert any(f.rule_id == "R-004" and f.location.table == "performance" for f in report.findings)
