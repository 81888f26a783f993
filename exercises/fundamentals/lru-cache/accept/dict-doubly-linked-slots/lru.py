"""An LRU cache with O(1) operations (see prompt.md).

Style: a plain dict from key to node plus a hand-written circular doubly
linked list with one sentinel node (sentinel.next is the least recently
used entry, sentinel.prev the most recently used). Nodes use __slots__.
"""


class _Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key=None, value=None):
        self.key = key
        self.value = value
        self.prev = self
        self.next = self


class LRUCache:
    def __init__(self, capacity):
        if type(capacity) is not int or capacity < 1:
            raise ValueError("capacity must be an int >= 1, got %r" % (capacity,))
        self.capacity = capacity
        self._map = {}
        self._root = _Node()

    # -- list primitives (all O(1)) ----------------------------------------
    def _unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev

    def _append(self, node):
        """Insert just before the sentinel: the most recently used position."""
        last = self._root.prev
        node.prev, node.next = last, self._root
        last.next = node
        self._root.prev = node

    # -- public API ---------------------------------------------------------
    def get(self, key, default=None):
        node = self._map.get(key)
        if node is None:
            return default
        self._unlink(node)
        self._append(node)
        return node.value

    def put(self, key, value):
        node = self._map.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
            self._append(node)
            return None
        node = _Node(key, value)
        self._map[key] = node
        self._append(node)
        if len(self._map) > self.capacity:
            oldest = self._root.next
            self._unlink(oldest)
            del self._map[oldest.key]
        return None

    def __len__(self):
        return len(self._map)

    def __contains__(self, key):
        return key in self._map

    def keys(self):
        out = []
        node = self._root.next
        while node is not self._root:
            out.append(node.key)
            node = node.next
        return out
