"""Tiny TAP 13 producer shared by the checks of this exercise.

Usage:
    tap = Tap(plan)                       # prints the version line and the plan
    mod = tap.load("users")               # imports ./users.py or returns None
    tap.test("description", function)     # function raises Fail("why") on failure
    tap.finish()                          # exits 0 only if every point was ok

Anything the learner's code prints goes to stderr, so it can never corrupt
the TAP stream on stdout.
"""
import contextlib
import importlib.util
import os
import signal
import sys
import traceback

__all__ = ["Tap", "Fail", "TooSlow", "call", "short", "cpu_budget"]


class Fail(Exception):
    """Raised by a test function: the message says what was expected and what happened."""


class TooSlow(BaseException):
    """Raised inside the learner's code when a CPU budget runs out.

    A BaseException, so that an `except Exception:` in the learner's code
    cannot swallow it.
    """


@contextlib.contextmanager
def cpu_budget(seconds, message):
    """Interrupt the block with TooSlow(message) once it has used `seconds` of CPU time."""

    def expired(_signum, _frame):
        raise TooSlow(message)

    try:
        previous = signal.signal(signal.SIGVTALRM, expired)
        signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    except (OSError, ValueError, AttributeError):
        previous = None  # no interval timer here: the check's own CPU limit still applies
    try:
        yield
    finally:
        if previous is not None:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            signal.signal(signal.SIGVTALRM, previous)


def short(value, limit=200):
    """repr() of a value, shortened, with opaque objects shown by their type name."""
    text = repr(value)
    if text.startswith("<") and not isinstance(value, str):
        text = type(value).__name__
    if len(text) > limit:
        text = text[: limit - 15] + "...<truncated>"
    return text


def _where(tb):
    """The last traceback frame that lies outside tests/, as 'file.py:line'."""
    here = os.path.dirname(os.path.abspath(__file__))
    found = None
    for frame in traceback.extract_tb(tb):
        path = os.path.abspath(frame.filename)
        if not path.startswith(here + os.sep) and path.startswith(os.getcwd() + os.sep):
            found = f"{os.path.relpath(path)}:{frame.lineno}"
    return found


def call(fn, *args, label=None, **kwargs):
    """Call the learner's fn; turn any exception into a Fail naming the call."""
    if label is None:
        parts = [short(a, 80) for a in args] + [f"{k}={short(v, 80)}" for k, v in kwargs.items()]
        label = f"{getattr(fn, '__name__', 'function')}({', '.join(parts)})"
    try:
        with contextlib.redirect_stdout(sys.stderr):
            return fn(*args, **kwargs)
    except (Fail, TooSlow):
        raise
    except BaseException as exc:  # noqa: B902 - the learner's code may raise anything
        if isinstance(exc, KeyboardInterrupt):
            raise
        where = _where(exc.__traceback__)
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
            with contextlib.redirect_stdout(sys.stderr):
                fn()
        except (Fail, TooSlow) as exc:
            self._point(False, desc, [str(exc)])
            return False
        except BaseException as exc:  # noqa: B902
            if isinstance(exc, KeyboardInterrupt):
                raise
            where = _where(exc.__traceback__)
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

    def load(self, name):
        """Import ./<name>.py from the submission. On failure, fail every point and return None."""
        path = os.path.join(os.getcwd(), name + ".py")
        if os.getcwd() not in sys.path:
            sys.path.insert(1, os.getcwd())
        if not os.path.isfile(path):
            self.fail_rest(f"{name}.py not found: your submission must contain the file {name}.py")
            return None
        try:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            with contextlib.redirect_stdout(sys.stderr):
                spec.loader.exec_module(module)
        except BaseException as exc:  # noqa: B902 - SyntaxError, ImportError, SystemExit...
            if isinstance(exc, KeyboardInterrupt):
                raise
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self.fail_rest(f"importing {name}.py failed: {detail}")
            return None
        return module

    def need(self, module, *names):
        """Check the module defines the given callables; fail the rest if not."""
        missing = [n for n in names if not callable(getattr(module, n, None))]
        if missing:
            self.fail_rest(f"{module.__name__}.py does not define {', '.join(missing)}")
            return False
        return True

    def finish(self):
        if self.count < self.plan:
            self.fail_rest("the test script stopped early")
        sys.exit(1 if self.failed else 0)
