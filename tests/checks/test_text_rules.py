"""Text rules (years, names, leftovers, malformed wording, reasons, lists, parts) on our examples
rendered as text, read back, and mutated by ``juesuan.checks.mutants`` — and on real documents
(the seed text, the Shanghai sample text), which must stay silent where they are right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.checks import check
from juesuan.checks.mutants import CLASSES
from juesuan.checks.mutation import merge_text
from juesuan.ingest import read
from juesuan.narrative import compose

ROOT = Path(__file__).parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLES = {"urumqi": "urumqi-iit-2022.yaml", "shanghai": "shanghai-putuo-czj-2024.yaml"}
REAL = {"seed": SHARED / "seed/000_70eff566b52b1af5.txt",
        "shanghai-sample": SHARED / "reference/shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"}
# A text extracted from a PDF may show only the defects the PDF itself shows (read from the PDF)
PRINTED_AS = {"shanghai-sample": SHARED / "reference/pdf/shanghai-putuo-finance-bureau-2024-dept-final.pdf"}

RULE_FAILS = [
    # (rule, example, mutant class, the changed line must match)
    ("C-101", "urumqi", "years", r"截至2021年12月31日"),
    ("C-101", "shanghai", "years", r"^2023年度部门决算"),
    ("C-101", "shanghai", "years", r"与2022年度相比"),
    ("C-102", "urumqi", "names", r"^工业和信息化局（乌鲁木齐市大数据发展局）2022年度"),
    ("C-102", "shanghai", "names", r"上海市普陀区税务局2024年度"),
    ("C-009", "urumqi", "names", r"乌鲁木齐市工业与信息化局"),
    ("C-008", "urumqi", "leftovers", r"ＸＸ万元"),
    ("C-008", "shanghai", "leftovers", r"(?:增加|减少|下降|增长)\((?:增加|减少|下降|增长)\)"),
    ("C-008", "urumqi", "leftovers", r"主要原因是：。"),
    ("C-103", "urumqi", "malformed", r"下降22\.87，"),
    ("C-104", "shanghai", "malformed", r"上一度"),
    ("C-104", "urumqi", "malformed", r"减增加"),
    ("C-105", "urumqi", "malformed", r"、、"),
    ("N-101", "urumqi", "directions", r"导致本年度收入增加"),
    ("N-107", "shanghai", "directions", r"支出决算为449\.52万元。决算数大于预算数"),
    ("N-108", "urumqi", "directions", r"比上年决算增加8399\.59万元，下降100(?:\.00)?%"),
    ("N-107", "shanghai", "directions", r"支出决算为10\.00万元。决算数大于预算数"),
    ("N-102", "shanghai", "lists", r"人员经费2152\.26万元，主要包括：奖金"),
    ("N-102", "urumqi", "lists", r"公用经费96\.89万元，包括：印刷费"),
    ("N-103", "urumqi", "lists", r"（项）"),
    ("N-104", "urumqi", "parts", r"授予中小企业合同金额25\.14万元"),
    ("N-105", "urumqi", "parts", r"公务接待费支出0\.07万元.*比上年减少1\.04万元"),
    ("N-106", "shanghai", "parts", r"人员经费2153\.26万元"),
]
RULE_PASSES = ["C-101", "C-102", "C-103", "C-104", "C-105", "N-101", "N-102", "N-103", "N-104", "N-105", "N-106",
               "N-107", "N-108", "N-109"]


def _read_text(text: str, tmp: Path):
    path = tmp / "document.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, _ = read(path)
    assert disclosure is not None
    return disclosure


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(data, text, data merged with its text read back) per example."""
    tmp = tmp_path_factory.mktemp("text")
    out = {}
    for key, name in EXAMPLES.items():
        d = fileformat.load(ROOT / "examples" / name)
        text = compose(d).text()
        out[key] = (d, text, merge_text(d, _read_text(text, tmp)))
    return out


def _serious(d, rule_id: str) -> list:
    return [f for f in check(d).by_rule(rule_id) if f.severity in ("错误", "警告")]


@pytest.mark.parametrize(("rule_id", "example", "defect", "pattern"), RULE_FAILS)
def test_text_rule__reports_the_injected_defect(rule_id, example, defect, pattern, rendered, tmp_path):
    d, text, baseline = rendered[example]
    lines = text.split("\n")
    index, new = next((i, n) for i, n in CLASSES[defect](lines, d) if re.search(pattern, n))
    mutant = merge_text(d, _read_text("\n".join(lines[:index] + [new] + lines[index + 1:]), tmp_path))
    before = {f.message for f in _serious(baseline, rule_id)}
    assert [f for f in _serious(mutant, rule_id) if f.message not in before]


@pytest.mark.parametrize("rule_id", RULE_PASSES)
def test_text_rule__silent_on_our_examples_as_data_and_as_text(rule_id, rendered):
    for d, _, as_text in rendered.values():
        assert _serious(d, rule_id) == []
        assert _serious(as_text, rule_id) == []


@pytest.fixture(scope="module")
def real():
    """key → (the document read, the same document read from its PDF, where we have it)."""
    def pdf(key):
        path = PRINTED_AS.get(key)
        return read(path)[0] if path and path.exists() else None
    return {key: (read(path)[0], pdf(key)) for key, path in REAL.items() if path.exists()}


def _said(findings) -> list:
    return sorted((f.rule_id, f.message) for f in findings)


@pytest.mark.parametrize("rule_id", RULE_PASSES + ["C-008", "C-009"])
def test_text_rule__silent_on_real_documents(rule_id, real):
    """Silent, or exactly what it says on the PDF the text was extracted from (a real defect of
    the document, e.g. N-102 on the Shanghai sample's 个人农业生产补贴)."""
    if not real:
        pytest.skip("shared documents not present")
    for d, from_pdf in real.values():
        expected = _said(_serious(from_pdf, rule_id)) if from_pdf is not None else []
        assert _said(_serious(d, rule_id)) == expected


def test_leftover__our_shanghai_text_keeps_a_placeholder(rendered):
    """A real defect of the composed text: the example lacks the prior year's 财政拨款 totals,
    and the composer says so in a 【请补充上年数】 the reviewer must see."""
    findings = _serious(rendered["shanghai"][2], "C-008")
    assert [f.actual for f in findings] == ["【请补充上年数】"]


def test_year__text_copied_from_last_year_title(rendered, tmp_path):
    """The title of a 2022 决算 that still says 2021: one 错误 naming both years."""
    d, text, _ = rendered["urumqi"]
    lines = text.split("\n")
    lines[0] = lines[0].replace("2022年度", "2021年度")
    findings = _serious(merge_text(d, _read_text("\n".join(lines), tmp_path)), "C-101")
    assert [(f.severity, f.expected, f.actual) for f in findings] == [("错误", "2022年", "2021年")]


def test_year__a_sentence_is_no_cover_line_when_the_table_of_contents_was_lost(rendered, tmp_path):
    """A 目录 the reader does not get (a Word field, a picture): the headings after it are read as its
    entries, so no 第一部分 is seen; the 说明's "2019年，根据…机构改革方案" is prose, not a title line."""
    d, text, _ = rendered["urumqi"]
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("第一部分"))
    read_back = _read_text("\n".join(lines[:first] + ["目录"] + lines[first:]), tmp_path)
    kinds = {line.text: line.kind for line in read_back.printed}
    assert kinds[lines[first]] == "toc"  # the heading, taken as an entry of the 目录
    assert any(line.text.startswith("2019年") for line in read_back.printed)
    assert _serious(merge_text(d, read_back), "C-101") == []


@pytest.mark.rule("C-001", "passes")
def test_empty_table__its_note_printed_as_a_sentence_is_enough(rendered):
    """Urumqi's 公开09 is empty; its 空表说明 is a sentence of the 说明 ("…决算表为空表"), not a table note."""
    d, _, as_text = rendered["urumqi"]
    table = as_text.tables.state_capital.model_copy(update={"empty_note": None, "note": None})
    without_note = as_text.model_copy(update={"tables": as_text.tables.model_copy(update={"state_capital": table})})
    assert table.empty and check(without_note).by_rule("C-001") == []
    bare = d.model_copy(update={"tables": d.tables.model_copy(update={"state_capital": table})})
    assert [f.location.table for f in check(bare).by_rule("C-001")] == ["state_capital"]


@pytest.mark.rule("C-001", "fails")
def test_missing_table__the_message_names_the_table_of_contents(real):
    """The seed's 目录 lists the nine tables and says they are attached (见附表): one 提示 names them all
    (tests/checks/test_tables_attached.py: without 见附表 each is a 警告 naming the 目录)."""
    if "seed" not in real:
        pytest.skip("seed not present")
    [finding] = check(real["seed"][0]).by_rule("C-001")
    assert finding.severity == "提示" and "见附表" in finding.message and "公开09表" in finding.message
