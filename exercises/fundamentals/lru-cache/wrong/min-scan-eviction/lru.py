"""Mistake: O(1) get, but eviction scans every entry for the oldest timestamp (O(n))."""
import itertools


class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        self.capacity = capacity
        self.data = {}
        self.used = {}
        self.clock = itertools.count()

    def get(self, key, default=None):
        if key not in self.data:
            return default
        self.used[key] = next(self.clock)
        return self.data[key]

    def put(self, key, value):
        self.data[key] = value
        self.used[key] = next(self.clock)
        if len(self.data) > self.capacity:
            oldest = min(self.used, key=self.used.get)
            del self.data[oldest]
            del self.used[oldest]

    def __len__(self):
        return len(self.data)

    def __contains__(self, key):
        return key in self.data

    def keys(self):
        return sorted(self.data, key=self.used.get)
