"""Retry with exponential backoff and full jitter. See prompt.md.

Style: the capped backoff schedule is a generator zipped with the attempt
numbers in a for loop; doubling stops once the cap is reached, so very large
max_attempts never overflow a float.
"""
from __future__ import annotations

import random
import time
from typing import Any, Callable, Iterator, Tuple, Type, TypeVar, Union

T = TypeVar("T")
ExcTypes = Union[Type[BaseException], Tuple[Type[BaseException], ...]]


def capped_delays(base_delay: float, max_delay: float) -> Iterator[float]:
    """min(max_delay, base_delay * 2 ** k) for k = 0, 1, 2, ..."""
    delay = base_delay
    while delay < max_delay:
        yield delay
        delay = delay * 2
    while True:
        yield max_delay


def _as_tuple(retry_on: Any) -> Tuple[Type[BaseException], ...]:
    if isinstance(retry_on, type):
        return (retry_on,)
    return tuple(retry_on)


def retry(func: Callable[[], T], *, max_attempts: int = 5, base_delay: float = 0.1,
          max_delay: float = 5.0, retry_on: ExcTypes = (ConnectionError, TimeoutError),
          sleep: Callable[[float], Any] = time.sleep,
          rand: Callable[[], float] = random.random) -> T:
    """Call func() until it succeeds; see prompt.md for the exact rules."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be >= 1")
    if base_delay < 0 or max_delay < 0:
        raise ValueError("base_delay and max_delay must not be negative")
    retryable = _as_tuple(retry_on)

    schedule = capped_delays(base_delay, max_delay)
    for attempt in range(1, max_attempts + 1):
        try:
            return func()
        except retryable as exc:
            if attempt == max_attempts:
                raise exc
            sleep(rand() * next(schedule))
    raise AssertionError("unreachable")  # pragma: no cover
