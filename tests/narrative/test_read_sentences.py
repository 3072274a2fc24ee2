"""Sentence match rate: the printed 说明 read back into claims equal to the example's (real
documents) or to the composed claims (our own documents in every format), and the 名词解释
read into ``Disclosure.glossary``.

Measured 2026-12-06: seed 75/75, Shanghai PDF 46/46, Shanghai sample text 44/49 (its five others
are printed out of reading order by the extraction); ours: Shanghai 46/46 in TXT/PDF/DOCX/HTML,
Urumqi 72/75 (71/74 PDF): the three unread sentences are the itemised 公务接待 ("9人260元"),
which the reader reads (receptions.N.people/amount_yuan) but composition lists no claims for.
"""

from __future__ import annotations

import pytest

from juesuan import fileformat
from juesuan.ingest import read
from juesuan.narrative import compose

from .conftest import EXAMPLES, SEED, SHANGHAI_SAMPLE, SHARED
from .reading import sentence_rate

SHANGHAI_PDF = SHARED / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"


def _read(path):
    if not path.is_file():
        pytest.skip(f"document not available: {path}")
    disclosure, _ = read(path)
    return disclosure


@pytest.mark.parametrize("path, example, least", [
    (SEED, "urumqi-iit-2022.yaml", 75), (SHANGHAI_PDF, "shanghai-putuo-czj-2024.yaml", 46),
    (SHANGHAI_SAMPLE, "shanghai-putuo-czj-2024.yaml", 44)])
def test_read__printed_sentences_read_into_the_examples_claims(path, example, least):
    disclosure = _read(path)
    expected = fileformat.load(EXAMPLES / example)
    rate = sentence_rate(disclosure, expected.claims)
    print(f"\n{path.name}: {rate.read}/{rate.total} sentences read")
    assert rate.read >= least and rate.total - rate.read <= 5
    assert disclosure.glossary == expected.glossary


@pytest.fixture(scope="module", params=["urumqi-iit-2022", "shanghai-putuo-czj-2024"])
def composed(request):
    disclosure = fileformat.load(EXAMPLES / f"{request.param}.yaml")
    return disclosure, compose(disclosure)


@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx", "html"])
def test_read__our_documents_sentences_read_back(tmp_path, composed, fmt):
    from juesuan import render

    disclosure, document = composed
    path = tmp_path / f"out.{fmt}"
    if fmt == "txt":
        path.write_text(document.text(), encoding="utf-8")
    else:
        try:
            render.render(fmt, disclosure, document, path)
        except Exception as exc:  # a renderer's own dependency missing (typst) is not a reader failure
            pytest.skip(f"{fmt} renderer unavailable: {exc}")
    parsed = _read(path)
    rate = sentence_rate(parsed, [c for c in document.claims() if c.text is not None])
    print(f"\n{disclosure.meta.department} {fmt}: {rate.read}/{rate.total} sentences read")
    assert rate.total >= 40
    assert all("接待" in s and "人" in s and "元" in s for s in rate.unread)  # itemised 公务接待 only
    assert parsed.glossary == disclosure.glossary
