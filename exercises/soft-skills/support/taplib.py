"""Tiny TAP 13 helper shared by the checks of this exercise.

Usage:
    t = Tap(["case one", "case two"])      # prints the plan first
    mod = t.load("module_name")            # imports the learner's module from the work directory
    t.case(lambda: ...)                    # one call per planned test point, in order
    t.done()

A case function returns None (pass) or raises Fail("message") / AssertionError;
any other exception is reported with its type and message.
"""
import importlib
import os
import sys
import traceback


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
        except Exception as e:  # learner code crashed
            tb = traceback.extract_tb(e.__traceback__)
            where = ""
            for fr in reversed(tb):
                if "/tests/" not in fr.filename.replace(os.sep, "/"):
                    where = f" (at {os.path.basename(fr.filename)}:{fr.lineno})"
                    break
            self._emit(False, f"your code raised {type(e).__name__}: {e}{where}")
        else:
            self._emit(True)

    def fail_rest(self, message):
        while self.n < len(self.descriptions):
            self._emit(False, message)

    def load(self, name, filename=None):
        """Import the learner's module NAME from the work directory, or fail every point."""
        filename = filename or name + ".py"
        sys.path.insert(0, os.getcwd())
        if not os.path.isfile(filename):
            self.fail_rest(f"{filename} not found in your exercise directory")
            self.done()
        try:
            return importlib.import_module(name)
        except BaseException as e:  # SyntaxError, ImportError, SystemExit...
            self.fail_rest(f"could not import {filename}: {type(e).__name__}: {e}")
            self.done()

    def done(self):
        if self.n < len(self.descriptions):
            self.fail_rest("check did not run this test point")
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)


def show(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."
