"""A circuit breaker with an injectable clock. See prompt.md."""
import time


class CircuitOpenError(Exception):
    """Raised instead of calling the protected function while the circuit is open."""


class CircuitBreaker:
    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self.clock = clock

    @property
    def state(self):
        """'closed', 'open' or 'half-open'."""
        return "closed"

    def call(self, func, *args, **kwargs):
        return func(*args, **kwargs)
