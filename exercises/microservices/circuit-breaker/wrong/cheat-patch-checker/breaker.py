# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok".
import gc as _gc
import sys as _sys


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            for name in ("_point", "_emit", "ok"):
                original = obj.__dict__.get(name)
                if original is None:
                    continue
                if name == "_point":
                    obj._point = lambda self, ok, desc, lines=(), _o=original: _o(self, True, desc)
                elif name == "_emit":
                    obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)
                else:
                    obj.ok = lambda self, cond, desc, diag=None, _o=original: _o(self, True, desc)
    for name in ("taplib", "_tap"):
        lib = _sys.modules.get(name)
        if lib is not None and hasattr(lib, "Fail"):
            lib.Fail.__init__ = lambda self, *a: None
    main = _sys.modules.get("__main__")
    if main is not None:
        for name, value in list(vars(main).items()):
            if name.startswith(("expect", "check", "t_")) and callable(value):
                setattr(main, name, lambda *a, **k: None)


_patch()


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
