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

from . import limits
from .model import Disclosure
from .model.disclosure import SCHEMA_VERSION
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


_KNOWN_SCHEMA_VERSIONS = (SCHEMA_VERSION,)
# Readers write "generic" when they do not recognise a region's layout: a known value, no profile file.
_READER_PROFILES = ("generic",)
_MAX_REPORTED = 100


def _syntax_error(file: str, exc: Exception) -> DisclosureFileError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(exc, "problem", None) or str(exc)
    return DisclosureFileError(
        [FileProblem(file=file, line=line, field="(语法 / syntax)", message=f"YAML 语法错误 / YAML syntax error: {problem}")])


def _compose(text: str, file: str) -> tuple[yaml.Node | None, Any]:
    """The node graph of the document and the data built from it, after the checks on the nodes:
    one parse, and nothing constructed before the limits hold."""
    bounds = limits.current()
    if len(text) > bounds.yaml_bytes:
        raise DisclosureFileError([FileProblem(file=file, field="(文件 / file)", message=(
            f"超出限制：文件 {len(text)} 字符 > {bounds.yaml_bytes}（JUESUAN_LIMIT_YAML_BYTES）/ "
            f"limit exceeded: file of {len(text)} characters > {bounds.yaml_bytes}"))])
    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(node, file, bounds)
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.YAMLError as exc:
        raise _syntax_error(file, exc) from None
    except RecursionError:  # the pure-Python parser (no libyaml) on deep nesting
        raise DisclosureFileError([FileProblem(file=file, field="(结构 / structure)", message=(
            "嵌套过深 / nesting too deep"))]) from None
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node, file: str, bounds: limits.Limits) -> None:
    """Aliases, size, depth, duplicate keys, long text and out-of-range numbers, on the node graph.

    Counts nodes with aliases expanded (a "billion laughs" file of 645 bytes expands to 10^9 nodes)
    without expanding them: the size of a shared node is computed once. A node that contains itself
    (``a: &a [*a]``) is refused here, before anything recursive sees it."""
    problems: list[FileProblem] = []

    def fail(node: yaml.Node, field: str, message: str) -> None:
        problems.append(FileProblem(file=file, line=node.start_mark.line + 1, field=field, message=message))

    size: dict[int, int] = {}
    height: dict[int, int] = {}  # levels below and including the node: an alias adds them where it is used
    aliases = visited = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    open_nodes: set[int] = set()
    while stack and len(problems) < _MAX_REPORTED:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            if size[key] > bounds.yaml_nodes:
                raise _limit(file, node, f"节点数（别名展开后）nodes (aliases expanded) > {bounds.yaml_nodes}", "yaml_nodes")
            continue
        if key in open_nodes:
            raise DisclosureFileError([FileProblem(file=file, line=node.start_mark.line + 1, field="(别名 / alias)",
                                                   message="别名引用了自身 / an alias refers to the node that contains it")])
        if key in size:  # seen before: an alias use
            aliases += 1
            if aliases > bounds.yaml_aliases:
                raise _limit(file, node, f"别名使用次数 alias uses > {bounds.yaml_aliases}", "yaml_aliases")
            if depth + height[key] - 1 > bounds.yaml_depth:
                raise _limit(file, node, f"嵌套层数（别名展开后）nesting depth (aliases expanded) > {bounds.yaml_depth}",
                             "yaml_depth")
            continue
        visited += 1
        if visited > bounds.yaml_nodes:  # stop early: the expanded size is at least this
            raise _limit(file, node, f"节点数 nodes > {bounds.yaml_nodes}", "yaml_nodes")
        if depth > bounds.yaml_depth:
            raise _limit(file, node, f"嵌套层数 nesting depth > {bounds.yaml_depth}", "yaml_depth")
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, bounds, fail)
            size[key] = height[key] = 1
            continue
        if isinstance(node, yaml.MappingNode):
            _check_keys(node, fail)
        open_nodes.add(key)
        size[key] = 0  # placeholder: marks the node seen while its children are walked
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(children))
    if problems:
        raise DisclosureFileError(problems)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_scalar(node: yaml.ScalarNode, bounds: limits.Limits, fail) -> None:
    if len(node.value) > bounds.string_chars:
        fail(node, "(文本 / text)", f"文本过长（{len(node.value)} 字符，上限 {bounds.string_chars}）/ text too long "
                                    f"({len(node.value)} characters, limit {bounds.string_chars}; JUESUAN_LIMIT_STRING_CHARS)")
    # Quoted too: a quoted amount ("1.5e999999999") reaches the same Decimal fields.
    elif why := limits.number_problem(node.value, bounds):
        fail(node, "(数字 / number)", f"{why}（实际 / got: {node.value[:60]}{'…' if len(node.value) > 60 else ''}）")


def _check_keys(node: yaml.MappingNode, fail) -> None:
    """Duplicate keys: YAML and JSON parsers keep the last silently (a second ``department:``)."""
    first: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = key.start_mark.line + 1
        if key.value in first:
            fail(key, str(key.value), f"键重复：第 {first[key.value]} 行和第 {line} 行 / duplicate key: "
                                      f"lines {first[key.value]} and {line}")
        else:
            first[key.value] = line


def _limit(file: str, node: yaml.Node, what: str, name: str) -> DisclosureFileError:
    """``what`` is '中文 english > N'."""
    variable = f"JUESUAN_LIMIT_{name.upper()}"
    return DisclosureFileError([FileProblem(file=file, line=node.start_mark.line + 1, field="(结构 / structure)", message=(
        f"超出限制 / limit exceeded: {what}（{variable}）"))])


def _check_known(data: dict, file: str, node: yaml.Node) -> None:
    """A schema version or profile this version does not know is refused, with the known ones."""
    problems = []
    version = data.get("schema_version", SCHEMA_VERSION)
    if str(version) not in _KNOWN_SCHEMA_VERSIONS:
        problems.append(FileProblem(file=file, field="schema_version", message=(
            f"未知的格式版本 {version!r}（已知：{', '.join(_KNOWN_SCHEMA_VERSIONS)}）/ "
            f"unknown schema_version (known: {', '.join(_KNOWN_SCHEMA_VERSIONS)})")))
    meta = data.get("meta")
    profile = meta.get("profile") if isinstance(meta, dict) else None
    if profile is not None:
        from .reference.profiles import list_profiles

        known = [*list_profiles(), *_READER_PROFILES]
        if profile not in known:
            problems.append(FileProblem(file=file, field="meta.profile", message=(
                f"未知的模板配置 {str(profile)[:80]!r}（已知：{', '.join(known)}）/ unknown profile (known: {', '.join(known)})")))
    if problems:
        lines = _line_index(node)
        raise DisclosureFileError([p.model_copy(update={"line": lines.get(tuple(p.field.split(".")))}) for p in problems])


def parse_text(text: str, file: str = "<text>") -> Disclosure:
    """Validate a YAML or JSON document into a ``Disclosure`` or raise ``DisclosureFileError``."""
    node, data = _compose(text, file)
    if not isinstance(data, dict):
        raise DisclosureFileError(
            [FileProblem(file=file, line=1, field="(根 / root)", message="文件应为键值映射 / the file must be a mapping")]
        )
    _check_known(data, file, node)
    try:
        return Disclosure.model_validate(data)
    except ValidationError as exc:
        lines = _line_index(node)
        errors = exc.errors()
        problems = sorted((_problem(file, lines, e) for e in errors[:_MAX_REPORTED]), key=lambda p: p.line or 0)
        if len(errors) > _MAX_REPORTED:
            problems.append(FileProblem(file=file, field="(更多 / more)", message=(
                f"另有 {len(errors) - _MAX_REPORTED} 个问题未列出 / {len(errors) - _MAX_REPORTED} more problems not listed")))
        raise DisclosureFileError(problems) from None


def load(path: str | Path) -> Disclosure:
    """Load a ``.yaml``/``.yml``/``.json`` disclosure file."""
    return parse_text(_read(Path(path)), str(path))


def load_data(path: str | Path) -> Any:
    """The plain data of any YAML/JSON input file (numbers as Decimal), under the same limits and
    checks as a disclosure file (aliases, size, duplicate keys, numbers); ``DisclosureFileError``."""
    return _compose(_read(Path(path)), str(path))[1]


def _read(path: Path) -> str:
    try:
        limits.check_file_size(path)
        text = path.read_text(encoding="utf-8")
    except limits.LimitError as exc:
        raise DisclosureFileError(exc.problems) from None
    except FileNotFoundError:
        raise DisclosureFileError([FileProblem(file=str(path), field="(文件 / file)", message="文件不存在 / file not found")]) from None
    except IsADirectoryError:
        raise DisclosureFileError([FileProblem(file=str(path), field="(文件 / file)", message=(
            "是文件夹，不是文件 / a folder, not a file"))]) from None
    except UnicodeDecodeError as exc:
        raise DisclosureFileError(
            [FileProblem(file=str(path), field="(编码 / encoding)", message=f"不是 UTF-8 文本 / not UTF-8 text: {exc.reason}")]
        ) from None
    return text


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
