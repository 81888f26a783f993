"""An LRU cache. Correct, but every operation is O(n) (see prompt.md)."""


class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        self.capacity = capacity
        self.values = {}
        self.order = []  # least recently used first

    def get(self, key, default=None):
        if key not in self.values:
            return default
        self.order.remove(key)  # O(n)
        self.order.append(key)
        return self.values[key]

    def put(self, key, value):
        if key in self.values:
            self.order.remove(key)  # O(n)
        self.values[key] = value
        self.order.append(key)
        if len(self.order) > self.capacity:
            oldest = self.order.pop(0)  # O(n)
            del self.values[oldest]

    def __len__(self):
        return len(self.values)

    def __contains__(self, key):
        return key in self.values

    def keys(self):
        return list(self.order)
