"""The document's own lines are kept with their kind, section and page (model.printed)."""

import re
from pathlib import Path

import pytest

from juesuan.ingest import read

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_70eff566b52b1af5.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_seed_sentences_and_parts_are_kept_with_sections():
    disclosure, _ = read(SEED)
    kinds = {line.kind for line in disclosure.printed}
    assert {"title", "part", "heading", "sentence"} <= kinds
    income = [line.text for line in disclosure.printed if line.section == "income" and line.kind == "sentence"]
    assert any("财政拨款收入" in text and "占" in text for text in income)
    assert all(line.page and line.page >= 1 for line in disclosure.printed)


SHARED = SEED.parents[1]
SAMPLE = SHARED / "reference" / "shanghai-putuo-finance-bureau-2024-dept-final.sample.txt"
TEMPLATE = SHARED / "reference" / "shanghai-2024-dept-final-template.txt"
SHANGHAI_PDF = SHARED / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def _lines(disclosure, kind):
    return [line for line in disclosure.printed if line.kind == kind]


@pytest.mark.parametrize("path", [SEED, SAMPLE])
def test_printed__every_heading_of_the_body_is_an_entry_of_the_toc(path):
    """The seed prints its 目录 as "- 一、…" bullet lines; the Shanghai sample as indented lines."""
    disclosure, _ = read(_need(path))
    toc = {re.sub(r"\s+", "", line.text) for line in _lines(disclosure, "toc")}
    body = [re.sub(r"\s+", "", line.text) for line in disclosure.printed
            if line.kind == "heading" and line.section and re.match(r"^[一二三四五六七八九十]+、", line.text)]
    assert len(toc) >= 20 and len(body) >= 10
    # the body may word a heading slightly otherwise than its 目录 ("十一、其他重要事项（的情况）说明")
    assert len([h for h in body if h not in toc]) <= 1


def _mutated(tmp_path, old: str, new: str) -> Path:
    text = _need(SEED).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "seed.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_printed__a_run_on_toc_line_gives_one_entry_each_with_its_page(tmp_path):
    old = "- 一、主要职能\n- 二、机构设置及人员情况"
    disclosure, _ = read(_mutated(tmp_path, old, "- 一、主要职能……1 - 二、机构设置及人员情况……2"))
    toc = [(line.text, line.toc_page) for line in _lines(disclosure, "toc")]
    assert ("一、主要职能", "1") in toc and ("二、机构设置及人员情况", "2") in toc
    unmutated, _ = read(SEED)
    assert len(toc) == len(_lines(unmutated, "toc"))


@pytest.mark.parametrize("path, example", [(SEED, "urumqi-iit-2022.yaml"), (SAMPLE, "shanghai-putuo-czj-2024.yaml"),
                                           (SHANGHAI_PDF, "shanghai-putuo-czj-2024.yaml")])
def test_printed__glossary_equals_the_example(path, example):
    from juesuan import fileformat

    disclosure, _ = read(_need(path))
    expected = fileformat.load(_need(EXAMPLES / example)).glossary
    assert disclosure.glossary == expected


def test_printed__sections_follow_the_longest_heading_phrase():
    disclosure, _ = read(_need(SEED))
    sections = {line.text[:2]: line.section for line in _lines(disclosure, "heading")
                if line.section not in (None, "functions")}
    # 四、财政拨款收入支出决算总体… is not 一、收入支出决算总体…; 五、一般公共预算财政拨款支出… is not 三、支出…
    assert len(set(sections.values())) == len(sections)


def test_printed__template_instructions_are_kept_and_a_filled_document_has_none():
    template, _ = read(_need(TEMPLATE))
    instructions = [line.text for line in _lines(template, "instruction")]
    assert "（如持平作持平表述）" in instructions
    assert any(text.endswith("作下述说明：") for text in instructions)
    assert all(line.page and line.section for line in _lines(template, "instruction") if "持平" in line.text)
    sample, _ = read(_need(SAMPLE))
    assert _lines(sample, "instruction") == []


def test_printed__a_sentence_is_located_on_its_page_in_the_pdf():
    disclosure, _ = read(_need(SHANGHAI_PDF))
    claim = next(c for c in disclosure.claims if c.item == "operating_costs.amount" and c.measure == "amount")
    sentence = next(line for line in _lines(disclosure, "sentence") if "机关运行经费支出184.65万元" in line.text)
    heading = next(line for line in _lines(disclosure, "heading") if line.section == "operating_costs")
    # The PDF prints the heading at the foot of one page and the sentence at the top of the next:
    # both the sentence and the claim read from it are located on the sentence's page.
    assert (sentence.page, sentence.section) == (claim.page, "operating_costs")
    assert sentence.page == heading.page + 1
