"""Property: text without columns never puts an amount in a wrong cell, never reads a printed amount
as zero. Tables that satisfy their identities (公开03 and its 公开05 part), printed as a PDF viewer
copies them (blank cells left out, one space between cells), are read back: every cell is its
own value, or unread — whatever the search, the bounds and the families decide."""

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from juesuan.ingest import read
from juesuan.model import iter_table_cells

# equal amounts and single cents on purpose (they make placements coincide), and any amount
CENTS = st.one_of(st.sampled_from([Decimal(0), Decimal("10.00"), Decimal("5.50"), Decimal("0.01")]),
                  st.integers(1, 10**7).map(lambda c: Decimal(c) / 100))
ITEMS = [("201", "一般公共服务支出"), ("20106", "财政事务"), ("2010601", "行政运行"), ("2010602", "一般行政管理事务"),
         ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休")]


def _money(v: Decimal) -> str:
    return f"{v:,.2f}"


def _line(label: str, amounts: list[Decimal]) -> str:
    return " ".join([label] + [_money(a) for a in amounts if a])


@st.composite
def tables(draw):
    """Leaf (项) basic/project amounts; 款, 类 and 合计 their sums; 公开05 a part of each leaf."""
    leaves = {code: (draw(CENTS), draw(CENTS)) for code, _ in ITEMS if len(code) == 7}
    share = {code: (draw(st.booleans()), draw(st.booleans())) for code in leaves}
    return leaves, share


def _rows(leaves: dict) -> dict[str, tuple[Decimal, Decimal]]:
    rows = {}
    for code, _ in ITEMS:
        kids = [v for c, v in leaves.items() if c.startswith(code)]
        rows[code] = (sum((b for b, _ in kids), Decimal(0)), sum((p for _, p in kids), Decimal(0)))
    return rows


def _text(leaves: dict, share: dict) -> str:
    out = []
    for title, header, part in (("支出决算表", "项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出", False),
                                ("一般公共预算财政拨款支出决算表", "项目 合计 基本支出 项目支出", True)):
        values = {c: (b if share[c][0] else Decimal(0), p if share[c][1] else Decimal(0)) if part else (b, p)
                  for c, (b, p) in leaves.items()}
        rows = _rows(values)
        total = (sum((b for c, (b, _) in rows.items() if len(c) == 3), Decimal(0)),
                 sum((p for c, (_, p) in rows.items() if len(c) == 3), Decimal(0)))
        out += [title, "单位：万元", header, "科目编码 科目名称", "类 款 项",
                _line("合计", [total[0] + total[1], *total])]
        for code, name in ITEMS:
            b, p = rows[code]
            if b + p:
                out.append(_line(f"{code[:3]} {code[3:5]} {code[5:]}".strip() + f" {name}", [b + p, b, p]))
    return "\n".join(out) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_viewer_text__no_wrong_cell_no_silent_zero(tmp_path_factory, table):
    leaves, share = table
    assume(any(b + p for b, p in leaves.values()))  # an all-blank table is no document
    path = tmp_path_factory.mktemp("viewer") / "viewer.txt"
    path.write_text(_text(leaves, share), encoding="utf-8")
    disclosure, _ = read(path)
    got = dict(iter_table_cells(disclosure))
    rows = _rows(leaves)
    for code, (basic, project) in rows.items():
        if not basic + project:
            continue
        for column, want in (("total", basic + project), ("basic", basic), ("project", project)):
            path_ = f"expenditure.{code}.{column}"
            source = disclosure.provenance.get(path_)
            unknown = getattr(source, "kind", None) == "unread" or path_.split(".")[0] in {
                n.table for n in disclosure.reading if n.kind == "table"}
            value = got.get(path_)
            assert value == want or unknown, (path_, want, value, _text(leaves, share))


@st.composite
def fiscal_sides(draw):
    """公开04 支出 classes with 一般公共预算 and 政府性基金 parts (国有资本 unfunded)."""
    n = draw(st.integers(1, 6))
    return [(draw(CENTS), draw(CENTS)) for _ in range(n)]


@settings(max_examples=200, deadline=None)
@given(fiscal_sides())
def test_fiscal_lines__placed_only_where_certain(classes):
    """Every line the column totals place is its own vector; what they leave open is unknown."""
    from juesuan.ingest.fiscal_lines import place_lines

    lines = []
    truth = []
    for i, (gb, gf) in enumerate(classes):
        vector = (gb + gf, gb or None, gf or None, None)
        truth.append(vector)
        lines.append((f"{'一二三四五六'[i]}、支出", [v for v in vector if v]))
    total = (sum((g + f for g, f in classes), Decimal(0)), sum((g for g, _ in classes), Decimal(0)),
             sum((f for _, f in classes), Decimal(0)))
    lines.append(("本年支出合计", [v for v in total if v]))
    decided = place_lines(lines, {"state_capital"})
    for want, got, (_, amounts) in zip(truth, decided, lines):
        if not amounts:
            assert got is None
            continue
        for column, value in enumerate(got.vector):
            if column not in got.unknown:
                assert (value or Decimal(0)) == (want[column] or Decimal(0)), (classes, want, got)
