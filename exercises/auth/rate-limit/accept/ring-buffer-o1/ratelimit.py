"""Login rate limiting with a sliding window: see prompt.md.

Style: a fixed-size ring buffer per key. Only the last `max_attempts`
allowed attempts can matter: the counted attempts are always the newest
allowed ones, so "fewer than max_attempts count" is equivalent to "the
oldest of the last max_attempts allowed attempts no longer counts (or does
not exist)". That oldest slot is the one the next write overwrites, so
attempt() and retry_after() are O(1) and memory per key is fixed.
"""
import time


class _Ring:
    __slots__ = ("times", "head")

    def __init__(self, size):
        self.times = [None] * size   # allowed-attempt times, circular
        self.head = 0                # index of the oldest slot = next to overwrite

    def oldest(self):
        return self.times[self.head]

    def push(self, t):
        self.times[self.head] = t
        self.head = (self.head + 1) % len(self.times)


class LoginLimiter:
    def __init__(self, max_attempts, window, clock=time.monotonic):
        if type(max_attempts) is not int or max_attempts < 1:
            raise ValueError("max_attempts must be an int >= 1, got %r" % (max_attempts,))
        if isinstance(window, bool) or not isinstance(window, (int, float)) or not window > 0:
            raise ValueError("window must be a number > 0, got %r" % (window,))
        self.max_attempts = max_attempts
        self.window = window
        self.clock = clock
        self._rings = {}

    def _blocking_time(self, key, now):
        """Time of the attempt that blocks `key` now, or None if an attempt is allowed."""
        ring = self._rings.get(key)
        if ring is None:
            return None
        t = ring.oldest()
        if t is None or not now - t < self.window:
            return None
        return t

    def attempt(self, key):
        now = self.clock()
        if self._blocking_time(key, now) is not None:
            return False
        ring = self._rings.get(key)
        if ring is None:
            ring = self._rings[key] = _Ring(self.max_attempts)
        ring.push(now)
        return True

    def retry_after(self, key):
        now = self.clock()
        t = self._blocking_time(key, now)
        return 0.0 if t is None else float(t + self.window - now)

    def reset(self, key):
        self._rings.pop(key, None)
