"""Per-profile wording options and the printing of figures.

Options come from ``templates/<profile>/document.yaml`` (``options:``) and, where the
shared ``juesuan.reference.profiles`` module knows the profile, from its ``Profile``
(same attribute names win). Numbers are printed as the documents print them: amounts
in the narrative drop trailing zeros ("6.8", "100", "0"); percentages keep two decimals
or drop trailing zeros as the profile says ("33", "99.18", "100" in the seed).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from ..figures.core import ZeroBasePolicy
from ..model import format_amount, round2

PLACEHOLDER_REASON = "【请补充原因】"
PLACEHOLDER_VALUE = "【请补充数据】"
PLACEHOLDER_TEXT = "【请补充内容】"
PLACEHOLDER_MARK = "【请补充"


@dataclass(frozen=True)
class Wording:
    """What differs between profiles besides the template text itself."""

    profile: str = "xinjiang-2022"
    percent_style: str = "trim"
    """``trim``: drop trailing zeros ("33", "0", "99.18"); ``fixed``: always 2 decimals;
    ``fixed_bare_zero``: 2 decimals except a bare "0" (SH-S: "100.00%", "2.10%" but "0%")."""
    amount_style: str = "trim"
    """``trim`` ("6.8") or ``fixed`` ("6.80")."""
    zero_base: ZeroBasePolicy = ZeroBasePolicy.HUNDRED_PERCENT
    """增减率 when 上年 = 0: ``hundred_percent`` ("增长100%") or ``undefined`` (omit the rate)."""
    list_zero_income: bool = True
    """List income/expenditure kinds that are 0 (SEED) or leave them out (SH-T 不涉及的不列)."""
    item_comparison_base: str = "prior_year"
    """§五(三) per 项: ``prior_year`` (SEED) or ``initial_budget`` (SH-T)."""
    three_public_budget_base: str = "full_year_budget"
    """公开07 预算数 is the 全年预算 (SEED) or the 年初预算 (SH-T)."""
    flat_style: str = "持平"
    """An unchanged figure: ``持平`` (SH-T "如持平作持平表述") or ``zero_change`` (SEED §七:
    "比上年增加 0 万元，增长 0%")."""

    @classmethod
    def from_options(cls, profile: str, options: dict[str, Any], shared_wording: Any = None) -> "Wording":
        """Options of ``document.yaml``, overridden by the shared profile's ``wording``."""
        values: dict[str, Any] = {"profile": profile}
        names = {f.name for f in fields(cls)}
        for source in (options, _profile_attrs(shared_wording, names)):
            values.update({k: v for k, v in source.items() if k in names})
        wording = cls(**values)
        return replace(wording, zero_base=ZeroBasePolicy(wording.zero_base))


PROFILE_ALIASES = {
    "comparison_base": "item_comparison_base",
    "list_zero_income_items": "list_zero_income",
    "rate_when_prior_zero": "zero_base",
    "flat_style": "flat_style",
}
"""``juesuan.reference.profiles.Wording`` field → ours."""
_RATE_WHEN_PRIOR_ZERO = {"100": "hundred_percent", "omit": "undefined"}


def _profile_attrs(profile_wording: Any, names: set[str]) -> dict[str, Any]:
    """Options the shared profile states (they win over the template's own options)."""
    if profile_wording is None:
        return {}
    found: dict[str, Any] = {}
    for theirs, ours in PROFILE_ALIASES.items():
        value = getattr(profile_wording, theirs, None)
        if value is not None and ours in names:
            found[ours] = _RATE_WHEN_PRIOR_ZERO.get(value, value) if ours == "zero_base" else value
    return found


def format_percent(value: Decimal, style: str = "trim") -> str:
    """A percentage value (already ×100) as printed, without the % sign."""
    text = f"{round2(value):.2f}"
    if style == "trim" or (style == "fixed_bare_zero" and round2(value) == 0):
        text = text.rstrip("0").rstrip(".")
    return text


def format_money(value: Decimal, style: str = "trim") -> str:
    """An amount as the narrative prints it."""
    return format_amount(value, trim=style == "trim")


def format_count(value: Decimal) -> str:
    """Counts print as integers; areas and the like keep their decimals."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def clean_reason(text: str) -> str:
    """A reason without its trailing full stop (the template adds the punctuation)."""
    return text.strip().rstrip("。.；;，,")
