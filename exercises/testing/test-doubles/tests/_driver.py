"""Runs the learner's unittest tests in DIR and writes a JSON summary to OUT.

usage: python3 _driver.py DIR OUT   (run by check_mutants.py, in a child process)
"""
import io
import json
import os
import sys
import unittest

directory, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
sys.path.insert(0, directory)
os.chdir(directory)

loader = unittest.TestLoader()
stream = io.StringIO()
summary = {"run": 0, "skipped": 0, "failures": 0, "errors": 0, "load_errors": [], "log": ""}
try:
    suite = loader.discover(directory, pattern="test*.py", top_level_dir=directory)
    result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    summary.update(run=result.testsRun, skipped=len(result.skipped), failures=len(result.failures),
                   errors=len(result.errors), unexpected_successes=len(result.unexpectedSuccesses),
                   load_errors=[str(e)[-500:] for e in getattr(loader, "errors", [])])
except BaseException as exc:  # a test file that calls sys.exit() or worse
    summary["errors"] += 1
    summary["load_errors"].append(f"{type(exc).__name__}: {exc}")
summary["log"] = stream.getvalue()[-3000:]
with open(out, "w") as f:
    json.dump(summary, f)
