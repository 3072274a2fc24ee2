"""Disclosures that differ from our two examples in their *data*, every table identity kept.

From a seed, one of our examples (its department, wording, 说明 facts and layout profile) gets new
tables: other 功能分类 rows (one to eight 类, deep 项 lists, long names that wrap), amounts from
0.01 to tens of millions 万元, blank sources (non-fiscal income, 政府性基金 parts), 公开07 all zero
or with one item, empty 公开08/09, 公开06 with many or very few 经济分类 items. Only the leaves
are drawn: every 款/类/合计, every table drawn from another (01 from 02/03/04, 04 from 05/08/09,
06 from 05's 基本支出) is their sum, so ``juesuan check`` on the data finds no broken identity.
Codes and names are real ones: the reference lists of ../shared/reference (支出功能分类 2022,
部门支出经济分类). The 说明 is composed from the new data (``juesuan.narrative.compose``) and its
figure statements become the data's ``claims``, so the data's own check is what a reader of the
printed document should find.

Shared by ``bench/data_variety.py`` and ``test_data_variety.py``.
"""

from __future__ import annotations

import csv
import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from juesuan import fileformat
from juesuan.model import Disclosure, iter_table_cells

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "reference"
EXAMPLES = ("shanghai-putuo-czj-2024", "urumqi-iit-2022")
CENT = Decimal("0.01")
ZERO = Decimal(0)

FITS = Decimal(1000000)
"""The amounts ``derive`` keeps under by default, so that the floors measured before our PDF fitted
its columns to their figures (render/colfit.py, a828eed) stay comparable; ``fit=False`` draws
beyond (those PDFs widen the columns or set a table smaller: tests/render/test_figure_fit.py)."""
# magnitudes of a leaf amount (万元): lowest and highest, drawn log-uniformly in cents
MAGNITUDES = {"cents": (CENT, Decimal(20)), "small": (Decimal("0.5"), Decimal(900)),
              "usual": (Decimal(1), Decimal(9000)), "large": (Decimal(100), Decimal(900000)),
              "huge": (Decimal(5000), Decimal(150000))}


@lru_cache(maxsize=2)
def code_list(kind: str) -> dict[str, tuple[str, str]]:
    """code → (name, parent) of a reference list (``function``: 2022 partial; ``economic``)."""
    name = {"function": "expense-function-2022-partial.csv", "economic": "expense-economic-dept.csv"}[kind]
    with (REFERENCE / name).open(encoding="utf-8") as f:
        return {row["code"]: (row["name"], row["parent"]) for row in csv.DictReader(f)}


def children(kind: str, parent: str) -> list[str]:
    return [c for c, (_, p) in code_list(kind).items() if p == parent]


def amount(rng: random.Random, magnitude: str) -> Decimal:
    """A positive amount in cents, log-uniform between the magnitude's bounds; now and then 0.01."""
    low, high = MAGNITUDES[magnitude]
    if rng.random() < 0.04:
        return CENT
    cents = int(Decimal(rng.uniform(float((low * 100).ln()), float((high * 100).ln()))).exp())
    return max(Decimal(cents) / 100, CENT)


def split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` (cents) in ``parts`` shares that add up exactly, each at least a cent where the total
    allows."""
    cents = int(total * 100)
    if cents >= parts:
        cuts = sorted(rng.sample(range(1, cents), parts - 1))
    else:
        cuts = sorted(rng.randint(0, cents) for _ in range(parts - 1))
    return [Decimal(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, cents])]


def _sum(values) -> Decimal:
    return sum(values, ZERO)


class Leaf:
    """One 项 of the 功能分类 with its amounts by source (万元)."""

    def __init__(self, code: str):
        self.code = code
        self.gb = [ZERO, ZERO]  # 一般公共预算: basic, project
        self.gf = [ZERO, ZERO]  # 政府性基金
        self.nf = [ZERO, ZERO]  # other sources (non-fiscal)
        self.operating = ZERO   # 经营支出 (non-fiscal)
        self.gb_income = ZERO   # 本年财政拨款收入 of this 项 by source, and its other income
        self.gf_income = ZERO
        self.gf_opening = ZERO
        self.gf_closing = ZERO
        self.nf_income = ZERO


def _draw_leaves(rng: random.Random, classes: list[str], magnitude: str, fund_share: float,
                 nonfiscal_share: float, zero_rows: bool) -> list[Leaf]:
    """Leaves of one to eight 类 (those the example's 公开01 lists that have 项 in the code list)."""
    fn = code_list("function")
    usable = [c for c in classes if any(children("function", k) for k in children("function", c))]
    count = min(len(usable), rng.choice([1, 1, 2, 3, 3, 4, 5, 8]))
    chosen = sorted(rng.sample(usable, count))
    leaves = []
    for cls in chosen:
        kuan = [k for k in children("function", cls) if children("function", k)]
        deep = rng.random() < 0.3  # a deep 项 list: every 项 of the chosen 款
        for k in sorted(rng.sample(kuan, rng.randint(1, min(len(kuan), 3)))):
            xiang = children("function", k)
            picked = xiang if deep else rng.sample(xiang, rng.randint(1, min(len(xiang), 3)))
            leaves += [Leaf(x) for x in sorted(picked)]
    fund_codes = {c for c in fn if c.startswith("229")}  # 其他政府性基金… lives under 229
    for leaf in leaves:
        if zero_rows and rng.random() < 0.08:
            continue  # printed with no amount at all
        fund = leaf.code[:3] in ("229", "212") and rng.random() < fund_share or leaf.code in fund_codes \
            and rng.random() < fund_share
        basic = rng.random() < 0.55
        project = not basic or rng.random() < 0.4
        if fund:
            leaf.gf = [amount(rng, magnitude) if rng.random() < 0.2 else ZERO, amount(rng, magnitude)]
        else:
            leaf.gb = [amount(rng, magnitude) if basic else ZERO, amount(rng, magnitude) if project else ZERO]
        if rng.random() < nonfiscal_share:
            leaf.nf = [amount(rng, magnitude) if basic and rng.random() < 0.5 else ZERO,
                       amount(rng, magnitude) if rng.random() < 0.6 else ZERO]
            if rng.random() < 0.15:
                leaf.operating = amount(rng, magnitude)
        # this year's income: mostly what was spent, now and then more or less (a balance moves)
        gb_spent, gf_spent = _sum(leaf.gb), _sum(leaf.gf)
        leaf.gb_income = gb_spent if rng.random() < 0.7 else _vary(rng, gb_spent)
        if gf_spent:
            leaf.gf_opening = amount(rng, magnitude) if rng.random() < 0.3 else ZERO
            leaf.gf_closing = amount(rng, magnitude) if rng.random() < 0.3 else ZERO
            leaf.gf_income = gf_spent + leaf.gf_closing - leaf.gf_opening
            if leaf.gf_income < 0:
                leaf.gf_closing -= leaf.gf_income
                leaf.gf_income = ZERO
        leaf.nf_income = _sum(leaf.nf) + leaf.operating
    if not any(leaf.gb[0] for leaf in leaves):  # every department has 基本支出 (公开06 is never empty)
        leaf = next((l for l in leaves if _sum(l.gb)), leaves[0])
        leaf.gb[0] = max(amount(rng, magnitude), Decimal("0.10"))
        leaf.gb_income += leaf.gb[0]
    return leaves


def _vary(rng: random.Random, value: Decimal) -> Decimal:
    return max(ZERO, (value * Decimal(rng.uniform(0.8, 1.2))).quantize(CENT))


def _coded_rows(leaves: list[Leaf], columns: dict[str, object], keep=lambda leaf: True) -> tuple[dict, list[dict]]:
    """合计 and 类/款/项 rows (code order) of the leaves ``keep`` holds; each column a function of a leaf."""
    fn = code_list("function")
    kept = [leaf for leaf in leaves if keep(leaf)]
    values = {leaf.code: {c: f(leaf) for c, f in columns.items()} for leaf in kept}
    codes = sorted({leaf.code[:n] for leaf in kept for n in (3, 5, 7)})
    rows = []
    for code in codes:
        parts = [v for c, v in values.items() if c.startswith(code)]
        rows.append({"code": code, "name": fn[code][0], **{c: _sum(p[c] for p in parts) for c in columns}})
    total = {"code": "合计", "name": "合计", **{c: _sum(v[c] for v in values.values()) for c in columns}}
    return total, rows


def _class_lines(printed: list[dict], by_class: dict[str, Decimal]) -> list[dict]:
    return [{"code": line["code"], "name": line["name"], "amount": by_class.get(line["code"], ZERO)}
            for line in printed]


def derive(stem: str, seed: int, fit: bool = True) -> Disclosure:
    """A disclosure with our example ``stem``'s department, wording and profile and data drawn from
    ``seed`` (the same seed always gives the same disclosure). ``fit``: every amount under
    ``FITS`` (drawn again otherwise)."""
    for attempt in range(50):
        disclosure = _derive(random.Random(f"{stem}:{seed}" + (f":{attempt}" if attempt else "")), stem)
        if not fit or max(v for _, v in iter_table_cells(disclosure)) < FITS:
            return disclosure
    raise ValueError(f"no disclosure of {stem} seed {seed} fits")


def _derive(rng: random.Random, stem: str) -> Disclosure:
    base = fileformat.load(ROOT / "examples" / f"{stem}.yaml")
    data = base.model_dump()
    t = data["tables"]
    magnitude = rng.choice(list(MAGNITUDES))
    class_list = [c["code"] for c in t["summary"]["expenditure"]["classes"]]
    leaves = _draw_leaves(rng, class_list, magnitude, fund_share=rng.choice([0, 0, 0.5, 1]),
                          nonfiscal_share=rng.choice([0, 0.2, 0.6]), zero_rows=rng.random() < 0.3)

    # 公开03, 05, 08 (09 stays empty: no 国有资本经营 code with 项 in the reference list)
    total, rows = _coded_rows(leaves, {
        "total": lambda l: _sum(l.gb) + _sum(l.gf) + _sum(l.nf) + l.operating,
        "basic": lambda l: l.gb[0] + l.gf[0] + l.nf[0], "project": lambda l: l.gb[1] + l.gf[1] + l.nf[1],
        "operating": lambda l: l.operating})
    t["expenditure"] = {**t["expenditure"], "total": total, "rows": rows}
    gb_printed = rng.random() < 0.5  # a 项 with no 一般公共预算 part: printed with blanks, or left out
    total, rows = _coded_rows(leaves, {"total": lambda l: _sum(l.gb), "basic": lambda l: l.gb[0],
                                       "project": lambda l: l.gb[1]},
                              keep=lambda l: _sum(l.gb) or gb_printed and not _sum(l.gf))
    t["general_budget"] = {**t["general_budget"], "total": total, "rows": rows}
    gb_total = total
    fund = [leaf for leaf in leaves if _sum(leaf.gf)]
    if fund:
        total, rows = _coded_rows(fund, {
            "opening_balance": lambda l: l.gf_opening, "income": lambda l: l.gf_income,
            "expenditure": lambda l: _sum(l.gf), "basic": lambda l: l.gf[0], "project": lambda l: l.gf[1],
            "closing_balance": lambda l: l.gf_closing})
        t["government_fund"] = {"empty": False, "empty_note": None, "note": None, "missing": False,
                                "total": total, "rows": rows}
    else:
        t["government_fund"] = {"empty": True, "note": None, "missing": False, "rows": [],
                                "empty_note": _empty_note(base, "政府性基金预算")}
    gf_total = t["government_fund"].get("total") or {}

    # 公开02: this year's income by 项 (financial appropriation of both budgets, other income)
    other_column = rng.choice(["other", "business", "higher_level_subsidy"])
    nonfiscal_columns = ("higher_level_subsidy", "business", "operating", "affiliated_remittance", "other")
    total, rows = _coded_rows(leaves, {
        "total": lambda l: l.gb_income + l.gf_income + l.nf_income,
        "fiscal_appropriation": lambda l: l.gb_income + l.gf_income,
        **{c: (lambda l, c=c: (l.nf_income - l.operating if c == other_column else ZERO)
               + (l.operating if c == "operating" else ZERO)) for c in nonfiscal_columns}})
    t["income"] = {**t["income"], "total": total, "rows": rows}
    income = total

    # 公开04: income by source, a 类 line each, balances: opening + income − spent = closing
    gb_income = _sum(leaf.gb_income for leaf in leaves)
    gf_income = _sum(leaf.gf_income for leaf in leaves)
    gb_spent, gf_spent = gb_total["total"], gf_total.get("expenditure", ZERO)
    gb_opening = max(ZERO, gb_spent - gb_income) + (amount(rng, magnitude) if rng.random() < 0.6 else ZERO)
    gf_opening = gf_total.get("opening_balance", ZERO)
    gb_closing, gf_closing = gb_opening + gb_income - gb_spent, gf_total.get("closing_balance", ZERO)
    fs = t["fiscal_summary"]
    by_class = {}
    for line in fs["expenditure"]["classes"]:
        gb = _sum(r["total"] for r in t["general_budget"]["rows"] if r["code"] == line["code"])
        gf = _sum(r["expenditure"] for r in t["government_fund"]["rows"] if r["code"] == line["code"])
        by_class[line["code"]] = {"code": line["code"], "name": line["name"], "total": gb + gf,
                                  "general_budget": gb, "government_fund": gf, "state_capital": ZERO}

    def sources(gb, gf):
        return {"total": gb + gf, "general_budget": gb, "government_fund": gf, "state_capital": ZERO}

    fs["income"] = {"general_budget": gb_income, "government_fund": gf_income, "state_capital": ZERO,
                    "total": gb_income + gf_income, "opening_balance": sources(gb_opening, gf_opening),
                    "grand_total": gb_income + gf_income + gb_opening + gf_opening}
    fs["expenditure"] = {"classes": list(by_class.values()), "total": sources(gb_spent, gf_spent),
                         "closing_balance": sources(gb_closing, gf_closing),
                         "grand_total": sources(gb_spent + gb_closing, gf_spent + gf_closing)}

    # 公开01: income lines from 02/04, 类 lines from 03, balances of all sources
    spent = t["expenditure"]["total"]["total"]
    nf_opening = amount(rng, magnitude) if rng.random() < 0.3 else ZERO
    s = t["summary"]
    s["income"] = {"general_budget": gb_income, "government_fund": gf_income, "state_capital": ZERO,
                   **{c: income[c] for c in nonfiscal_columns}, "total": income["total"],
                   "use_of_non_fiscal_surplus": ZERO, "opening_balance": gb_opening + gf_opening + nf_opening}
    s["income"]["grand_total"] = income["total"] + s["income"]["opening_balance"]
    nf_short = max(ZERO, spent - income["total"] - s["income"]["opening_balance"])
    if nf_short:  # other income spent beyond what came in: an opening balance of other funds
        s["income"]["opening_balance"] += nf_short
        s["income"]["grand_total"] += nf_short
    classes_spent = {r["code"]: r["total"] for r in t["expenditure"]["rows"] if len(r["code"]) == 3}
    s["expenditure"] = {"classes": _class_lines(s["expenditure"]["classes"], classes_spent), "total": spent,
                        "surplus_distribution": ZERO, "closing_balance": s["income"]["grand_total"] - spent,
                        "grand_total": s["income"]["grand_total"]}

    t["basic_expenditure"] = _basic_expenditure(rng, t["basic_expenditure"], gb_total["basic"])
    t["three_public"] = _three_public(rng, magnitude)
    data["tables"] = t
    data["operating_costs"]["amount"] = t["basic_expenditure"]["public_total"]
    _details(data, t["three_public"]["final"])
    data["comparisons"] = _comparisons(rng, base, data)
    data["narrative"] = {}  # the example's printed texts (its 人员经费 items …) are of its own data
    disclosure = Disclosure.model_validate(data)
    return _with_composed_claims(disclosure)


def _empty_note(base: Disclosure, budget: str) -> str:
    return f"注：{base.meta.department}无{budget}财政拨款收入、支出及结转和结余，故本表无数据。"


def _basic_expenditure(rng: random.Random, table: dict, basic: Decimal) -> dict:
    """公开06 adding up to 公开05's 基本支出: the example's printed rows (every 款, zero rows kept), or
    only the items spent (very few), or every 款 of the list (a long table); the amount over a few
    or many 款."""
    eco = code_list("economic")
    shape = rng.choice(["example", "example", "spent", "long"])
    printed = [r["code"] for r in table["rows"]]
    if shape == "long":
        # every 款 of the 类 the 说明 counts as 人员/公用经费 (N-102: 307/399 items are neither)
        printed = sorted(set(printed) | {c for c in eco if c[:3] in ("301", "302", "303", "310")})
    leaves = [c for c in printed if len(c) == 5]
    people = [c for c in leaves if c[:3] in ("301", "303")]
    office = [c for c in leaves if c[:3] not in ("301", "303")]
    count = rng.choice([1, 2, 4, 8, 15, 30])  # of each: 人员经费 and 公用经费 both appear in the 说明
    spent = rng.sample(people, min(len(people), count)) + rng.sample(office, min(len(office), count))
    shares = split(rng, basic, len(spent))
    amounts = dict(zip(spent, shares))
    if shape == "spent":
        printed = sorted({c for c, a in amounts.items() if a} | {c[:3] for c, a in amounts.items() if a}) or printed
    rows = []
    for code in printed:
        value = amounts.get(code, ZERO) if len(code) == 5 else _sum(a for c, a in amounts.items() if c[:3] == code)
        rows.append({"code": code, "name": eco[code][0], "amount": value})
    personnel = _sum(r["amount"] for r in rows if r["code"] in ("301", "303"))
    public = _sum(r["amount"] for r in rows if len(r["code"]) == 3 and r["code"] not in ("301", "303"))
    return {**table, "rows": rows, "personnel_total": personnel, "public_total": public}


def _three_public(rng: random.Random, magnitude: str) -> dict:
    """公开07: all zero, one item only, or several; 预算数 near 决算数."""
    small = "cents" if magnitude in ("cents", "small") else "small"
    pattern = rng.choice(["zero", "one", "some", "all"])
    items = ["overseas", "vehicle_purchase", "vehicle_operation", "reception"]
    chosen = {"zero": [], "one": [rng.choice(items)], "some": rng.sample(items, 2), "all": items}[pattern]

    def amounts(values: dict) -> dict:
        vehicle = values.get("vehicle_purchase", ZERO) + values.get("vehicle_operation", ZERO)
        out = {i: values.get(i, ZERO) for i in items} | {"vehicle_total": vehicle}
        out["total"] = out["overseas"] + vehicle + out["reception"]
        return out

    final = {i: amount(rng, small) for i in chosen}
    # 预算数 at most 决算数: the composed 说明 prints a signed 预决算差异率 (-2.01%) that N-005 compares
    # as a size (2.01), a finding of the composer's, not of reading
    budget = {i: max(CENT, (v * Decimal(rng.uniform(0.8, 1))).quantize(CENT)) if rng.random() < 0.6 else v
              for i, v in final.items()}
    return {"empty": False, "empty_note": None, "note": None, "missing": False,
            "budget": amounts(budget), "final": amounts(final)}


def _details(data: dict, final: dict) -> None:
    """§七's facts beside 公开07: counts and contents where an item was spent (none where it was not);
    the example's itemised 接待 adding up to the new amount (元)."""
    details = dict(data.get("three_public_details") or {})
    rng = random.Random(str(final))
    overseas, purchase, operation, reception = (final[k] for k in ("overseas", "vehicle_purchase",
                                                                   "vehicle_operation", "reception"))
    details.update(overseas_groups=rng.randint(1, 3) if overseas else 0,
                   vehicles_purchased=rng.randint(1, 2) if purchase else 0,
                   vehicles_held=max(details.get("vehicles_held") or 0, 1) if purchase or operation else 0,
                   reception_batches=rng.randint(1, 9) if reception else 0, foreign_reception_batches=0,
                   foreign_reception_people=0)
    details["overseas_people"] = details["overseas_groups"] * rng.randint(1, 4)
    details["reception_people"] = details["reception_batches"] * rng.randint(2, 8)
    for key, spent, text in (("overseas_content", overseas, "参加国际交流合作的国际旅费、住宿费和伙食费"),
                             ("vehicle_operation_content", operation, "公务用车燃料费、维修费和保险费"),
                             ("reception_content", reception, "上级部门检查指导和兄弟单位交流学习")):
        # an item not spent: none (Urumqi's wording), or said so where the profile asks for each
        details[key] = text if spent else "无此项支出" if final["total"] else None
    receptions = details.get("receptions") or []
    yuan = int(reception * 10000)
    if receptions and yuan:
        shares = split(rng, Decimal(yuan), len(receptions))
        details["receptions"] = [{**r, "amount_yuan": int(s)} for r, s in zip(receptions, shares)]
        details["reception_batches"] = len(receptions)
        details["reception_people"] = sum(r.get("people") or 0 for r in receptions)
        details["reception_content"] = "；".join(f"{r['description']} {r.get('people')} 人 {int(s)} 元"
                                                for r, s in zip(receptions, shares)) + "。"
    elif receptions:
        details["receptions"] = []
    data["three_public_details"] = details


def _comparisons(rng: random.Random, base: Disclosure, data: dict) -> dict:
    """The example's comparisons with figures near the new ones, each changing in the direction the
    example's did (its reasons say 增加/减少); one per 公开05 项 in the style of the example's first 项
    entry; 公开07's 全年预算数 its 预算数 column, and its 上年 figures adding up as the table does."""
    from juesuan.model import lookup

    new = Disclosure.model_validate({**data, "comparisons": {}})
    out, sample, final = {}, None, "three_public.final."
    for key, comparison in base.comparisons.items():
        entry, old = comparison.model_dump(), lookup(base, key)
        if key.startswith("general_budget.") and len(key.split(".")[1]) == 7:
            sample = sample or (entry, old)
            continue
        if key.startswith(("government_fund.", "state_capital.")) and getattr(new.tables, key.split(".")[0]).empty:
            continue
        current = lookup(new, key)
        if current is not None and old is not None:
            if entry.get("reason") and entry.get("prior_year") is None:  # a 上年数 the 说明 asks for
                entry["prior_year"] = old * Decimal("1.1" if "减少" in entry["reason"] else "0.9")
            out[key] = _near(rng, entry, old, current)
    for table, column in (("general_budget", "total"), ("government_fund", "expenditure")):
        for row in data["tables"][table]["rows"]:
            if sample is not None and len(row["code"]) == 7 and row[column]:
                out[f"{table}.{row['code']}.{column}"] = _near(rng, *sample, row[column])
    for item in ("overseas", "vehicle_total", "reception"):  # the 说明 gives each item's change a reason
        entry = out.setdefault(final + item, {"prior_year": ZERO})
        entry["reason"] = entry.get("reason") or "根据年度工作任务安排相关支出"
    for key, entry in out.items():
        if key.startswith(final) and entry.get("full_year_budget") is not None:
            entry["full_year_budget"] = data["tables"]["three_public"]["budget"][key[len(final):]]

    def prior(item: str) -> Decimal | None:
        return (out.get(final + item) or {}).get("prior_year")

    for whole, parts in (("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
                         ("total", ("overseas", "vehicle_total", "reception"))):
        if prior(whole) is not None and all(prior(p) is not None for p in parts):
            out[final + whole]["prior_year"] = _sum(prior(p) for p in parts)
    return out


def _near(rng: random.Random, entry: dict, old: Decimal, current: Decimal) -> dict:
    """``entry`` (figures about ``old``) with figures about ``current``: each as far from it, in the same
    direction, as the example's was (increase, decrease, or both zero); texts kept."""
    out = dict(entry)
    for field in ("prior_year", "initial_budget", "full_year_budget"):
        figure = entry.get(field)
        if figure is None:
            continue
        if old == figure or not current:  # nothing spent now: a decrease (0 against 0 is worded 增加)
            out[field] = (current * Decimal(rng.uniform(0.6, 0.95))).quantize(CENT) if current \
                else amount(rng, "cents")
        else:
            factor = rng.uniform(0.6, 0.95) if old > figure else rng.uniform(1.05, 1.6)
            near = (current * Decimal(factor)).quantize(CENT)
            if near == current:  # a cent or two: still a change (equal figures are worded 增加 too)
                near = current - CENT if old > figure else current + CENT
            out[field] = near
    return out


def _with_composed_claims(disclosure: Disclosure) -> Disclosure:
    from juesuan.narrative import compose

    return disclosure.model_copy(update={"claims": tuple(compose(disclosure).claims())})


# ---------------------------------------------------------------- reading back

def plain_findings(disclosure: Disclosure | None) -> set[tuple]:
    """The 错误/警告 of ``juesuan check`` keyed by rule, severity, item, project and indicator: not the
    section, which only a read document knows (the data's own findings have none)."""
    from .shapes import finding_keys

    return {(rule, severity, item, project, indicator)
            for rule, severity, item, _, project, indicator in finding_keys(disclosure)}


class Outcome:
    """One derived disclosure read from one shape: its score against the data's cells and its
    错误/警告 beyond (extra) or missing from the data's own."""

    def __init__(self, name: str, shape: str, disclosure: Disclosure | None, data: Disclosure,
                 expected: dict, data_findings: set):
        from .shapes import score

        self.name, self.shape = name, shape
        self.score = score(expected, disclosure)
        found = plain_findings(disclosure)
        self.extra = sorted(found - data_findings, key=str)
        self.missing = sorted(data_findings - found, key=str)


def render_pdf(disclosure: Disclosure, stem: Path) -> Path:
    """Our PDF of ``disclosure`` (its profile's layout and composed 说明), as ``juesuan build`` writes it."""
    from juesuan.narrative import compose
    from juesuan.render.package import render_package

    stem.parent.mkdir(parents=True, exist_ok=True)
    (outcome,) = render_package(("pdf",), disclosure, compose(disclosure), stem)
    if outcome.error is not None:
        raise outcome.error
    return outcome.path


def read_shapes(stem: str, seed: int, directory: Path, shapes: tuple[str, ...] | None = None) -> list[Outcome]:
    """``derive(stem, seed)`` rendered to PDF, read from the PDF and from each of its text shapes
    (``shapes.write_shapes``; ``shapes``: only these, the PDF always first)."""
    from juesuan.ingest import read
    from juesuan.model import iter_table_cells

    from .shapes import write_shapes

    data = derive(stem, seed)
    expected = dict(iter_table_cells(data))
    data_findings = plain_findings(data)
    name = f"{stem.split('-')[0]}-{seed}"
    pdf = render_pdf(data, directory / name / name)
    paths = write_shapes(pdf, directory / name) if shapes is None else {"pdf": pdf, **_some_shapes(pdf, shapes)}
    return [Outcome(name, shape, read(path)[0], data, expected, data_findings) for shape, path in paths.items()]


def _some_shapes(pdf: Path, shapes: tuple[str, ...]) -> dict[str, Path]:
    """Only the text shapes named (``write_shapes`` makes all, the seed's six with pdfplumber's tables)."""
    from .shape_mutants import TEXT_SHAPES
    from .shapes import seed_shape

    makers = dict(TEXT_SHAPES)
    makers["seed-shape-rough"] = lambda p: seed_shape(p, "wrapped-rows no-trailing-tabs", form_feeds=False)
    makers["seed-shape"] = seed_shape
    paths = {}
    for shape in shapes:
        text = makers[shape](pdf)
        if text is not None:
            paths[shape] = pdf.parent / f"{pdf.stem}.{shape}.txt"
            paths[shape].write_text(text, encoding="utf-8")
    return paths
