"""Login rate limiting with fixed windows."""
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
        self._counts = {}  # key -> (bucket, count)

    def _bucket(self):
        return int(self.clock() // self.window)

    def attempt(self, key):
        bucket = self._bucket()
        b, count = self._counts.get(key, (bucket, 0))
        if b != bucket:
            count = 0
        if count >= self.max_attempts:
            return False
        self._counts[key] = (bucket, count + 1)
        return True

    def retry_after(self, key):
        bucket = self._bucket()
        b, count = self._counts.get(key, (bucket, 0))
        if b != bucket or count < self.max_attempts:
            return 0.0
        return float((bucket + 1) * self.window - self.clock())

    def reset(self, key):
        self._counts.pop(key, None)
