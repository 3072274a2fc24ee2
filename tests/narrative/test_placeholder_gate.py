"""The placeholder gates (``narrative.gate``) against the real composition.

``gated.missing_inputs_of`` renders only the sections whose gate says a 【请补充…】 may be
printed; it must list exactly what ``missing_inputs(compose(...))`` lists. The cases come from
both examples, under both profiles: as they are, and with each input the 说明 reads removed in
turn — each ``comparisons`` entry and each of its fields, each field of the fill-in workbook
(``reference.fields``), each ``narrative`` text, the 自评表, each table marked empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from juesuan import fileformat
from juesuan.model import Disclosure
from juesuan.narrative import compose, missing_inputs
from juesuan.narrative.gate import _always, gates, source
from juesuan.narrative.gated import missing_inputs_of
from juesuan.reference.fields import all_fields

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml")
PROFILES = ("xinjiang-2022", "shanghai-2024")


def _load(name: str) -> Disclosure:
    path = EXAMPLES / name
    if not path.is_file():
        pytest.skip(f"example not available: {path}")
    return fileformat.load(path)


def _set_none(data, path: str) -> bool:
    """Set the value at ``path`` of a dumped disclosure to None; False when there is none."""
    *parents, last = path.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) and part.isdigit() and int(part) < len(data) else (
            data.get(part) if isinstance(data, dict) else None)
        if data is None:
            return False
    if isinstance(data, dict) and data.get(last) not in (None, "", [], {}):
        data[last] = None
        return True
    return False


def _removals(d: Disclosure):
    """(what was removed, the disclosure without it)."""
    yield "nothing", d
    yield "comparisons", d.model_copy(update={"comparisons": {}})
    for key, comparison in d.comparisons.items():
        yield f"comparisons[{key}]", d.model_copy(update={"comparisons": {k: v for k, v in d.comparisons.items()
                                                                           if k != key}})
        for field, value in comparison.__dict__.items():
            if value is not None:
                changed = {**d.comparisons, key: comparison.model_copy(update={field: None})}
                yield f"comparisons[{key}].{field}", d.model_copy(update={"comparisons": changed})
    for key in d.narrative:
        yield f"narrative[{key}]", d.model_copy(update={"narrative": {k: v for k, v in d.narrative.items()
                                                                     if k != key}})
    if d.performance.projects:
        yield "performance.projects", d.model_copy(
            update={"performance": d.performance.model_copy(update={"projects": []})})
    for key in type(d.tables).model_fields:
        table = getattr(d.tables, key).model_copy(update={"empty": True})
        yield f"tables.{key} empty", d.model_copy(update={"tables": d.tables.model_copy(update={key: table})})
    dumped = d.model_dump()
    for field in all_fields():
        data = d.model_dump() if dumped is None else dumped
        dumped = None
        if _set_none(data, field.path):
            try:
                yield field.path, Disclosure.model_validate(data)
            except ValidationError:
                continue  # a field the model does not let be empty: no document lacks it


def _cases():
    for name in NAMES:
        d = _load(name)
        for profile in PROFILES:
            yield name, profile, d


@pytest.mark.parametrize(("name", "profile", "disclosure"), list(_cases()),
                         ids=[f"{n}-{p}" for n in NAMES for p in PROFILES])
def test_gates_find_what_composition_finds(name, profile, disclosure) -> None:
    exercised = 0
    for removed, d in _removals(disclosure):
        expected = missing_inputs(compose(d, profile))
        assert missing_inputs_of(d, profile) == expected, f"{name} under {profile} without {removed}"
        exercised += bool(expected)
    assert exercised > 20  # the removals do make placeholders appear


@pytest.mark.parametrize("profile", PROFILES)
def test_every_template_has_a_gate(profile) -> None:
    """A template using syntax the gates do not model would be rendered on every check (slow,
    still right): say so here rather than in a benchmark."""
    found = gates(profile)
    assert found and all(gate is not _always for gate in found.values()), source(profile)


@pytest.mark.parametrize("name", NAMES)
def test_only_sections_with_a_placeholder_are_rendered(name, monkeypatch) -> None:
    """On the examples the gates are exact: the sections rendered are those that print a
    placeholder (none for the Urumqi example, 公开 totals' for Shanghai's missing 上年数)."""
    from juesuan.narrative import gated

    d = _load(name)
    expected = missing_inputs(compose(d))
    rendered, original = [], gated._Builder.section

    def spy(self, section_id, *args):
        rendered.append(section_id)
        return original(self, section_id, *args)

    monkeypatch.setattr(gated._Builder, "section", spy)
    assert missing_inputs_of(d) == expected
    assert rendered == list(dict.fromkeys(gap.section for gap in expected))
