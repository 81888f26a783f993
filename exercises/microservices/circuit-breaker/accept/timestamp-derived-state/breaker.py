"""A circuit breaker with an injectable clock. See prompt.md.

Style: no stored state name at all. The breaker keeps only the number of
consecutive failures and the time it opened (None while closed); the state
is *derived* from those on every read, so open -> half-open needs no event.
"""
import time


class CircuitOpenError(Exception):
    """Raised instead of calling the protected function while the circuit is open."""


CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    __slots__ = ("failure_threshold", "reset_timeout", "clock", "_failures", "_opened_at")

    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if reset_timeout < 0:
            raise ValueError("reset_timeout must not be negative")
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self.clock = clock
        self._failures = 0
        self._opened_at = None

    @property
    def state(self):
        """'closed', 'open' or 'half-open'."""
        if self._opened_at is None:
            return CLOSED
        if self.clock() - self._opened_at >= self.reset_timeout:
            return HALF_OPEN
        return OPEN

    def call(self, func, *args, **kwargs):
        state = self.state
        if state == OPEN:
            raise CircuitOpenError("circuit is open; not calling %s" % getattr(func, "__name__", func))
        try:
            result = func(*args, **kwargs)
        except Exception:
            if state == HALF_OPEN:
                self._opened_at = self.clock()          # the trial failed: open again now
            else:
                self._failures += 1
                if self._failures >= self.failure_threshold:
                    self._opened_at = self.clock()
            raise
        self._failures = 0
        self._opened_at = None
        return result
