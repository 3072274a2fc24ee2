"""I-001 composes the 说明 with ``placeholders_only=True``: the same paragraphs, text and
placeholders as ``juesuan build`` composes, and the same claim items on every paragraph that
holds a placeholder (what ``narrative.missing_inputs`` reads)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan import fileformat
from juesuan.narrative import compose, missing_inputs

EXAMPLES = Path(__file__).parents[2] / "examples"


def _variants():
    for name in ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml"):
        d = fileformat.load(EXAMPLES / name)
        yield name, d
        yield f"{name} without comparisons", d.model_copy(update={"comparisons": {}})  # 上年数/原因 missing


@pytest.mark.parametrize(("name", "disclosure"), list(_variants()), ids=lambda v: v if isinstance(v, str) else "")
def test_placeholders_only_keeps_text_and_placeholders(name, disclosure) -> None:
    full = compose(disclosure)
    lean = compose(disclosure, placeholders_only=True)
    assert [(s.id, s.title) for s in lean.sections] == [(s.id, s.title) for s in full.sections]
    for a, b in zip(full.sections, lean.sections):
        assert [(p.text, p.placeholder) for p in a.paragraphs] == [(p.text, p.placeholder) for p in b.paragraphs]
        for p, q in zip(a.paragraphs, b.paragraphs):
            if p.placeholder:
                assert [c.item for c in p.claims] == [c.item for c in q.claims]
    assert missing_inputs(lean) == missing_inputs(full)
    if "without comparisons" in name:
        assert missing_inputs(full)  # the variant does exercise placeholders


@pytest.mark.parametrize(("name", "disclosure"), list(_variants()), ids=lambda v: v if isinstance(v, str) else "")
def test_derived_claims_are_what_validation_gives(name, disclosure) -> None:
    """``figures.derive`` builds its claims without validating them (speed): each one equals the
    claim validated from its own data, field by field and in type."""
    from juesuan.model import Claim

    claims = [c for s in compose(disclosure).sections for p in s.paragraphs for c in p.claims]
    assert len(claims) > 50
    for claim in claims:
        validated = Claim.model_validate(claim.model_dump())
        assert claim == validated
        assert {k: type(v) for k, v in claim.__dict__.items()} == {k: type(v) for k, v in validated.__dict__.items()}
        assert claim.model_fields_set <= validated.model_fields_set
