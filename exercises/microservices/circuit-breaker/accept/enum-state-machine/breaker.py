"""A circuit breaker with an injectable clock. See prompt.md.

Style: an Enum for the states, a single `_refresh()` that applies the
time-based transition (open -> half-open), and small `_on_success` /
`_on_failure` transition methods. The public `state` is the Enum's string
value.
"""
from __future__ import annotations

import enum
import numbers
import time
from typing import Any, Callable, Optional


class CircuitOpenError(Exception):
    """Raised instead of calling the protected function while the circuit is open."""


class _State(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitBreaker:
    def __init__(self, failure_threshold: int = 5, reset_timeout: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not isinstance(failure_threshold, numbers.Real) or failure_threshold < 1:
            raise ValueError("failure_threshold must be >= 1")
        if not isinstance(reset_timeout, numbers.Real) or reset_timeout < 0:
            raise ValueError("reset_timeout must be >= 0")
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self.clock = clock
        self._state = _State.CLOSED
        self._failures = 0
        self._opened_at: Optional[float] = None

    # -- transitions ------------------------------------------------------
    def _refresh(self) -> _State:
        if self._state is _State.OPEN and self.clock() - self._opened_at >= self.reset_timeout:
            self._state = _State.HALF_OPEN
        return self._state

    def _trip(self) -> None:
        self._state = _State.OPEN
        self._opened_at = self.clock()

    def _on_success(self) -> None:
        self._state = _State.CLOSED
        self._failures = 0

    def _on_failure(self, was: _State) -> None:
        if was is _State.HALF_OPEN:
            self._trip()
            return
        self._failures += 1
        if self._failures >= self.failure_threshold:
            self._trip()

    # -- public API -------------------------------------------------------
    @property
    def state(self) -> str:
        """'closed', 'open' or 'half-open'."""
        return self._refresh().value

    def call(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        current = self._refresh()
        if current is _State.OPEN:
            remaining = self.reset_timeout - (self.clock() - self._opened_at)
            raise CircuitOpenError(f"circuit open; next trial in {remaining:.3f}s")
        try:
            result = func(*args, **kwargs)
        except Exception:
            self._on_failure(current)
            raise
        self._on_success()
        return result
