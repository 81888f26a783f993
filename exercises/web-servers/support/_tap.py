"""Tiny TAP 13 helper shared by the checks of this exercise."""
import importlib
import os
import sys
import traceback

# The learner's files live in the check's working directory.
if os.getcwd() not in sys.path:
    sys.path.insert(1, os.getcwd())


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
        except Exception as exc:  # the learner's code raised
            tb = traceback.extract_tb(exc.__traceback__)
            where = f" (at {os.path.basename(tb[-1].filename)}:{tb[-1].lineno})" if tb else ""
            diag = f"unexpected exception {type(exc).__name__}: {exc}{where}"
        return self.ok(diag is None, desc, diag)

    def fail_rest(self, reason):
        while self.n < self.plan:
            self.ok(False, "not checked: " + reason.splitlines()[0] if reason else "not checked", reason)

    def done(self):
        self.fail_rest("test plan was not completed")
        sys.exit(1 if self.failed else 0)


def load(module, tap):
    """Import the learner's module; on failure mark every point as failed."""
    path = os.path.join(os.getcwd(), module + ".py")
    if not os.path.isfile(path):
        tap.fail_rest(f"{module}.py not found in your submission")
        tap.done()
    try:
        return importlib.import_module(module)
    except BaseException as exc:  # SyntaxError, NotImplementedError at import, SystemExit...
        tap.fail_rest(f"importing {module}.py failed: {type(exc).__name__}: {exc}")
        tap.done()
