"""Shared fixtures: a small disclosure with every table filled, and its composed document."""

from __future__ import annotations

import pytest

from juesuan.fileformat import load
from juesuan.model import Disclosure
from juesuan.narrative.document import Document
from render_data import EXAMPLES, SMALL, document_for, example_files, small_disclosure  # noqa: F401


@pytest.fixture(params=["small", *[p.name for p in example_files()]])
def disclosure(request) -> Disclosure:
    if request.param == "small":
        return small_disclosure()
    return load(EXAMPLES / request.param)


@pytest.fixture
def document(disclosure) -> Document:
    return document_for(disclosure)


_BUILT: dict[tuple[str, str], Path] = {}


@pytest.fixture
def built(request, disclosure, document, tmp_path_factory):
    """``built(fmt)`` → the file rendered for this disclosure (each format rendered once per session)."""
    from juesuan.render import render

    name = request.node.callspec.params.get("disclosure", "small")

    def make(fmt: str) -> Path:
        key = (name, fmt)
        if key not in _BUILT or not _BUILT[key].is_file():
            folder = tmp_path_factory.mktemp(f"{fmt}-{name.replace('.', '-')}")
            _BUILT[key] = render(fmt, disclosure, document, folder / "out")
        return _BUILT[key]

    return make


@pytest.fixture
def grids(disclosure, document):
    """The grids the document places (what every renderer draws)."""
    from juesuan.render.layout import LayoutOptions
    from juesuan.render.xlsx import document_grids

    return document_grids(disclosure, document, LayoutOptions.for_disclosure(disclosure))
