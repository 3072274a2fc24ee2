"""Hypothesis strategies for hostile input: mutated corpus files per reader, and YAML documents built
from hostile scalars (numbers beyond every bound, odd text, aliases, duplicate keys)."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from . import mutations

hostile_numbers = st.sampled_from(mutations.HOSTILE_NUMBERS) | st.integers(-10**60, 10**60).map(str) \
    | st.decimals(allow_nan=False, allow_infinity=False).map(str)
hostile_text = st.sampled_from(mutations.HOSTILE_TEXT) | st.text(max_size=40)
keys = st.sampled_from(["meta", "department", "year", "profile", "schema_version", "tables", "total", "weight",
                        "score", "rows", "code", "name"]) | st.from_regex(r"[a-z_]{1,8}", fullmatch=True)


def mutated(family: str):
    """A damaged file of ``family``: (data, suffix, mutation name, must be refused or reported)."""
    return st.integers(0, 2**32 - 1).map(lambda seed: mutations.mutate(family, random.Random(seed)))


def _scalar(value: str) -> str:
    return value if value and all(ch.isalnum() or ch in "._-+" for ch in value) else repr(value)


@st.composite
def yaml_documents(draw) -> str:
    """A YAML text of nested mappings/lists over hostile scalars, maybe with an anchor and aliases to it
    and a repeated key: the file format must accept it or say where it is wrong."""
    lines = ["meta:", f"  department: {_scalar(draw(hostile_text))}", f"  year: {_scalar(draw(hostile_numbers))}"]
    anchored = False
    for _ in range(draw(st.integers(0, 12))):
        key, indent = draw(keys), "  " * draw(st.integers(0, 2))
        kind = draw(st.integers(0, 4))
        if kind == 0:
            lines.append(f"{indent}{key}: {_scalar(draw(hostile_numbers))}")
        elif kind == 1:
            lines.append(f"{indent}{key}: {_scalar(draw(hostile_text))}")
        elif kind == 2:
            lines.append(f"{indent}{key}: &x [{', '.join(draw(st.lists(hostile_numbers, max_size=5)))}]")
            anchored = True
        elif kind == 3 and anchored:
            lines.append(f"{indent}{key}: [{', '.join(['*x'] * draw(st.integers(1, 20)))}]")
        else:
            lines.append(f"{indent}{key}: {{{key}: 1, {key}: 2}}")
    return "\n".join(lines) + "\n"
