"""A fast sample of the fuzz campaign (bench/fuzz.py runs the same mutations by the thousand, each in a
bounded subprocess): in-process here, with bombs scaled down 64 times and the limits lowered alike.

Every input is read without an exception escaping the reader, and an input that must be refused or
reported (a duplicate key, an unknown profile, a number beyond the bounds, a bomb) is never accepted
without a word.
"""

import time

import pytest
from hypothesis import HealthCheck, given, settings

from juesuan import fileformat, limits
from juesuan.ingest import read

from . import mutations
from .strategies import mutated, yaml_documents

SCALE = 64
SAMPLE = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def scaled(monkeypatch):
    monkeypatch.setattr(mutations, "SCALE", SCALE)
    defaults = limits.Limits()
    for name in ("unpacked_bytes", "stream_bytes", "ratio_floor_bytes"):
        monkeypatch.setenv(f"JUESUAN_LIMIT_{name.upper()}", str(getattr(defaults, name) // SCALE))


def _read_document(tmp_path_factory, sample) -> None:
    data, suffix, name, must_refuse = sample
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    started = time.process_time()
    disclosure, report = read(path, ocr=False)  # raises nothing
    assert time.process_time() - started < 30, name
    if must_refuse:
        assert disclosure is None or report.problems, f"{name}: accepted without a word"


@pytest.mark.parametrize("family", ["pdf", "docx", "xlsx", "text"])
def test_reader__mutated_corpus_never_raises_nor_accepts_silently(tmp_path_factory, family):
    @SAMPLE
    @given(mutated(family))
    def run(sample):
        _read_document(tmp_path_factory, sample)

    run()


@pytest.mark.parametrize("family", ["yaml", "json"])
def test_file_format__mutated_examples_are_refused_with_a_location_or_accepted(tmp_path_factory, family):
    @settings(SAMPLE, max_examples=15)
    @given(mutated(family))
    def run(sample):
        data, suffix, name, must_refuse = sample
        path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
        path.write_bytes(data)
        try:
            fileformat.load(path)
        except fileformat.DisclosureFileError as exc:
            assert exc.problems and all(p.file == str(path) for p in exc.problems)
        else:
            assert not must_refuse, f"{name}: accepted without a word"

    run()


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(yaml_documents())
def test_file_format__hostile_yaml_documents_are_refused_with_a_location_or_accepted(text):
    started = time.process_time()
    try:
        disclosure = fileformat.parse_text(text, "h.yaml")
    except fileformat.DisclosureFileError as exc:
        assert exc.problems and all(p.file == "h.yaml" for p in exc.problems)
    else:  # accepted: every number of it within the bounds
        assert all(limits.decimal_problem(v) is None for v in _numbers(disclosure.model_dump()))
    assert time.process_time() - started < 5


def _numbers(value):
    from decimal import Decimal

    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        yield value
