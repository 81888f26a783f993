"""CHEAT (kept as a wrong solution so validate proves it fails): checks
max_attempts but never rejects a negative base_delay or max_delay (rule 5 of
the prompt). It scored full marks before `non-retryable` tried those."""
import random
import time


def retry(func, *, max_attempts=5, base_delay=0.1, max_delay=5.0,
          retry_on=(ConnectionError, TimeoutError), sleep=time.sleep, rand=random.random):
    """Call func() until it succeeds; see prompt.md for the exact rules."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    attempt = 1
    while True:
        try:
            return func()
        except retry_on:
            if attempt >= max_attempts:
                raise  # out of attempts: the caller sees the last error, unchanged
            ceiling = min(max_delay, base_delay * 2 ** (attempt - 1))
            sleep(rand() * ceiling)  # "full jitter": anywhere between 0 and the ceiling
            attempt += 1
