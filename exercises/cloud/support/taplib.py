"""Tiny TAP 13 helper shared by the checks of this exercise.

Usage:
    t = Tap(["case one", "case two"])      # prints the plan first
    mod = t.load("module_name")            # imports the learner's module from the work directory
    t.case(lambda: ...)                    # one call per planned test point, in order
    t.done()

A case function returns None (pass) or raises Fail("message") / AssertionError;
any other exception is reported with its type and message.

The learner's module is never imported here: load() starts it in a child
process (isolate.py) and returns a proxy, so nothing the learner's code does
(exit early, print, monkey-patch) can touch this process or the TAP stream
on stdout. The checks judge the plain values that come back.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from isolate import Child, ChildError, TooSlow  # noqa: E402,F401
except ImportError:  # a check that reads files only, with no learner code to run
    Child = None

    class ChildError(Exception):
        pass

    TooSlow = ChildError

_CHILD = []


def child():
    """The isolate.Child running the learner's module (after load)."""
    return _CHILD[0]


class Fail(Exception):
    pass


class Tap:
    def __init__(self, descriptions):
        self.descriptions = list(descriptions)
        self.n = 0
        self.failed = 0
        print("TAP version 13")
        print(f"1..{len(self.descriptions)}", flush=True)

    def _emit(self, ok, diag=None):
        desc = self.descriptions[self.n]
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {desc}")
        if not ok:
            self.failed += 1
            for line in str(diag or "failed").rstrip().splitlines():
                print(f"# {line}")
        sys.stdout.flush()

    def case(self, fn):
        try:
            fn()
        except (Fail, AssertionError) as e:
            self._emit(False, str(e) or "assertion failed")
        except ChildError as e:  # the learner's process died, hung or ran out of time
            self._emit(False, str(e))
        except Exception as e:  # learner code crashed
            where = e.__dict__.get("_rw") if hasattr(e, "__dict__") else None
            where = f" (at {where})" if where else ""
            self._emit(False, f"your code raised {type(e).__name__}: {e}{where}")
        else:
            self._emit(True)

    def fail_rest(self, message):
        while self.n < len(self.descriptions):
            self._emit(False, message)

    def load(self, name, filename=None, helpers=None, budget=2.0):
        """Start the learner's module NAME in a child process, or fail every point.

        helpers: a module in tests/ that the child loads before the learner's code."""
        filename = filename or name + ".py"
        if not os.path.isfile(filename):
            self.fail_rest(f"{filename} not found in your exercise directory")
            self.done()
        c = Child(name, helpers=helpers, budget=budget)
        _CHILD[:] = [c]
        err = c.start()
        if err:
            self.fail_rest(err.replace(f"importing {filename} failed", f"could not import {filename}"))
            self.done()
        return c.module

    def done(self):
        if self.n < len(self.descriptions):
            self.fail_rest("check did not run this test point")
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)


def show(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."
