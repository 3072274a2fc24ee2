"""Turn the nine tables and each 自评表 into renderer-neutral grids.

Every renderer draws ``grid_for(disclosure, key)``; the table look (code columns split
into 类|款|项 or one cumulative code, zero cells blank or 0.00, 公开05 合计 first or last,
the 公开07 vehicle labels) comes from ``LayoutOptions``, taken from the profile when it
says so. Layout only arranges printed values; it never computes a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import TABLE_KEYS, Disclosure
from ..model.memo import ObjectMemo
from ..model.table_schema import table_schema
from .cells import Cell, Grid, Row, placed

TABLE_TITLES = {key: (code, title) for key, code, title in TABLE_KEYS}


@dataclass(frozen=True)
class LayoutOptions:
    """How the tables look; defaults follow the Shanghai filled sample (SH-S).

    ``for_disclosure`` reads the profile (``juesuan.reference.profiles``): the printed
    table titles, the fixed 类 rows of 公开01/04, the 公开05 合计 position, the 公开07
    cell order and the empty-table notes.
    """

    code_style: Literal["split", "cumulative"] = "split"
    blank_zeros: bool = True
    general_budget_total_last: bool = True
    three_public_order: Literal["interleaved", "budget_first"] = "interleaved"
    vehicle_label: str = table_schema("three_public").column("vehicle_total").group or ""
    vehicle_operation_label: str = table_schema("three_public").column("vehicle_operation").header
    unit_line: str = "单位：万元"
    titles: tuple[tuple[str, str], ...] = ()
    """(table key, printed title) where the profile prints another title."""
    class_rows: tuple[tuple[str, str], ...] = ()
    """(code, name) of every 类 row printed on the expense side of 公开01/04, zero rows kept."""
    empty_notes: tuple[tuple[str, str], ...] = ()
    income_rows: tuple[str, ...] = ()
    """The eight printed income lines of 公开01 (一、一般公共预算财政拨款收入 …) when the profile lists them."""
    headers: tuple[tuple[str, str, str], ...] = ()
    """(table key, field, printed header) where the profile prints another header than the schema's."""
    orders: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(table key, fields) where the profile prints the columns in another order."""

    def title(self, key: str) -> str:
        return dict(self.titles).get(key) or TABLE_TITLES[key][1]

    def columns(self, key: str) -> tuple[tuple[str, str], ...]:
        """(field, printed header) of a table's amount columns, in printed order: the schema's
        (model/table_schema.yaml), with the profile's renames and order."""
        spec = table_schema(key)
        renamed = {field: text for k, field, text in self.headers if k == key}
        order = dict(self.orders).get(key) or spec.fields
        return tuple((field, renamed.get(field) or spec.column(field).header) for field in order)

    def empty_note(self, key: str) -> str | None:
        return dict(self.empty_notes).get(key)

    @classmethod
    def for_disclosure(cls, disclosure: Disclosure) -> "LayoutOptions":
        """Options from the disclosure's profile; defaults when the profile is unknown."""
        meta = disclosure.meta
        unit_line = f"单位：{meta.unit}"
        try:
            from ..reference.profiles import Profile

            profile = Profile.load(meta.profile)
        except Exception:  # unknown or broken profile: the SH-S look
            return cls(unit_line=unit_line)
        wording = profile.wording
        return cls(
            general_budget_total_last=wording.general_budget_total_row == "last",
            three_public_order=wording.three_public_cell_order,
            unit_line=unit_line,
            titles=tuple((t.key, t.title) for t in profile.tables),
            class_rows=tuple((row.code, row.name) for row in profile.class_rows),
            income_rows=tuple(profile.income_rows),
            headers=tuple((t.key, field, text) for t in profile.tables for field, text in t.headers.items()),
            orders=tuple((t.key, t.columns) for t in profile.tables if t.columns),
            empty_notes=tuple((key, profile.fill(text, meta.department, meta.year))
                              for key, text in profile.empty_table_notes.items()),
        )


def table_keys() -> tuple[str, ...]:
    return tuple(key for key, _, _ in TABLE_KEYS)


# Grids already built, per disclosure object (model/memo.py): the four renderers of one build
# draw the same grids.
_GRIDS = ObjectMemo()


def _grid_cache(disclosure: Disclosure) -> dict[tuple[str, LayoutOptions], Grid]:
    return _GRIDS.of(disclosure)


def grid_for(disclosure: Disclosure, key: str, options: LayoutOptions | None = None) -> Grid:
    """The grid of a table key (``TABLE_KEYS``) or ``performance:<n>`` (n-th 自评表).

    Grids are immutable and depend only on the (frozen) disclosure and the options, so
    each is built once per disclosure object and shared by every renderer."""
    options = options or LayoutOptions.for_disclosure(disclosure)
    cache = _grid_cache(disclosure)
    grid = cache.get((key, options))
    if grid is None:
        grid = cache[(key, options)] = _build_grid(disclosure, key, options)
    return grid


def _build_grid(disclosure: Disclosure, key: str, options: LayoutOptions) -> Grid:
    """The grid as arranged, its widths fitted to the figures it prints (colfit.py)."""
    from .colfit import fitted

    return fitted(_arranged(disclosure, key, options))


def _arranged(disclosure: Disclosure, key: str, options: LayoutOptions) -> Grid:
    from . import grids_coded, grids_summary, grids_selfeval

    if key.startswith("performance:"):
        index = int(key.split(":", 1)[1])
        projects = disclosure.performance.projects
        return grids_selfeval.self_evaluation_grid(projects[index], index, grids_selfeval.places(projects))
    builders = {
        "summary": grids_summary.summary_grid,
        "fiscal_summary": grids_summary.fiscal_summary_grid,
        "income": grids_coded.income_grid,
        "expenditure": grids_coded.expenditure_grid,
        "general_budget": grids_coded.general_budget_grid,
        "government_fund": grids_coded.fund_grid,
        "state_capital": grids_coded.fund_grid,
        "basic_expenditure": grids_coded.basic_expenditure_grid,
        "three_public": grids_coded.three_public_grid,
    }
    if key not in builders:
        raise KeyError(f"unknown table key: {key}")
    return builders[key](disclosure, key, options)


def heading_is_table_title(section_title: str, grid: Grid) -> bool:
    """True when a section heading names its table ("一、《收入支出决算总表》",
    "项目支出绩效自评表（项目名）"): the table title is printed in its place (not twice); the
    heading text still names the section in bookmarks and navigation."""
    return grid.title in section_title


def all_grids(disclosure: Disclosure, options: LayoutOptions | None = None) -> list[Grid]:
    """The nine tables then every 自评表, in print order."""
    options = options or LayoutOptions.for_disclosure(disclosure)
    grids = [grid_for(disclosure, key, options) for key in table_keys()]
    grids += [grid_for(disclosure, f"performance:{i}", options)
              for i in range(len(disclosure.performance.projects))]
    return grids


__all__ = [
    "Cell", "Grid", "LayoutOptions", "Row", "all_grids", "grid_for", "heading_is_table_title", "placed",
    "table_keys",
]
