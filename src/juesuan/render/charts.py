"""Inline SVG charts for the HTML page: no script, no CDN, readable by screen readers.

Charts draw printed amounts; every percentage label comes from ``juesuan.figures.share``
(render computes no figure). Bar lengths are drawing geometry only. Each chart is an
``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that states the values in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from jinja2 import Environment, PackageLoader, select_autoescape

from ..figures import share
from ..model import Disclosure, format_amount
from ..model.tables import SummaryIncome

BAR_WIDTH = Decimal(360)
PALETTE = ("#2f5d8a", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646")
INCOME_LABELS = {
    "general_budget": "一般公共预算财政拨款收入", "government_fund": "政府性基金预算财政拨款收入",
    "state_capital": "国有资本经营预算财政拨款收入", "higher_level_subsidy": "上级补助收入",
    "business": "事业收入", "operating": "经营收入", "affiliated_remittance": "附属单位上缴收入",
    "other": "其他收入",
}
THREE_PUBLIC_ITEMS = (("total", "合计"), ("overseas", "因公出国（境）费"),
                      ("vehicle_total", "公务用车购置及运行维护费"), ("reception", "公务接待费"))


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    text: str
    """The value as printed, with its share where one applies ("10,199.59 万元（22.22%）")."""
    length: Decimal = Decimal(0)
    series: int = 0


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: tuple[Bar, ...]
    legend: tuple[str, ...] = ()
    kind: str = "bars"  # bars | stacked

    @property
    def description(self) -> str:
        return "；".join(f"{b.label}{'（' + self.legend[b.series] + '）' if self.legend else ''}"
                        f" {b.text}" for b in self.bars) + "。"


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("juesuan.render", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                       lstrip_blocks=True)


def _scaled(bars: list[Bar], width: Decimal = BAR_WIDTH) -> tuple[Bar, ...]:
    """Bar lengths proportional to the largest value (drawing geometry, one decimal)."""
    top = max((b.value for b in bars), default=Decimal(0))
    if top <= 0:
        return tuple(bars)
    return tuple(Bar(b.label, b.value, b.text, (b.value / top * width).quantize(Decimal("0.1")),
                     b.series) for b in bars)


def _amount_text(value: Decimal, total: Decimal | None = None, unit: str = "万元") -> str:
    text = f"{format_amount(value, thousands=True)} {unit}"
    ratio = share(value, total) if total is not None else None
    return f"{text}（{ratio}%）" if ratio is not None else text


def expenditure_by_class(d: Disclosure) -> Chart | None:
    table = d.tables.expenditure
    rows = [r for r in table.rows if r.level == 1 and r.total]
    if not rows:
        return None
    bars = [Bar(r.name, r.total, _amount_text(r.total, table.total.total, d.meta.unit)) for r in rows]
    return Chart("chart-expenditure", "支出决算按功能分类（类）", _scaled(bars))


def income_sources(d: Disclosure) -> Chart | None:
    income = d.tables.summary.income
    bars = [Bar(INCOME_LABELS[name], getattr(income, name),
                _amount_text(getattr(income, name), income.total, d.meta.unit))
            for name in SummaryIncome.SOURCE_LINES if getattr(income, name)]
    return Chart("chart-income", "收入决算来源", _scaled(bars)) if bars else None


def basic_project(d: Disclosure) -> Chart | None:
    total = d.tables.expenditure.total
    if not (total.basic or total.project):
        return None
    bars = [Bar("基本支出", total.basic, _amount_text(total.basic, total.total, d.meta.unit), series=0),
            Bar("项目支出", total.project, _amount_text(total.project, total.total, d.meta.unit), series=1)]
    scaled = tuple(Bar(b.label, b.value, b.text,
                       (b.value / total.total * BAR_WIDTH).quantize(Decimal("0.1")), b.series)
                   for b in bars) if total.total > 0 else tuple(bars)
    return Chart("chart-basic-project", "基本支出与项目支出", scaled, kind="stacked")


def three_public(d: Disclosure) -> Chart | None:
    table = d.tables.three_public
    if not (table.budget.total or table.final.total):
        return None
    bars = []
    for name, text in THREE_PUBLIC_ITEMS:
        for series, side in enumerate((table.budget, table.final)):
            value = getattr(side, name)
            bars.append(Bar(text, value, _amount_text(value, unit=d.meta.unit), series=series))
    return Chart("chart-three-public", "“三公”经费预算数与决算数", _scaled(bars),
                 legend=("预算数", "决算数"))


def performance_scores(d: Disclosure) -> Chart | None:
    projects = [p for p in d.performance.projects if p.total_score is not None]
    if not projects:
        return None
    hundred = Decimal(100)
    bars = tuple(Bar(p.name, p.total_score, f"{p.total_score} 分",
                     (min(p.total_score, hundred) / hundred * BAR_WIDTH).quantize(Decimal("0.1")))
                 for p in projects)
    return Chart("chart-performance", "项目支出绩效自评得分（满分 100）", bars)


def charts(d: Disclosure) -> list[Chart]:
    made = (expenditure_by_class(d), income_sources(d), basic_project(d), three_public(d),
            performance_scores(d))
    return [chart for chart in made if chart is not None]


def svg(chart: Chart) -> str:
    """The chart as an inline ``<svg>`` element (autoescaped Jinja2 template)."""
    return _env().get_template("chart.svg.j2").render(chart=chart, palette=PALETTE)
