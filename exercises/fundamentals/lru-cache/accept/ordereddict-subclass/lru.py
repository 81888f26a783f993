"""An LRU cache that IS an OrderedDict (the prompt allows OrderedDict).

Kept as an accepted alternative because the check library once turned an
instance of a subclass of a built-in container into a plain dict when it
crossed from the learner's process to the checker, losing put/get:
"'dict' object has no attribute 'put'".
"""
from collections import OrderedDict


class LRUCache(OrderedDict):
    def __init__(self, capacity):
        if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        super().__init__()
        self.capacity = capacity

    def get(self, key, default=None):
        if key not in self:
            return default
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)

    def keys(self):
        return list(super().keys())
