"""narrative.compose: the document's order, tables, claims and placeholders."""

from __future__ import annotations

from decimal import Decimal

import yaml

from juesuan import fileformat
from juesuan.figures import expected_for
from juesuan.model import Comparison, Performance, ProjectEvaluation
from juesuan.narrative import compose, missing_inputs

from .conftest import EXAMPLES

TABLE_ORDER = ["summary", "income", "expenditure", "fiscal_summary", "general_budget",
               "basic_expenditure", "three_public", "government_fund", "state_capital"]


def _section(document, section_id):
    return next(s for s in document.sections if s.id == section_id)


def _with_projects(d):
    text = (EXAMPLES / "parts" / "urumqi-projects.yaml").read_text(encoding="utf-8")
    projects = yaml.load(text, Loader=fileformat._DecimalLoader)  # the example's Decimal-keeping loader
    performance = Performance(summary=d.performance.summary,
                              projects=tuple(ProjectEvaluation.model_validate(p) for p in projects))
    return d.model_copy(update={"performance": performance})


def test_compose__seed_title_and_part_order(urumqi):
    document = compose(urumqi)
    assert document.title == "乌鲁木齐市工业和信息化局（乌鲁木齐市大数据发展局）（本级）2022年度部门决算公开说明"
    assert [s.title for s in document.sections if s.level == 1] == [
        "第一部分 单位概况", "第二部分 部门决算情况说明", "第三部分 专业名词解释", "第四部分 部门决算报表（见附表）"]


def test_compose__seed_narrative_headings(urumqi):
    titles = [s.title for s in compose(urumqi).sections if s.level in (2, 3)]
    assert titles[2:8] == ["一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明",
                           "四、财政拨款收入支出决算总体情况说明", "五、一般公共预算财政拨款支出决算情况说明",
                           "（一）一般公共预算财政拨款支出决算总体情况"]
    assert "（三）国有资产占用情况说明" in titles and "十一、预算绩效的情况说明" in titles


def test_compose__seed_table_sections_in_profile_order(urumqi):
    document = compose(urumqi)
    tables = [s for s in document.sections if s.table and not s.table.startswith("performance:")]
    assert [s.table for s in tables] == TABLE_ORDER
    assert tables[0].title == "一、《收入支出决算总表》"


def test_compose__shanghai_tables_part_comes_second(shanghai):
    document = compose(shanghai)
    assert (document.title, document.subtitle) == ("上海市普陀区财政局", "2024年度部门决算")
    parts = [s.title for s in document.sections if s.level == 1]
    assert parts == ["第一部分 上海市普陀区财政局概况", "第二部分 上海市普陀区财政局2024年度部门决算表",
                     "第三部分 上海市普陀区财政局2024年度部门决算情况说明", "第四部分 名词解释"]
    tables = [s for s in document.sections if s.table]
    assert [s.table for s in tables] == TABLE_ORDER and tables[0].title == "一、收入支出决算总表"


def test_compose__one_entry_per_item_then_items_fallen_to_zero(urumqi):
    """SEED §五(三): 16 项, the two that fell to zero last (15. 科学技术支出…, 16. 其他支出…)."""
    paragraphs = _section(compose(urumqi), "general_budget.detail").paragraphs
    assert len(paragraphs) == 16
    assert paragraphs[14].text.startswith("15. 科学技术支出（类）其他科学技术支出（款）其他科学技术支出（项）")
    assert "支出决算数为0.00万元，比上年决算减少2000.00万元，下降100.00%" in paragraphs[14].text


def test_compose__three_public_unchanged_item_in_seed_style(urumqi):
    """The xinjiang-2022 profile's flat_style zero_change: the seed prints "比上年增加0万元，增长0%" (our format: 0.00)."""
    text = _section(compose(urumqi), "three_public").paragraphs[0].text
    assert "因公出国（境）费支出0.00万元，占0.00%，比上年增加0.00万元，增长0.00%" in text


def test_compose__shanghai_unchanged_is_flat(shanghai):
    """SH-T "如持平作持平表述": 2024年度“三公”经费财政拨款支出决算数与2023年度持平."""
    text = " ".join(p.text for p in _section(compose(shanghai), "three_public.overall").paragraphs)
    assert "2024年度“三公”经费财政拨款支出决算数与2023年度持平。" in text
    assert "因公出国（境）费支出决算持平" in text


def test_compose__shanghai_leaves_out_zero_income_sources(shanghai):
    """SH-T §二 "不涉及的不列"."""
    text = _section(compose(shanghai), "income").paragraphs[0].text
    assert text == "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.20万元，占0.21%。"


def test_compose__empty_table_statement(urumqi):
    text = _section(compose(urumqi), "state_capital").paragraphs[0].text
    assert text == "我单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，国有资本经营预算财政拨款收入支出决算表为空表。"


def test_compose__every_claim_recomputes(urumqi):
    """Generated claims are what 审核 recomputes from the same disclosure (预算绩效 included: the
    sums over the 自评表 equal the example's printed summary)."""
    document = compose(urumqi)
    claims = [c for s in document.sections for p in s.paragraphs for c in p.claims]
    assert len(claims) > 150
    wrong = [c for c in claims if expected_for(c, urumqi).value != c.value]
    assert wrong == []


def test_compose__claims_carry_section_and_sentence(urumqi):
    paragraph = _section(compose(urumqi), "overview_totals").paragraphs[0]
    first = paragraph.claims[0]
    assert (first.item, first.text, first.section) == ("summary.income.grand_total", "45963.78", "第二部分一")
    assert first.sentence.startswith("2022年度收入总计45963.78万元")


def test_compose__performance_from_self_evaluation_forms(urumqi):
    """SEED §十一: 14 个项目, 全年预算数 12503.81 万元 — the sums of the 14 自评表."""
    document = compose(_with_projects(urumqi))
    text = _section(document, "performance").paragraphs[0].text
    assert "开展预算绩效评价项目14个，全年预算数12503.81万元，全年执行数12503.81万元" in text
    assert text.endswith("具体项目自评情况附项目支出绩效自评表。")
    forms = [s for s in document.sections if s.table and s.table.startswith("performance:")]
    assert [s.table for s in forms] == [f"performance:{n}" for n in range(14)]
    assert forms[0].title == "项目支出绩效自评表（原机电老干所运行维护费）"


def test_compose__missing_reason_is_a_visible_placeholder(urumqi):
    comparisons = dict(urumqi.comparisons)
    comparisons["operating_costs.amount"] = Comparison(prior_year=Decimal("130.55"))
    document = compose(urumqi.model_copy(update={"comparisons": comparisons}))
    paragraph = _section(document, "operating_costs").paragraphs[0]
    assert paragraph.placeholder
    assert paragraph.text.endswith("比上年减少33.66万元，下降25.78%，主要原因是：【请补充原因】。")


def test_missing_inputs__lists_each_placeholder(urumqi):
    comparisons = dict(urumqi.comparisons)
    comparisons["operating_costs.amount"] = Comparison(prior_year=Decimal("130.55"))
    found = missing_inputs(compose(urumqi.model_copy(update={"comparisons": comparisons})))
    assert [(m.section, m.placeholder) for m in found] == [("operating_costs", "【请补充原因】")]
    assert "operating_costs.amount" in found[0].items


def test_missing_inputs__none_for_the_complete_seed_example(urumqi):
    assert missing_inputs(compose(urumqi)) == []


def test_missing_inputs__shanghai_prior_year_of_fiscal_total(shanghai):
    """SH-S §四 gives no usable 上年数 (its 持平 rests on the defective 0.3)."""
    found = missing_inputs(compose(shanghai))
    assert [(m.section, m.placeholder) for m in found] == [("fiscal_totals", "【请补充上年数】")]


def _generated_keys(document):
    return {(c.item, c.measure, c.section) for c in document.claims()}


def test_compose__claims_cover_the_seed_examples_claims(urumqi):
    """Every claim the example transcribes from the seed is generated too, in the same section
    (``第二部分五(三)3`` for the third 项 entry), except the
    itemised 公务接待 entries (their item paths index a tuple, which ``lookup`` cannot resolve)."""
    generated = _generated_keys(compose(urumqi))
    missing = sorted({(c.item, c.measure, c.section) for c in urumqi.claims} - generated)
    assert missing == [(f"three_public_details.receptions.{n}.{field}", measure, "第二部分七")
                       for n in range(3) for field, measure in (("amount_yuan", "amount"), ("people", "count"))]


def test_compose__claims_cover_the_shanghai_examples_claims(shanghai):
    """Except the two 完成预算的0% on a zero 预算数 (GBC R004), which we do not state, and §四's
    持平, which rests on the defective 0.3 (no 上年数: we print 【请补充上年数】 instead)."""
    generated = _generated_keys(compose(shanghai))
    missing = sorted({(c.item, c.measure, c.section) for c in shanghai.claims} - generated)
    assert missing == [("fiscal_summary.income.grand_total", "change_amount", "第三部分四"),
                       ("three_public.final.overseas", "completion_rate", "第三部分七(一)"),
                       ("three_public.final.vehicle_total", "completion_rate", "第三部分七(一)")]


def test_compose__other_profile_claims_recompute(urumqi, shanghai):
    """The seed example in Shanghai wording and the reverse: no template error, and every
    printed figure is what 审核 recomputes (预算绩效 aside: the other profile's summary fields
    are not in the example)."""
    for disclosure, profile in ((urumqi, "shanghai-2024"), (shanghai, "xinjiang-2022")):
        document = compose(disclosure, profile)
        claims = [c for s in document.sections for p in s.paragraphs for c in p.claims
                  if not c.item.startswith("performance.")]
        assert [c for c in claims if expected_for(c, disclosure).value != c.value] == []


def test_compose__shanghai_units_one_paragraph_each(shanghai):
    paragraphs = [p.text for p in _section(compose(shanghai), "composition").paragraphs]
    assert paragraphs[1:] == ["1、上海市普陀区财政局（本级）", "2、上海市普陀区财政局财政所（预算不单列，并入本级）",
                              "3、上海市普陀区国库收付中心（预算不单列，并入本级）"]


def test_compose__flat_statement_carries_a_claim_without_text(shanghai):
    """SH-S §七: "…支出决算数与2023年度持平" is a change_amount claim of 0 with no printed figure."""
    claims = [c for p in _section(compose(shanghai), "three_public.overall").paragraphs for c in p.claims
              if c.measure == "change_amount"]
    assert [(c.item, c.value, c.direction, c.text) for c in claims] == [
        (f"three_public.final.{key}", Decimal("0.00"), "持平", None)
        for key in ("total", "overseas", "vehicle_total", "reception")]


def test_compose__bare_disclosure_asks_for_everything(urumqi):
    """A disclosure with nothing but its meta composes in both profiles; every gap is a placeholder."""
    bare = type(urumqi).model_validate({"meta": {"department": "测试局", "year": 2022}})
    for profile in ("xinjiang-2022", "shanghai-2024"):
        document = compose(bare, profile)
        found = missing_inputs(document)
        assert found and all(m.placeholder.startswith("【请补充") for m in found)
        assert {"functions", "overview_totals", "procurement"} <= {m.section for m in found}


def test_compose__basic_expenditure_names_from_the_table(shanghai):
    """SH-S §六 lists 个人农业生产补贴 (blank in 公开06) and omits 奖励金 (0.31 in 公开06): the
    names come from the non-zero 款 of 公开06, so we print 奖励金 and not 个人农业生产补贴."""
    text = _section(compose(shanghai), "basic_expenditure").paragraphs[0].text
    assert "退休费、奖励金；公用经费184.65万元" in text and "个人农业生产补贴" not in text


def test_document_claims__every_paragraph_in_order(urumqi):
    document = compose(urumqi)
    claims = document.claims()
    assert claims[0].item == "overview.staffing.total"
    assert len(claims) == sum(len(p.claims) for s in document.sections for p in s.paragraphs)
