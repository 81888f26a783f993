"""Login rate limiting with a sliding window: see prompt.md.

Style: one ``deque(maxlen=max_attempts)`` per key kept in a dict subclass.
Only allowed attempts are stored, and at most ``max_attempts`` of them can
ever count, so each deque is bounded by construction; expired timestamps are
also dropped from the left on every call.
"""
from __future__ import annotations

import math
import numbers
import time
from collections import deque
from typing import Callable, Deque, Hashable


class _AttemptLog(dict):
    """key -> deque of allowed-attempt times (oldest first)."""

    def __init__(self, capacity: int) -> None:
        super().__init__()
        self.capacity = capacity

    def __missing__(self, key: Hashable) -> Deque[float]:
        log: Deque[float] = deque(maxlen=self.capacity)
        self[key] = log
        return log


class LoginLimiter:
    def __init__(self, max_attempts: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 1:
            raise ValueError("max_attempts must be an int >= 1")
        if (isinstance(window, bool) or not isinstance(window, numbers.Real)
                or math.isnan(window) or not window > 0):
            raise ValueError("window must be a number > 0")
        self.max_attempts = max_attempts
        self.window = window
        self.clock = clock
        self._log = _AttemptLog(max_attempts)

    def _live(self, key: Hashable, now: float) -> Deque[float]:
        log = self._log[key]
        while log and now - log[0] >= self.window:
            log.popleft()
        return log

    def attempt(self, key: Hashable) -> bool:
        now = self.clock()
        log = self._live(key, now)
        if len(log) >= self.max_attempts:
            return False
        log.append(now)
        return True

    def retry_after(self, key: Hashable) -> float:
        now = self.clock()
        if key not in self._log:
            return 0.0
        log = self._live(key, now)
        if len(log) < self.max_attempts:
            if not log:
                del self._log[key]
            return 0.0
        return float(log[0] + self.window - now)

    def reset(self, key: Hashable) -> None:
        self._log.pop(key, None)
