"""The disclosure file: human-editable YAML (or JSON) ↔ ``Disclosure``.

YAML numbers are read as ``Decimal`` (never float), and every validation error is
reported with the file, the line and the field path, in Chinese and English.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .model import Disclosure
from .problems import FileError, FileProblem


class DisclosureFileError(FileError):
    """Raised with every problem found in a disclosure file; ``str()`` is the user-facing message."""


# libyaml when available: the worked examples are ~8k lines and the pure-Python parser
# takes seconds on them. Line marks are only needed when reporting errors.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _DecimalLoader(_BaseLoader):
    """SafeLoader whose floats are Decimal, so no binary float enters the model."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node).replace("_", "")
    if text.lower() in (".nan", ".inf", "-.inf", "+.inf"):
        return text
    return Decimal(text)


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
# Dates stay strings until pydantic validates them: keeps error paths uniform.
_DecimalLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _DecimalLoader.yaml_implicit_resolvers.items()
}


class _Dumper(_BaseDumper):
    """Dumps Decimal as a plain number and long text as literal blocks."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def _line_index(node: yaml.Node, path: tuple = (), index: dict | None = None) -> dict[tuple, int]:
    """Map each key path of the YAML document to its 1-based line."""
    index = {} if index is None else index
    index[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            index[sub] = key.start_mark.line + 1
            _line_index(value, sub, index).pop(sub, None)
            index[sub] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _line_index(item, path + (position,), index)
    return index


def _locate(lines: dict[tuple, int], loc: tuple) -> int | None:
    key = tuple(str(p) if not isinstance(p, int) else p for p in loc)
    while key:
        if key in lines:
            return lines[key]
        key = key[:-1]
    return lines.get(())


_MESSAGES = {
    "missing": "缺少必填字段 / required field missing",
    "extra_forbidden": "未知字段 / unknown field",
    "int_parsing": "应为整数 / expected an integer",
    "int_type": "应为整数 / expected an integer",
    "string_type": "应为文本 / expected text",
    "date_from_datetime_parsing": "应为日期 YYYY-MM-DD / expected a date YYYY-MM-DD",
    "literal_error": "取值不在允许范围内 / value not allowed",
}


def _problem(file: str, lines: dict, error: dict) -> FileProblem:
    loc = tuple(error["loc"])
    field = ".".join(str(p) for p in loc) or "(根 / root)"
    text = _MESSAGES.get(error["type"])
    if text is None:  # our own validators already name the bad value
        text = str(error.get("ctx", {}).get("error") or error["msg"])
    elif error["type"] != "missing" and not isinstance(error.get("input"), (dict, list)):
        text += f"（实际 / got: {error.get('input')!r}）"
    return FileProblem(file=file, line=_locate(lines, loc), field=field, message=text)


def parse_text(text: str, file: str = "<text>") -> Disclosure:
    """Validate a YAML or JSON document into a ``Disclosure`` or raise ``DisclosureFileError``."""
    try:
        data = yaml.load(text, Loader=_DecimalLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DisclosureFileError(
            [FileProblem(file=file, line=line, field="(语法 / syntax)", message=f"YAML 语法错误 / YAML syntax error: {problem}")]
        ) from None
    if not isinstance(data, dict):
        raise DisclosureFileError(
            [FileProblem(file=file, line=1, field="(根 / root)", message="文件应为键值映射 / the file must be a mapping")]
        )
    try:
        return Disclosure.model_validate(data)
    except ValidationError as exc:
        node = yaml.compose(text, Loader=_DecimalLoader)
        lines = _line_index(node) if node is not None else {}
        problems = sorted((_problem(file, lines, e) for e in exc.errors()), key=lambda p: p.line or 0)
        raise DisclosureFileError(problems) from None


def load(path: str | Path) -> Disclosure:
    """Load a ``.yaml``/``.yml``/``.json`` disclosure file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DisclosureFileError([FileProblem(file=str(path), field="(文件 / file)", message="文件不存在 / file not found")]) from None
    except UnicodeDecodeError as exc:
        raise DisclosureFileError(
            [FileProblem(file=str(path), field="(编码 / encoding)", message=f"不是 UTF-8 文本 / not UTF-8 text: {exc.reason}")]
        ) from None
    return parse_text(text, str(path))


def to_data(disclosure: Disclosure) -> dict[str, Any]:
    """Plain data without default values (a compact, editable file)."""
    return disclosure.model_dump(mode="python", exclude_defaults=True)


def dumps_yaml(disclosure: Disclosure) -> str:
    return yaml.dump(to_data(disclosure), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def dumps_json(disclosure: Disclosure) -> str:
    return json.dumps(disclosure.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False, indent=2)


def dump(disclosure: Disclosure, path: str | Path) -> None:
    path = Path(path)
    text = dumps_json(disclosure) if path.suffix == ".json" else dumps_yaml(disclosure)
    path.write_text(text, encoding="utf-8")


def json_schema() -> dict[str, Any]:
    """JSON Schema of the disclosure file, generated from the model."""
    schema = Disclosure.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "juesuan 部门决算公开 disclosure file"
    return schema
