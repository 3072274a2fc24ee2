"""Acceptance: every number-carrying sentence of the printed 情况说明 is found in the composed
text with identical numbers — except the printed figures that are wrong, listed exactly.

Seed: 第二部分 一~十一 of 乌鲁木齐市工业和信息化局 2022 against examples/urumqi-iit-2022.yaml.
Shanghai: 第三部分 of 上海市普陀区财政局 2024 against examples/shanghai-putuo-czj-2024.yaml.
"""

from __future__ import annotations

from juesuan.narrative import compose

from .sentences import compare, generated_sections, normalise, printed_sections

SEED_WRONG_AS_PRINTED = [
    # 五(三)5: the four 项 of 社会保障和就业支出 add up to 435.85 against the printed 类 435.84; the
    # example's 公开05 carries 2080501 = 231.29, so we print 231.29, 增加62.57, 增长37.09%.
    ("五", "5.社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项):支出决算数为231.3万元,"
           "比上年决算增加62.58万元,增长37.09%,主要原因是:本年度离退休人员工资调整,导致行政单位离退休支出增加"),
    # 五(三)13: the four 项 of 资源勘探工业信息等支出 add up to 3664.42 against the printed 类 3664.41; the
    # example carries 2150502 = 80.93, so we print 80.93, 增加6.08, 增长8.12%.
    ("五", "13.资源勘探工业信息等支出(类)工业和信息产业监管(款)一般行政管理事务(项):支出决算数为80.94万元,"
           "比上年决算增加6.09万元,增长8.14%,主要原因是:本年度项目支出调整增加"),
]

SHANGHAI_WRONG_AS_PRINTED = [
    # 四: 财政拨款收入支出总计 is 2961.68 in 公开04, printed 0.3.
    ("四", "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元"),
    # 五(二): 2106.66 / 2940.05 = 71.65%, printed 71.73%.
    ("五", "一般公共预算财政拨款支出2940.05万元,主要用于以下方面:一般公共服务支出(类)2106.66万元,占71.73%"),
    # 七(一): 因公出国（境）费 and 公务用车购置及运行维护费 have a 预算数 of 0 in 公开07: no completion
    # rate may be stated (GBC R004); we print the amounts without "完成预算的0%".
    ("七", "“三公”经费财政拨款支出年初预算为0.95万元,支出决算为0.00万元,完成预算的0%,"
           "其中:因公出国(境)费决算为0.00万元,完成预算的0%"),
    ("七", "公务用车购置及运行维护费支出决算为0.00万元,完成预算的0%"),
]


def _seed_comparison(urumqi, seed_text):
    printed = printed_sections(seed_text, "第二部分 部门决算情况说明", "项目支出绩效自评表", split_blocks=False)
    return compare(printed, generated_sections(compose(urumqi)))


def _shanghai_comparison(shanghai, shanghai_text):
    printed = printed_sections(shanghai_text, "第三部分上海市普陀区财政局2024年度部门决算情况", "第四部分",
                               split_blocks=True)
    return compare(printed, generated_sections(compose(shanghai)))


def _report(name, result):
    print(f"\n{name}: {len(result.found)}/{result.total} sentences with identical numbers "
          f"({result.rate:.1%}); {result.identical}/{result.total} identical in wording ({result.text_rate:.1%})")


def test_compose__seed_sentences_found_with_identical_numbers(urumqi, seed_text):
    result = _seed_comparison(urumqi, seed_text)
    _report("seed 第二部分", result)
    assert result.total == 74
    assert list(result.missing) == [(k, normalise(s)) for k, s in SEED_WRONG_AS_PRINTED]


def test_compose__seed_sections_all_present(urumqi, seed_text):
    printed = printed_sections(seed_text, "第二部分 部门决算情况说明", "项目支出绩效自评表", split_blocks=False)
    generated = generated_sections(compose(urumqi))
    assert [k for k in printed if printed[k]] == ["一", "二", "三", "四", "五", "六", "七", "八", "十", "十一"]
    assert list(generated) == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]


def test_compose__shanghai_sentences_found_with_identical_numbers(shanghai, shanghai_text):
    result = _shanghai_comparison(shanghai, shanghai_text)
    _report("Shanghai 第三部分", result)
    assert result.total == 69
    assert list(result.missing) == [(k, normalise(s)) for k, s in SHANGHAI_WRONG_AS_PRINTED]


def test_compose__seed_wording_mostly_verbatim(urumqi, seed_text):
    """Beyond the numbers, most sentences are the seed's own words (the rest differ by the
    seed's 款 names 技术与开发 vs the 2022 科目 names, or its missing comma before 主要原因)."""
    result = _seed_comparison(urumqi, seed_text)
    assert result.identical >= 68
