"""A narrative claim: one figure statement of the 情况说明, as data.

Generation writes claims as text, parsing reads text back into claims, checking
recomputes each claim from the tables. One type keeps the three from drifting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from .base import Frozen

Measure = Literal[
    "amount", "share", "change_amount", "change_rate",
    "budget_variance_rate", "completion_rate", "count",
]
Direction = Literal["增加", "减少", "增长", "下降", "持平", "大于", "小于", "等于"]


class Claim(Frozen):
    """One figure of the narrative.

    - ``item``: an item path (``juesuan.model.items``), e.g. ``summary.income.grand_total``,
      ``general_budget.2010308.total``, ``three_public.final.reception``,
      ``operating_costs.amount``, ``procurement.sme_contracts``,
      ``three_public_details.reception_people``, ``performance.summary.budget_total``.
    - ``measure``: amount | share | change_amount | change_rate | budget_variance_rate |
      completion_rate | count.
    - ``base``: for ``share`` the denominator item path; for changes ``prior_year``;
      for budget measures ``initial_budget`` or ``full_year_budget`` (values taken from
      ``Disclosure.comparisons[item]`` or, for 公开07, ``three_public.budget.*``).
    - ``direction``: the direction word as printed; ``reason``: the 主要原因 text.
    - ``section``/``sentence``: where it is printed (``第二部分五(三)3`` style), plus
      ``file``/``page`` for parsed input.
    """

    item: str
    measure: Measure
    value: Decimal
    unit: str = "万元"
    """万元, 元, %, 个, 人, 人次, 辆, 批次, 台（套）, 平方米 …"""
    text: str | None = None
    """The figure exactly as printed ("6.8", "33 %"), which sets its rounding precision."""
    base: str | None = None
    direction: Direction | None = None
    reason: str | None = None
    section: str | None = None
    sentence: str | None = None
    file: str | None = None
    page: int | None = None
    purpose: str | None = None
    """主要用于 of the item, as printed in its paragraph ("主要用于：局本部人员经费及公用经费等的基本支出")."""
    listed: tuple[str, ...] = ()
    """The items the sentence lists for this figure ("人员经费 X 万元，主要包括：基本工资、津贴补贴…")."""
    printed_name: str | None = None
    """A 类/款/项 path or coded name as printed in the sentence, when the item is a classified row."""
    table_name: str | None = None
    """The name the document's own table prints for that code, when it differs (``name_differs``)."""
    flags: tuple[str, ...] = ()
    """What the reader could not settle, for rules to report: ``name_differs`` (the table prints
    another name for the code), ``not_in_table`` (the code list knows the name, the table has no
    such row), ``unresolved`` (neither knows it: the item is ``<table>.unresolved.<column>``)."""
