"""Login rate limiting with a sliding window: see prompt.md."""
import time


class LoginLimiter:
    def __init__(self, max_attempts, window, clock=time.monotonic):
        self.max_attempts = max_attempts
        self.window = window
        self.clock = clock

    def attempt(self, key):
        return True  # no limit at all: an attacker's dream

    def retry_after(self, key):
        return 0.0

    def reset(self, key):
        pass
