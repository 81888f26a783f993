"""Tiny TAP 13 producer shared by the checks of this exercise.

Usage:
    tap = Tap(plan)                       # prints the version line and the plan
    mod = tap.load("users")               # imports ./users.py or returns None
    tap.test("description", function)     # function raises Fail("why") on failure
    tap.finish()                          # exits 0 only if every point was ok

The learner's module is never imported here: tap.load() starts it in a
child process (isolate.py) and returns a proxy, so nothing the learner's
code does (exit early, print, monkey-patch) can touch this process or the
TAP stream on stdout. The checks judge the plain values that come back.
"""
import contextlib
import os
import sys

from isolate import Child, ChildError, TooSlow

__all__ = ["Tap", "Fail", "TooSlow", "ChildError", "call", "short", "cpu_budget", "child"]


class Fail(Exception):
    """Raised by a test function: the message says what was expected and what happened."""


_CHILD = []  # the learner's process, once tap.load() started it


def cpu_budget(seconds, message):
    """Stop the learner's code with TooSlow(message) once it has used `seconds` of CPU time."""
    if not _CHILD:
        return contextlib.nullcontext()
    return _CHILD[0].budget(seconds, message)


def child():
    """The isolate.Child running the learner's module (after tap.load)."""
    return _CHILD[0]


def short(value, limit=200):
    """repr() of a value, shortened, with opaque objects shown by their type name."""
    text = repr(value)
    if text.startswith("<") and not isinstance(value, str):
        text = type(value).__name__
    if len(text) > limit:
        text = text[: limit - 15] + "...<truncated>"
    return text


def _where(exc):
    """Where in the learner's files the exception was raised, as 'file.py:line'."""
    try:
        return exc.__dict__.get("_rw")
    except AttributeError:
        return None


def call(fn, *args, label=None, **kwargs):
    """Call the learner's fn; turn any exception into a Fail naming the call."""
    if label is None:
        parts = [short(a, 80) for a in args] + [f"{k}={short(v, 80)}" for k, v in kwargs.items()]
        label = f"{getattr(fn, '__name__', 'function')}({', '.join(parts)})"
    try:
        return fn(*args, **kwargs)
    except (Fail, TooSlow):
        raise
    except ChildError as exc:
        raise Fail(f"{label}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
        where = _where(exc)
        at = f" (at {where})" if where else ""
        raise Fail(f"{label} raised {type(exc).__name__}: {exc}{at}") from None


class Tap:
    def __init__(self, plan):
        self.plan = plan
        self.count = 0
        self.failed = 0
        print("TAP version 13")
        print(f"1..{plan}", flush=True)

    def _point(self, ok, desc, lines=()):
        self.count += 1
        desc = desc.replace("#", "\\#").replace("\n", " ")
        if ok:
            print(f"ok {self.count} - {desc}")
        else:
            self.failed += 1
            print(f"not ok {self.count} - {desc}")
            for line in lines:
                for sub in str(line).splitlines() or [""]:
                    print(f"  # {sub}")
        sys.stdout.flush()

    def test(self, desc, fn):
        """Run one test point. fn() passes by returning, fails by raising Fail."""
        try:
            fn()
        except (Fail, ChildError) as exc:
            self._point(False, desc, [str(exc)])
            return False
        except Exception as exc:  # noqa: BLE001
            where = _where(exc)
            at = f" (at {where})" if where else ""
            self._point(False, desc, [f"unexpected {type(exc).__name__}: {exc}{at}"])
            return False
        self._point(True, desc)
        return True

    def fail_rest(self, reason):
        """Report every remaining point as not ok (e.g. the module could not be imported)."""
        first = True
        while self.count < self.plan:
            self._point(False, f"not run: {reason.splitlines()[0]}", [reason] if first else [])
            first = False

    def load(self, name, helpers=None, budget=2.0):
        """Start ./<name>.py in a child process and return a proxy of the module.

        helpers: a module in tests/ that the child loads before the learner's
        code, for checks that must look inside the learner's process.
        On failure, fail every point and return None."""
        c = Child(name, helpers=helpers, budget=budget)
        _CHILD[:] = [c]
        err = c.start()
        if err:
            self.fail_rest(err)
            return None
        return c.module

    def need(self, module, *names):
        """Check the module defines the given callables; fail the rest if not."""
        try:
            missing = [n for n in names if not callable(getattr(module, n, None))]
        except ChildError as exc:
            self.fail_rest(str(exc))
            return False
        if missing:
            self.fail_rest(f"{module.__name__}.py does not define {', '.join(missing)}")
            return False
        return True

    def finish(self):
        if self.count < self.plan:
            self.fail_rest("the test script stopped early")
        sys.exit(1 if self.failed else 0)
