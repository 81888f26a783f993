"""CHEAT (kept as a wrong solution so validate proves it fails): rejects only
the two invalid settings the check used to try (failure_threshold=0 and
reset_timeout=-1), not every failure_threshold < 1 or reset_timeout < 0 as the
prompt says. It scored full marks on `half-open-failure` before."""
import time


class CircuitOpenError(Exception):
    """Raised instead of calling the protected function while the circuit is open."""


class CircuitBreaker:
    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if not failure_threshold or reset_timeout == -1:
            raise ValueError("bad settings")
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self.clock = clock
        self._failures = 0        # consecutive failures while closed
        self._opened_at = None    # clock() when the circuit last opened; None while closed

    @property
    def state(self):
        """'closed', 'open' or 'half-open'."""
        if self._opened_at is None:
            return "closed"
        if self.clock() - self._opened_at >= self.reset_timeout:
            return "half-open"
        return "open"

    def _open(self):
        self._opened_at = self.clock()
        self._failures = 0

    def call(self, func, *args, **kwargs):
        state = self.state
        if state == "open":
            raise CircuitOpenError("circuit open: not calling the failing dependency")
        try:
            result = func(*args, **kwargs)
        except Exception:
            if state == "half-open":
                self._open()          # the trial failed: wait a full reset_timeout again
            else:
                self._failures += 1
                if self._failures >= self.failure_threshold:
                    self._open()
            raise
        # success: a half-open trial closes the circuit; a closed one resets the count
        self._opened_at = None
        self._failures = 0
        return result
