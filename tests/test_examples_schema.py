"""Every bundled example validates against the generated JSON Schema and round-trips."""

from pathlib import Path

import jsonschema
import pytest
import yaml

from juesuan import fileformat

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))


def test_examples__both_worked_examples_are_bundled():
    names = {p.name for p in EXAMPLES}
    assert {"urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_json_schema__validates_example(path):
    # PyYAML's plain loader gives floats here: fine for schema validation, never for the model.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, fileformat.json_schema())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_dumps_json__example_round_trip_is_lossless(path):
    disclosure = fileformat.load(path)
    assert fileformat.parse_text(fileformat.dumps_json(disclosure)) == disclosure
    assert fileformat.parse_text(fileformat.dumps_yaml(disclosure)) == disclosure
