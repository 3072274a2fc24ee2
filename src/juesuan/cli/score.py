"""``juesuan score``: recompute every 项目支出绩效自评表 under a policy; export/import the XLSX form."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import typer
from rich.table import Table

from .. import fileformat
from ..model import Disclosure, Performance
from . import app
from .common import console, err_console, load_or_exit

SEVERITY_STYLE = {"错误": "red", "警告": "yellow", "提示": "cyan"}
STATUS_WORDS = {"match": "一致", "rounding": "舍入差", "outside": "超出允许范围", "judgement": "需人工判断",
                "missing": "未填得分", "placeholder": "空行"}
"""The scoring engine's status codes as a reviewer reads them."""


def _load(file: Path) -> Disclosure:
    """A disclosure file, or a bare list of projects (an ``examples/parts`` fragment)."""
    try:
        data = fileformat.load_data(file)  # the limits and checks of disclosure files
    except fileformat.DisclosureFileError:
        data = None
    if isinstance(data, list):
        try:
            return Disclosure.model_validate({"meta": {"department": "", "year": 0}, "performance": {"projects": data}})
        except Exception:  # noqa: BLE001 - fall back to the located errors of the file loader
            pass
    return load_or_exit(file)


def _text(value) -> str:
    return "" if value is None else (format(value, "f") if isinstance(value, Decimal) else str(value))


def _project_table(s) -> Table:
    table = Table(title=f"{s.name}（策略 {s.policy}）", show_lines=False)
    for column in ("二级指标", "三级指标", "指标值", "完成值", "分值", "报告得分", "规则得分", "允许范围", "状态", "说明"):
        table.add_column(column, overflow="fold")
    table.add_row("预算执行率", "", "", _text(s.project.execution_rate) + "%", _text(s.project.execution_weight),
                  _text(s.project.execution_score), _text(s.execution_score), "", "", s.execution_explanation)
    for r in s.indicators:
        if r.status == "placeholder":
            continue
        bounds = "" if r.low is None else f"[{r.low}, {r.high}{']' if r.high_inclusive else ')'}"
        style = {"outside": "yellow", "judgement": "cyan", "missing": "red"}.get(r.status)
        table.add_row(r.indicator.level2, r.indicator.name or "", r.indicator.target or "", r.indicator.actual or "",
                      _text(r.weight), _text(r.reported), _text(r.suggested if r.suggested is not None else r.recomputed),
                      bounds, STATUS_WORDS.get(r.status, r.status), r.explanation, style=style)
    return table


def _overview(scores) -> Table:
    table = Table(title="报告总分与重算总分 / reported vs recomputed 总分")
    for column in ("项目名称", "报告总分", "得分合计", "重算总分", "差异", "等级", "重算等级", "问题"):
        table.add_column(column, justify="left" if column == "项目名称" else "right")
    for s in scores:
        counts = {}
        for issue in s.all_issues:
            counts[issue.severity] = counts.get(issue.severity, 0) + 1
        table.add_row(s.name, _text(s.reported_total), _text(s.printed_sum), _text(s.recomputed_total),
                      _text(s.difference), s.grade or "", s.recomputed_grade or "",
                      " ".join(f"{k}{v}" for k, v in sorted(counts.items())))
    return table


def _as_json(scores) -> list[dict]:
    def issue(i):
        return {"code": i.code, "severity": i.severity, "project": i.project, "indicator": i.indicator,
                "expected": _text(i.expected) or None, "actual": _text(i.actual) or None, "message": i.message}

    return [{
        "project": s.name, "policy": s.policy, "reported_total": _text(s.reported_total) or None,
        "printed_sum": _text(s.printed_sum), "recomputed_total": _text(s.recomputed_total),
        "difference": _text(s.difference) or None, "grade": s.grade, "recomputed_grade": s.recomputed_grade,
        "execution_rate": _text(s.execution_rate) or None, "execution_score": _text(s.execution_score) or None,
        "indicators": [{
            "position": r.position, "level1": r.indicator.level1, "level2": r.indicator.level2,
            "name": r.indicator.name, "rule": r.rule, "weight": _text(r.weight) or None,
            "reported": _text(r.reported) or None, "suggested": _text(r.suggested) or None,
            "low": _text(r.low) or None, "high": _text(r.high) or None, "high_inclusive": r.high_inclusive,
            "recomputed": _text(r.recomputed) or None, "status": r.status, "explanation": r.explanation,
        } for r in s.indicators if r.status != "placeholder"],
        "issues": [issue(i) for i in s.all_issues],
    } for s in scores]


def _print(scores, fmt: str, detail: bool = False) -> None:
    if fmt == "json":
        typer.echo(json.dumps(_as_json(scores), ensure_ascii=False, indent=2))
        return
    if not detail:  # the summary: one line per 自评表, then what needs a look
        console.print(_overview(scores))
        issues = [i for s in scores for i in s.all_issues if i.severity in ("错误", "警告")]
        for i in issues:
            where = f"“{i.indicator}”" if i.indicator else ""
            console.print(f"  [{SEVERITY_STYLE[i.severity]}]{i.severity}[/] {i.project} {where} {i.message}",
                          highlight=False)
        console.print(f"共 {len(scores)} 张自评表；错误与警告 {len(issues)} 条。逐项指标见 --detail", highlight=False)
        return
    for s in scores:
        console.print(_project_table(s))
        for i in s.all_issues:
            where = f"“{i.indicator}”" if i.indicator else ""
            console.print(f"  [{SEVERITY_STYLE[i.severity]}]{i.severity}[/] {i.code} {where} {i.message}",
                          highlight=False)
    console.print(_overview(scores))


@app.command()
def score(
    file: Path = typer.Argument(..., help="披露文件或项目列表 YAML / disclosure file or a list of projects"),
    policy: str = typer.Option("urumqi-2022", "--policy", "-p", help="评分策略 / scoring policy (policies.yaml)"),
    project: str = typer.Option(None, "--project", help="只看名称含此文字的项目 / projects whose name contains this"),
    fmt: str = typer.Option("text", "--format", help="text | json"),
    detail: bool = typer.Option(False, "--detail", help="逐张自评表、逐项指标列出 / every indicator of every form"),
    form: Path = typer.Option(None, "--form", help="导出自评表 XLSX / export the 自评表 as XLSX"),
    fill: bool = typer.Option(False, "--fill", help="与 --form 合用：空得分格填入计算得分 / fill empty score cells"),
    filled: Path = typer.Option(None, "--import", help="导入填好的自评表 XLSX / import a filled XLSX"),
    output: Path = typer.Option(None, "-o", "--output", help="与 --import 合用：写出更新后的披露文件 / write the updated file"),
) -> None:
    """绩效自评重算：报告得分与规则得分对比；导出/导入自评表 / recompute 绩效自评 scores."""
    from ..scoring import load_policy, policy_names, score_performance
    from ..scoring.form import export_form
    from ..scoring.form_import import import_form

    if policy not in policy_names():
        err_console.print(f"[red]错误 / error[/red] 未知的评分策略 / unknown policy {policy!r}；"
                          f"可选 / known: {', '.join(policy_names())}")
        raise typer.Exit(2)
    if fmt not in ("text", "json"):
        err_console.print(f"[red]错误 / error[/red] --format 应为 text 或 json / must be text or json: {fmt!r}")
        raise typer.Exit(2)
    disclosure = _load(file)
    projects = [p for p in disclosure.performance.projects if not project or project in p.name]
    if filled is not None:
        try:
            result = import_form(filled.read_bytes(), str(filled))
        except OSError as exc:
            err_console.print(f"[red]错误 / error[/red] {filled}: 无法读取 / cannot read: {exc.strerror}")
            raise typer.Exit(2) from None
        for problem in result.problems:
            err_console.print(f"[red]错误 / error[/red] {problem}", highlight=False, soft_wrap=True)
        if result.problems:
            raise typer.Exit(2)
        imported = {p.name: p for p in result.projects}
        merged = [imported.pop(p.name, p) for p in disclosure.performance.projects] + list(imported.values())
        disclosure = disclosure.model_copy(update={"performance": disclosure.performance.model_copy(
            update={"projects": tuple(merged)})})
        projects = list(result.projects)
        if output is not None:
            fileformat.dump(disclosure, output)
            console.print(f"已写入 / written: {output}")
    if not projects:
        err_console.print("[red]错误 / error[/red] 文件中没有项目支出绩效自评表，无从评分 / no 自评表 to score")
        raise typer.Exit(2)  # nothing to score is unusable input for this command, not a 错误 found
    if form is not None:
        form.write_bytes(export_form(projects, policy, fill=fill))
        console.print(f"已导出 {len(projects)} 张自评表 / exported: {form}")
        return
    _print(score_performance(Performance(projects=tuple(projects)), load_policy(policy)), fmt, detail)
