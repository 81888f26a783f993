"""The TAP producer every pack's checks share (canonical copy: checklib/ at
the top of the roadmap-run repository; `make sync-support` copies it into
each pack's support/, and `make check` fails when a copy differs).

    tap = Tap(3)                          # or Tap(["desc 1", "desc 2", ...])
    mod = tap.load("users")               # ./users.py, run in a child process
    tap.test("description", fn)           # fn() passes by returning None
    tap.case(fn)                          # same, with the next description given to Tap()
    tap.ok(cond, "description", diag)     # a point decided by the checker itself
    tap.finish()                          # exits 0 only if every point was ok

A test function fails by raising Fail("why") or AssertionError, or by
returning a string that says why. An exception of the learner's code is
reported with its class, message and place; a dead or hung learner process
with what happened to it.

The learner's module is never imported here: load() starts it in a child
process (isolate.py) and returns a proxy, so nothing the learner's code does
(exit early, print fake TAP, monkey-patch this module) can reach this process
or the TAP stream on stdout.

Descriptions are escaped as TAP 14 asks (`\\` and `#`), so a value of the
learner's shown in a description can never add a `# TODO` or `# SKIP`
directive, and newlines become spaces, so it can never start a line.
"""
import contextlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolate import Child, ChildError, TooSlow, by_ref, missing  # noqa: E402,F401

__all__ = ["Tap", "Fail", "TooSlow", "ChildError", "call", "short", "describe", "cpu_budget",
           "child", "escape", "by_ref", "missing", "unittest_failures"]


class Fail(Exception):
    """Raised by a test function: the message says what was expected and what happened."""


_CHILD = []  # the learner's process, once Tap.load() or Tap.start() started it


def child():
    """The isolate.Child running the learner's module (after Tap.load or Tap.start)."""
    return _CHILD[0]


def cpu_budget(seconds, message):
    """Stop the learner's code with TooSlow(message) once it has used `seconds` of CPU time."""
    if not _CHILD:
        return contextlib.nullcontext()
    return _CHILD[0].budget(seconds, message)


def escape(text):
    """A TAP 14 description: backslash and '#' escaped, on one line."""
    text = str(text).replace("\\", "\\\\").replace("#", "\\#")
    return "".join(" " if c in "\r\n\t\v\f" else "?" if ord(c) < 32 or ord(c) == 127 else c for c in text)


def short(value, limit=200):
    """repr() of a value, shortened; an opaque object is shown by its own type's name."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a learner's __repr__ may raise
        text = "<" + type(value).__name__ + ">"
    if text.startswith("<") and not isinstance(value, str):
        text = f"<{type(value).__name__} object>"
    if len(text) > limit:
        text = text[: limit - 15] + "...<truncated>"
    return text


def describe(value, limit=200):
    """A value for a message: its repr and its type's name, e.g. `4900.0 (float)`, so two
    values that print alike but differ in type (4900.0 and 4900) are told apart."""
    return f"{short(value, limit)} ({type(value).__name__})"


def _where(exc):
    """Where in the learner's files the exception was raised, as 'file.py:line' (set by isolate.py)."""
    try:
        return exc.__dict__.get("_rw")
    except AttributeError:
        return None


def _learners(exc):
    try:
        return "_rr" in exc.__dict__
    except AttributeError:
        return False


def _raised(exc):
    where = _where(exc)
    at = f" (at {where})" if where else ""
    who = "your code raised" if _learners(exc) else "unexpected"
    return f"{who} {type(exc).__name__}: {exc}{at}"


def unittest_failures(log, limit=3):
    """The failing tests of a unittest run, from its text output, for a message that leads with them.

    One line per failing test (unittest's "FAIL: name (id) [subtest]"), then the exception that
    ended it and the last line of the learner's own files it went through, so the learner sees
    which test failed and why before the full output; the checker's own frames are not named.
    Returns "" when the output holds no FAIL or ERROR block."""
    blocks, current = [], None
    for line in log.splitlines():
        if line.startswith(("FAIL: ", "ERROR: ")):
            current = [line]
            blocks.append(current)
        elif line.startswith(("=" * 20, "-" * 20)) or line.startswith("Ran "):
            if current is not None and len(current) > 1 and not line.startswith("-"):
                current = None
        elif current is not None:
            current.append(line)
    out = []
    for block in blocks[:limit]:
        head, body = block[0], [b for b in block[1:] if b.strip()]
        where = None
        for b in body:
            b = b.strip()
            if b.startswith('File "'):
                path = b[6:].split('"', 1)[0]
                if "/tests/" not in path and "/lib/python" not in path and not path.startswith("<"):
                    where = f"{os.path.basename(path)} line {b.rsplit('line ', 1)[-1].split(',')[0]}"
        last = next((b.strip() for b in reversed(body) if b[:1] not in (" ", "\t") and b.strip()), "")
        out.append(head + (f": {last}" if last else "") + (f" (at {where})" if where else ""))
    if len(blocks) > limit:
        out.append(f"... and {len(blocks) - limit} more")
    return "\n".join(out)


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
        raise Fail(f"{label} raised {type(exc).__name__}: {exc}"
                   + (f" (at {_where(exc)})" if _where(exc) else "")) from None


class Tap:
    def __init__(self, plan):
        """plan: the number of test points, or the list of their descriptions (for case())."""
        self.descriptions = None if isinstance(plan, int) else [str(d) for d in plan]
        self.plan = plan if self.descriptions is None else len(self.descriptions)
        self.count = 0
        self.failed = 0
        print("TAP version 13")
        print(f"1..{self.plan}", flush=True)

    def ok(self, cond, desc, diag=None):
        """Print one test point; diag (any text) is shown under a failing one. Returns cond."""
        self.count += 1
        if cond:
            print(f"ok {self.count} - {escape(desc)}")
        else:
            self.failed += 1
            print(f"not ok {self.count} - {escape(desc)}")
            for line in str(diag if diag is not None else "failed").rstrip().splitlines() or [""]:
                print(f"  # {line}")
        sys.stdout.flush()
        return bool(cond)

    def test(self, desc, fn):
        """Run one test point: fn() passes by returning None (or anything but a string)."""
        try:
            diag = fn()
            if not isinstance(diag, str):
                diag = None
        except (Fail, AssertionError) as exc:
            diag = str(exc) or "assertion failed"
        except ChildError as exc:  # the learner's process died, hung or ran out of time
            diag = str(exc)
        except Exception as exc:  # noqa: BLE001 - the learner's code raised, in its own process
            diag = _raised(exc)
        return self.ok(diag is None, desc, diag)

    def case(self, fn):
        """test() with the next description of the list given to Tap()."""
        return self.test(self.descriptions[self.count], fn)

    def fail_rest(self, reason):
        """Report every remaining point as not ok (e.g. the module could not be started)."""
        reason = str(reason) or "not run"
        first = True
        while self.count < self.plan:
            desc = (self.descriptions[self.count] if self.descriptions
                    else f"not run: {reason.splitlines()[0]}")
            self.ok(False, desc, reason if first or self.descriptions else None)
            first = False

    def start(self, name, needs=(), helpers=None, budget=2.0):
        """Start ./<name>.py in a child process (isolate.Child) and check it defines the
        callables `needs`. When it cannot, fail every point and exit.

        helpers: a module in tests/ that the child loads before the learner's code,
        for checks that must look inside the learner's process."""
        c = Child(name, helpers=helpers, budget=budget)
        _CHILD[:] = [c]
        self.module_name = name
        err = c.start()
        if err:
            self.fail_rest(err)
            self.finish()
        if needs and not self.need(c.module, *needs):
            self.finish()
        return c

    def load(self, name, helpers=None, budget=2.0):
        """The learner's module ./<name>.py, running in a child process (see start())."""
        return self.start(name, helpers=helpers, budget=budget).module

    def need(self, module, *names):
        """True if the module defines the given callables; else fail the rest and return False."""
        missing = []
        for n in names:
            try:
                value = getattr(module, n)
            except ChildError as exc:
                self.fail_rest(str(exc))
                return False
            except Exception:  # noqa: BLE001 - AttributeError or anything the module raised
                value = None
            if not callable(value):
                missing.append(n)
        if missing:
            self.fail_rest(f"{getattr(self, 'module_name', 'your module')}.py does not define {', '.join(missing)}")
            return False
        return True

    def finish(self):
        """Fail the points not run, and exit: 0 only if every point was ok."""
        if self.count < self.plan:
            self.fail_rest("the check stopped before this point")
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)
