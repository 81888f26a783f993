"""Tiny TAP 13 helper shared by the checks of this exercise.

The learner's module is never imported here: load() starts it in a child
process (isolate.py) and returns a proxy, so nothing the learner's code does
(exit early, print, monkey-patch) can touch this process or the TAP stream
on stdout. The checks judge the plain values that come back.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolate import Child, ChildError, TooSlow  # noqa: E402,F401

_CHILD = []


class Tap:
    def __init__(self, plan):
        self.plan = plan
        self.n = 0
        self.failed = 0
        print("TAP version 13")
        print(f"1..{plan}", flush=True)

    def ok(self, cond, desc, diag=None):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {desc}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {desc}")
            if diag:
                for line in str(diag).splitlines():
                    print(f"  # {line}")
        sys.stdout.flush()
        return cond

    def check(self, desc, fn):
        """Run fn(); it returns None (pass) or a diagnostic string (fail)."""
        try:
            diag = fn()
        except ChildError as exc:  # the learner's process died, hung or ran out of time
            diag = str(exc)
        except Exception as exc:  # the learner's code raised
            where = exc.__dict__.get("_rw") if hasattr(exc, "__dict__") else None
            where = f" (at {where})" if where else ""
            diag = f"unexpected exception {type(exc).__name__}: {exc}{where}"
        return self.ok(diag is None, desc, diag)

    def fail_rest(self, reason):
        while self.n < self.plan:
            self.ok(False, "not checked: " + reason.splitlines()[0] if reason else "not checked", reason)

    def done(self):
        self.fail_rest("test plan was not completed")
        sys.exit(1 if self.failed else 0)


def load(module, tap, helpers=None, budget=2.0):
    """Start the learner's module in a child process; on failure mark every point as failed.

    helpers: a module in tests/ that the child loads before the learner's code,
    for checks that must look inside the learner's process."""
    c = Child(module, helpers=helpers, budget=budget)
    _CHILD[:] = [c]
    err = c.start()
    if err:
        tap.fail_rest(err)
        tap.done()
    return c.module


def child():
    """The isolate.Child running the learner's module (after load)."""
    return _CHILD[0]
