"""Login rate limiting: keeps every attempt forever and counts the recent ones."""
import time


class LoginLimiter:
    def __init__(self, max_attempts, window, clock=time.monotonic):
        if not isinstance(max_attempts, int) or isinstance(max_attempts, bool) or max_attempts < 1:
            raise ValueError("max_attempts must be an int >= 1")
        if not window > 0:
            raise ValueError("window must be > 0")
        self.max_attempts = max_attempts
        self.window = window
        self.clock = clock
        self._log = {}

    def _recent(self, key, now):
        return [t for t in self._log.get(key, []) if now - t < self.window]

    def attempt(self, key):
        now = self.clock()
        if len(self._recent(key, now)) >= self.max_attempts:
            return False
        self._log.setdefault(key, []).append(now)
        return True

    def retry_after(self, key):
        now = self.clock()
        recent = self._recent(key, now)
        if len(recent) < self.max_attempts:
            return 0.0
        return float(recent[-self.max_attempts] + self.window - now)

    def reset(self, key):
        self._log.pop(key, None)
