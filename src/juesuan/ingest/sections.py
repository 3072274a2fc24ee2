"""Sections of the 情况说明 that a disclosure must have (disclosure-requirements.md)."""

from __future__ import annotations

from .numbers import clean

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("functions", ("主要职能", "主要职责")),
    ("summary", ("收入支出决算总体情况",)),
    ("income", ("收入决算情况",)),
    ("expenditure", ("支出决算情况",)),
    ("fiscal_summary", ("财政拨款收入支出决算总体情况",)),
    ("general_budget", ("一般公共预算财政拨款支出决算情况",)),
    ("basic_expenditure", ("基本支出决算情况",)),
    ("three_public", ("三公经费支出决算情况", "三公”经费支出决算情况", "三公\"经费支出决算情况")),
    ("government_fund", ("政府性基金预算财政拨款收入支出决算情况",)),
    ("state_capital", ("国有资本经营预算财政拨款收入支出决算情况",)),
    ("operating_costs", ("机关运行经费",)),
    ("procurement", ("政府采购",)),
    ("assets", ("国有资产占用", "国有资产占有")),
    ("performance", ("预算绩效",)),
    ("glossary", ("名词解释",)),
)


def find_sections(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    t = clean(text)
    found = tuple(key for key, words in SECTIONS if any(w in t for w in words))
    return found, tuple(key for key, _ in SECTIONS if key not in found)
