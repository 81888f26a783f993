"""An LRU cache with O(1) get and put: a dict plus a doubly linked list.

(collections.OrderedDict with move_to_end/popitem(last=False) is an equally
good answer; this version shows the structure it uses underneath.)
"""


class _Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key=None, value=None):
        self.key = key
        self.value = value
        self.prev = self.next = self


class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        self.capacity = capacity
        self._nodes = {}
        self._head = _Node()  # sentinel: head.next is the LRU entry, head.prev the MRU one

    def _unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev

    def _append(self, node):
        last = self._head.prev
        node.prev, node.next = last, self._head
        last.next = node
        self._head.prev = node

    def get(self, key, default=None):
        node = self._nodes.get(key)
        if node is None:
            return default
        self._unlink(node)
        self._append(node)
        return node.value

    def put(self, key, value):
        node = self._nodes.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
            self._append(node)
            return
        node = _Node(key, value)
        self._nodes[key] = node
        self._append(node)
        if len(self._nodes) > self.capacity:
            oldest = self._head.next
            self._unlink(oldest)
            del self._nodes[oldest.key]

    def __len__(self):
        return len(self._nodes)

    def __contains__(self, key):
        return key in self._nodes

    def keys(self):
        out, node = [], self._head.next
        while node is not self._head:
            out.append(node.key)
            node = node.next
        return out
