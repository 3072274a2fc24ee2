"""Inline SVG charts for the HTML page: no script, no CDN, readable by screen readers.

Charts draw printed amounts; every percentage label comes from ``juesuan.figures.share``
(render computes no figure). Bar lengths are drawing geometry only. Each chart is an
``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that states the values in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import escape

from ..figures import share
from ..model import Disclosure, format_amount
from ..model.tables import SummaryIncome

BAR_WIDTH = Decimal(360)
ROW, LEFT = 26, 240  # drawing row height; labels end at LEFT - 8, bars start at LEFT
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
    """The value as printed, with its share where one applies ("10,199.59万元（22.22%）")."""
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


def _scaled(bars: list[Bar], width: Decimal = BAR_WIDTH) -> tuple[Bar, ...]:
    """Bar lengths proportional to the largest value (drawing geometry, one decimal)."""
    top = max((b.value for b in bars), default=Decimal(0))
    if top <= 0:
        return tuple(bars)
    return tuple(Bar(b.label, b.value, b.text, (b.value / top * width).quantize(Decimal("0.1")),
                     b.series) for b in bars)


def _amount_text(value: Decimal, total: Decimal | None = None, unit: str = "万元") -> str:
    text = f"{format_amount(value, thousands=True)}{unit}"  # no gap between a figure and its Chinese unit
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
    """The chart as an inline ``<svg>`` element (every text escaped).

    Written with string joins, not a template: compiling a Jinja2 template for five
    small drawings cost more than drawing them. Numbers print as Python prints them
    (``26.0`` where the geometry divides, ``Decimal`` bar lengths as given).
    """
    return _stacked(chart) if chart.kind == "stacked" else _bars(chart)


def _open(chart: Chart, height: int) -> list[str]:
    cid, title = escape(chart.id), escape(chart.title)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 820 {height}" width="100%"\n'
            f'     aria-labelledby="{cid}-title {cid}-desc" class="chart">\n'
            f'  <title id="{cid}-title">{title}</title>\n'
            f'  <desc id="{cid}-desc">{escape(chart.description)}</desc>\n']


def _stacked(chart: Chart) -> str:
    """One bar of adjacent segments (本年支出合计), then a legend line per segment."""
    parts = _open(chart, 3 * ROW + 20)
    parts.append(f'  <text x="{LEFT - 8}" y="{8 + ROW / 2 + 5}" text-anchor="end" class="label">本年支出合计</text>\n')
    x = LEFT
    for index, b in enumerate(chart.bars):
        tip = f"{escape(b.label)} {escape(b.text)}"
        parts.append(f'  <rect x="{x}" y="8" width="{b.length}" height="{ROW}" '
                     f'fill="{PALETTE[index % len(PALETTE)]}"><title>{tip}</title></rect>\n')
        x = x + b.length
    for index, b in enumerate(chart.bars):
        y = 8 + ROW * (index + 1)
        parts.append(f'  <rect x="{LEFT}" y="{y + 8}" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>\n'
                     f'  <text x="{LEFT + 18}" y="{y + 18}" class="value">{escape(b.label)} {escape(b.text)}</text>\n')
    parts.append("</svg>\n")
    return "".join(parts)


def _bars(chart: Chart) -> str:
    """One row per bar: label (shortened past 16 characters), bar, printed value."""
    legend = chart.legend
    height = len(chart.bars) * ROW + (30 if legend else 10)
    parts = _open(chart, height)
    for index, b in enumerate(chart.bars):
        y = 6 + ROW * index
        if not legend or b.series == 0:
            name = b.label if len(b.label) <= 16 else b.label[:15] + "…"
            parts.append(f'  <text x="{LEFT - 8}" y="{y + (ROW if legend else ROW / 2 + 5)}" '
                         f'text-anchor="end" class="label">{escape(name)}</text>\n')
        series = f"（{escape(legend[b.series])}）" if legend else ""
        parts.append(f'  <rect x="{LEFT}" y="{y + 3}" width="{b.length}" height="{ROW - 8}" '
                     f'fill="{PALETTE[b.series if legend else 0]}"><title>{escape(b.label)}{series} '
                     f'{escape(b.text)}</title></rect>\n'
                     f'  <text x="{LEFT + b.length + 6}" y="{y + ROW / 2 + 5}" class="value">{escape(b.text)}</text>\n')
    for index, name in enumerate(legend):
        parts.append(f'  <rect x="{LEFT + index * 110}" y="{height - 18}" width="12" height="12" fill="{PALETTE[index]}"/>\n'
                     f'  <text x="{LEFT + index * 110 + 18}" y="{height - 8}" class="value">{escape(name)}</text>\n')
    parts.append("</svg>\n")
    return "".join(parts)
