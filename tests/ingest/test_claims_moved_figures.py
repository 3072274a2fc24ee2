"""The 说明's figures where a text dump moved them (issue 10), on the shared Shanghai PDF's own dumps:
pdfplumber prints them on a line below their sentence, a slot at the line's start showing no gap
("万元；绩效跟踪…" | "598.42 2024 4 598.42"), quote marks among them ("优 的项目" | "“ ” 4");
pdftotext -layout prints a continuation line above the line it continues. Each dump reads the
说明 as the PDF does, and ``juesuan check`` gives exactly the PDF's 错误/警告 (before: C-005/C-006
警告 on pdfplumber, C-006 on -layout)."""

from __future__ import annotations

from collections import Counter

import pytest

from juesuan.ingest import read
from juesuan.ingest.prose import _filled

from .conftest import SHANGHAI_PDF, need
from .shapes import _pdfplumber, _pdftotext, finding_keys


@pytest.mark.parametrize("before, text, figures, expected", [
    # lines of the pdfplumber dump of the Shanghai PDF (p. 22-23), the figures printed below them, and
    # the line above as read; expected: the line as the PDF prints it
    ("全过程绩效管理实施情况跟踪：编报绩效目标的2024年度项目4个，涉及预算金额",
     "万元；绩效跟踪评价的 年度项目 个，涉及预算金额 万元；绩效自评", "598.42 2024 4 598.42",
     "598.42万元；绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元；绩效自评"),
    ("的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为",
     "优 的项目 个；绩效评级为 良 的项目 个；绩效评级为 合格 的项目 个；绩效评级", "“ ” 4 “ ” 0 “ ” 0",
     "“优”的项目4个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个；绩效评级"),
    ("“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的",
     "，其中：因公出国（境）费决算为 万元，完成预算的 ；公务用车购置及运行", "0% 0.00 0%",
     "0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行"),
    ("”",
     "年度 三公 经费财政拨款支出决算数与 年度持平。其中：因公出国", "2024 “ ” 2023",
     "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国"),
    ("为“不合格”的项目0个。绩效自评中共发现问题0个，已经完成整改的0个，正在整改的", "个）。", "0",
     "0个）。"),
])
def test_prose__a_slot_at_the_line_start_is_filled_when_the_line_cannot_begin_otherwise(
        before, text, figures, expected):
    assert _filled(text, figures.split(), before) == expected


def test_prose__one_figure_more_than_gaps_with_no_slot_at_the_start_is_not_guessed():
    # "保险费 。" is a space of the PDF, not a slot: three gaps, two figures — both stay unread
    assert _filled("在职人员基本医疗保险费 。年初预算为 万元，支出决算为 万元。决", ["62.29", "60.99"],
                   "、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：") is None


def _key(claim):
    return claim.item, claim.measure, claim.value, claim.base, claim.direction


def _same_as_the_pdf(path, pdf):
    shape, expected = read(path)[0], read(pdf)[0]
    for field in ("assets", "performance.summary"):
        got, want = shape, expected
        for part in field.split("."):
            got, want = getattr(got, part), getattr(want, part)
        assert got == want, field
    assert finding_keys(shape) == finding_keys(expected)
    return Counter(map(_key, shape.claims)), Counter(map(_key, expected.claims))


def test_pdfplumber_dump__the_assets_and_performance_figures_read_as_from_the_pdf(tmp_path):
    """Measured: claims equal to the PDF's 76/105 before, 103/105 after (two figures of 2101101 stay
    unread: "保险费 。" holds a space), none not the PDF's; findings extra C-005, C-006 before, none after."""
    pdf = need(SHANGHAI_PDF)
    path = tmp_path / "shanghai.pdfplumber.txt"
    path.write_text(_pdfplumber(pdf), encoding="utf-8")
    got, want = _same_as_the_pdf(path, pdf)
    assert not got - want
    assert sum((got & want).values()) >= 103


def test_pdftotext_layout_dump__continuations_printed_early_are_read_in_order(tmp_path):
    """Measured: claims equal to the PDF's 94/105 before (4 not the PDF's), 105/105 after; findings extra
    C-006 before, none after."""
    pdf = need(SHANGHAI_PDF)
    text = _pdftotext(pdf, "-layout")
    if text is None:
        pytest.skip("pdftotext not installed")
    path = tmp_path / "shanghai.pdftotext-layout.txt"
    path.write_text(text, encoding="utf-8")
    got, want = _same_as_the_pdf(path, pdf)
    assert got == want
