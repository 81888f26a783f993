"""Retry with exponential backoff and full jitter. See prompt.md.

Style: a frozen dataclass BackoffPolicy validates the numbers and computes
the capped delay of attempt n directly from the formula; retry() is a while
loop that catches Exception and filters with isinstance().
"""
import random
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class BackoffPolicy:
    max_attempts: int
    base_delay: float
    max_delay: float

    def __post_init__(self):
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0:
            raise ValueError("base_delay must not be negative")
        if self.max_delay < 0:
            raise ValueError("max_delay must not be negative")

    def capped_delay(self, attempt):
        """min(max_delay, base_delay * 2 ** (attempt - 1)), safe for any attempt number."""
        try:
            raw = self.base_delay * 2 ** (attempt - 1)
        except OverflowError:               # 2 ** n too large for a float: the cap wins
            return self.max_delay
        return min(self.max_delay, raw)


def retry(func, *, max_attempts=5, base_delay=0.1, max_delay=5.0,
          retry_on=(ConnectionError, TimeoutError), sleep=time.sleep, rand=random.random):
    """Call func() until it succeeds; see prompt.md for the exact rules."""
    policy = BackoffPolicy(max_attempts, base_delay, max_delay)
    attempt = 1
    while True:
        try:
            return func()
        except Exception as exc:
            if not isinstance(exc, retry_on):
                raise
            if attempt >= policy.max_attempts:
                raise
            sleep(rand() * policy.capped_delay(attempt))
            attempt += 1
