"""Runs inside the learner's process (see isolate.py): runs the learner's unittest tests.

The module under test is not in this process. It runs in a process of its
own, and this one gets a stand-in module whose functions and classes call
it: the learner's tests can call the code, pass it Mock objects and catch
its exceptions, but cannot read its source, its bytecode or its file name.
So the only way to tell the correct code from a mutant is to test how it
behaves. The checker receives the counts and decides.
"""
import io
import os
import sys
import types
import unittest

import unittest.mock  # noqa: F401 - loaded before the guard, for the learner's tests


def run(module_name, exports):
    """Install the stand-in module, discover test*.py in the working directory and run them."""
    stand_in = types.ModuleType(module_name, f"the {module_name} module under test (it runs in another process)")
    for name, value in exports.items():
        setattr(stand_in, name, value)
    stand_in.__all__ = sorted(exports)
    sys.modules[module_name] = stand_in
    here = os.getcwd()
    loader = unittest.TestLoader()
    stream = io.StringIO()
    summary = {"run": 0, "skipped": 0, "failures": 0, "errors": 0, "load_errors": [], "log": ""}
    try:
        suite = loader.discover(here, pattern="test*.py", top_level_dir=here)
        result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
        summary.update(run=result.testsRun, skipped=len(result.skipped), failures=len(result.failures),
                       errors=len(result.errors), unexpected_successes=len(result.unexpectedSuccesses),
                       load_errors=[str(e)[-500:] for e in getattr(loader, "errors", [])])
    except BaseException as exc:  # noqa: B902 - a test file that calls sys.exit() or worse
        summary["errors"] += 1
        summary["load_errors"].append(f"{type(exc).__name__}: {exc}")
    summary["log"] = stream.getvalue()[-3000:]
    return summary
