"""Values computed once per frozen object and dropped with it.

A frozen pydantic model hashes by value (walking the whole model), so an object's identity is the key;
a weak reference removes the entry when the object goes, so an id reused by a later object never
finds a stale one. Row indexes of tables, figure lookups, 自评表 scores and rendered grids use it.
"""

from __future__ import annotations

import weakref
from typing import Any


class ObjectMemo:
    """``memo.of(obj)``: the dict of values memoised for ``obj`` (empty the first time)."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref, dict[Any, Any]]] = {}

    def of(self, obj: Any) -> dict[Any, Any]:
        key = id(obj)
        entry = self._entries.get(key)
        if entry is not None and entry[0]() is obj:
            return entry[1]
        values: dict[Any, Any] = {}
        entries = self._entries
        self._entries[key] = (weakref.ref(obj, lambda _, key=key: entries.pop(key, None)), values)
        return values

    def __contains__(self, key: int) -> bool:
        """Whether an object with this id has an entry (tests look at the entries by id)."""
        return key in self._entries

    def __getitem__(self, key: int) -> tuple[weakref.ref, dict[Any, Any]]:
        return self._entries[key]
