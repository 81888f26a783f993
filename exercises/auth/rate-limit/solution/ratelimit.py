"""Login rate limiting with a sliding-window log and an injectable clock."""
import time
from collections import deque


class LoginLimiter:
    def __init__(self, max_attempts, window, clock=time.monotonic):
        if not isinstance(max_attempts, int) or isinstance(max_attempts, bool) or max_attempts < 1:
            raise ValueError("max_attempts must be an int >= 1")
        if not window > 0:
            raise ValueError("window must be > 0")
        self.max_attempts = max_attempts
        self.window = window
        self.clock = clock
        self._log = {}  # key -> deque of times of allowed attempts, oldest first

    def _counted(self, key, now):
        """The attempts of `key` that still count at `now` (older ones are dropped)."""
        log = self._log.get(key)
        if log is None:
            return ()
        while log and now - log[0] >= self.window:
            log.popleft()
        if not log:
            del self._log[key]
            return ()
        return log

    def attempt(self, key):
        now = self.clock()
        if len(self._counted(key, now)) >= self.max_attempts:
            return False
        self._log.setdefault(key, deque()).append(now)
        return True

    def retry_after(self, key):
        now = self.clock()
        log = self._counted(key, now)
        if len(log) < self.max_attempts:
            return 0.0
        # Only the newest max_attempts entries are ever kept, so log[0] is
        # the one whose expiry frees a slot.
        return float(log[0] + self.window - now)

    def reset(self, key):
        self._log.pop(key, None)
