"""Meta-tests: the glossary names every model class and field."""

import inspect
import re
from pathlib import Path

import pydantic
import pytest

from juesuan.model import claims, disclosure, measures, performance, provenance, tables

GLOSSARY = (Path(__file__).parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
# Identifiers named in the glossary: every word inside a `code span`.
NAMED = {word for span in re.findall(r"`([^`]+)`", GLOSSARY) for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span)}


def model_names() -> set[str]:
    names = set()
    for module in (disclosure, tables, performance, provenance, claims, measures):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, pydantic.BaseModel) and cls.__module__ == module.__name__:
                names.add(name)
                names.update(cls.model_fields)
    return names


@pytest.mark.parametrize("identifier", sorted(model_names()))
def test_glossary__names_every_model_identifier(identifier):
    assert identifier in NAMED, f"docs/glossary.md lacks {identifier}"
