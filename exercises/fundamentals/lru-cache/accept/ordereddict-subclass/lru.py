"""An LRU cache built directly on OrderedDict (see prompt.md).

The cache *is* an OrderedDict whose iteration order is least- to
most-recently used; move_to_end and popitem(last=False) are O(1).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Hashable, List


class LRUCache(OrderedDict):
    def __init__(self, capacity: int) -> None:
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        super().__init__()
        self.capacity = capacity

    def get(self, key: Hashable, default: Any = None) -> Any:
        try:
            value = super().__getitem__(key)
        except KeyError:
            return default
        self.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)

    def keys(self) -> List[Hashable]:  # type: ignore[override]
        return list(super().keys())

    def __repr__(self) -> str:
        return f"LRUCache(capacity={self.capacity}, keys={self.keys()!r})"
