"""Re-import: update an existing disclosure YAML in place, keeping its comments and order.

Only what the workbooks speak for (``ImportResult.owned``) is touched, and within it only
the values that differ from the file's own (compared as model values, so ``6.8`` and
``6.80`` or an omitted zero and a printed ``0.00`` are the same). Everything else — other
fields, comments, key order, quoting — is left byte for byte as it was (ruamel.yaml's
round trip). A new file is written as ``fileformat`` writes one.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import fileformat
from ..model import Disclosure


def _sequence_indent(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) as the file writes its lists: ``key:`` then ``  - x`` → (4, 2);
    PyYAML's own ``- x`` under the key → (2, 0)."""
    lines = text.splitlines()
    for above, line in zip(lines, lines[1:]):
        key = re.match(r"^( *)[^ #-][^:]*:\s*$", above)
        dash = re.match(r"^( *)- ", line)
        if key and dash:
            offset = len(dash.group(1)) - len(key.group(1))
            return offset + 2, offset
    return 2, 0


def _yaml(text: str = "") -> YAML:
    yaml = YAML(typ="rt")
    sequence, offset = _sequence_indent(text)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line the file holds on one line
    yaml.allow_unicode = True
    yaml.representer.add_representer(
        Decimal, lambda rep, value: rep.represent_scalar("tag:yaml.org,2002:float", format(value, "f")))
    return yaml


def _plain(value: Any) -> Any:
    """A model value as YAML data: compact (defaults left out), tuples as lists."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_defaults=True)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _split(path: str) -> list[str]:
    head, _, rest = path.partition(".")
    if head in ("comparisons", "provenance"):
        return [head, rest] if rest else [head]  # item paths are keys that hold dots
    parts = path.split(".")
    cut = next((i for i, p in enumerate(parts) if p.isdigit()), len(parts))
    return parts[:cut]  # a list is replaced or merged whole (units, receptions)


def _get(obj: Any, part: str) -> Any:
    if isinstance(obj, BaseModel):
        return getattr(obj, part, None)
    if isinstance(obj, dict):
        return obj.get(part)
    return None


def _default(model: BaseModel, name: str) -> Any:
    info = type(model).model_fields[name]
    return info.get_default(call_default_factory=True)


def _update(node: Any, old: Any, new: Any) -> Any:
    """The YAML node for ``new``, reusing ``node`` wherever the model values agree."""
    if old == new and node is not None:
        return node
    if isinstance(new, BaseModel) and isinstance(old, BaseModel) and isinstance(node, CommentedMap):
        for name in type(new).model_fields:
            o, n = getattr(old, name), getattr(new, name)
            if o == n:
                continue
            if n == _default(new, name) and name in node and not isinstance(n, (BaseModel, tuple, dict)):
                del node[name]
            elif name in node:
                node[name] = _update(node[name], o, n)
            else:
                node[name] = _plain(n)
        return node if node else _plain(new)  # ruamel prints an emptied block map (with a comment) badly
    if isinstance(new, dict) and isinstance(old, dict) and isinstance(node, CommentedMap):
        for key in [k for k in node if k not in new]:
            del node[key]
        for key, value in new.items():
            node[key] = _update(node.get(key), old.get(key), value) if key in node else _plain(value)
        return node
    if isinstance(new, tuple) and isinstance(old, tuple) and isinstance(node, CommentedSeq) \
            and len(new) == len(old) == len(node):
        codes = [getattr(row, "code", None) for row in old]
        by_code = {getattr(row, "code", None): row for row in new}
        if None not in codes and len(set(codes)) == len(codes) and set(codes) == set(by_code):
            new = tuple(by_code[code] for code in codes)  # coded rows keep the file's order
        for index, value in enumerate(new):
            node[index] = _update(node[index], old[index], value)
        return node
    return _plain(new)


def _apply(root: CommentedMap, old: Disclosure, new: Disclosure, path: str) -> None:
    parts = _split(path)
    o, n = old, new
    for part in parts:
        o, n = _get(o, part), _get(n, part)
    if o == n:
        return
    node = root
    for part in parts[:-1]:
        if part not in node or not isinstance(node[part], CommentedMap):
            node[part] = CommentedMap()
        node = node[part]
    last = parts[-1]
    if n is None or n in ((), {}):
        node.pop(last, None)
    elif last in node:
        node[last] = _update(node[last], o, n)
    else:
        node[last] = _plain(n)


def update_text(text: str, file: str, new: Disclosure, owned: list[str]) -> str:
    """``text`` (an existing disclosure file) with the owned paths set to ``new``'s values."""
    old = fileformat.parse_text(text, file)
    yaml = _yaml(text)
    root = yaml.load(text)
    for path in dict.fromkeys(".".join(_split(p)) for p in owned):
        _apply(root, old, new, path)
    stale = [key for key, source in old.provenance.items() if source.kind == "unread"
             and f"tables.{key.split('.', 1)[0]}" in owned and key not in new.provenance]
    for key in stale:
        root["provenance"].pop(key, None)
    for key, source in new.provenance.items():
        if source.kind == "unread":
            root.setdefault("provenance", CommentedMap())[key] = _plain(source)
    if "provenance" in root and not root["provenance"]:
        del root["provenance"]
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    result = buffer.getvalue()
    fileformat.parse_text(result, file)  # what we write must load
    return result


def write(path, new: Disclosure, owned: list[str]) -> str:
    """The text to write at ``path``: an update of the file there, or a new file."""
    from pathlib import Path

    path = Path(path)
    if path.is_file():
        return update_text(path.read_text(encoding="utf-8"), str(path), new, owned)
    return fileformat.dumps_yaml(new)
