"""Runs the learner's tests against the correct implementation and one mutant.

usage: check_mutants.py MODULE correct
       check_mutants.py MODULE MUTANT

Two processes are started (see isolate.py). One imports tests/impl/MODULE.py
or tests/mutants/MUTANT/MODULE.py, copied under a neutral name into a fresh
temporary directory. The other runs the learner's test files with unittest
(_testrun.py) in the work directory, where `import MODULE` gives a stand-in
whose functions call the first process. The learner's tests can therefore
call the code but cannot look at it: not its source, not its bytecode, not
its file name, not this script's arguments (/proc and tests/ are closed to
them). The only way to catch a mutant is a test that checks behaviour.
"""
import glob
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from isolate import Child, ChildError  # noqa: E402
from taplib import unittest_failures  # noqa: E402

WORK = os.getcwd()
BUDGET = 4.0  # CPU seconds for one run of the learner's tests (the prompts say so)


def learner_files():
    return sorted(f for f in glob.glob(os.path.join(WORK, "*.py")) if os.path.isfile(f))


def failed_run(message):
    return {"run": 0, "skipped": 0, "failures": 0, "errors": 1, "load_errors": [], "log": message}


def run_against(module, impl_path):
    tmp = tempfile.mkdtemp(prefix="impl-")
    impl = tests = None
    try:
        shutil.copy(impl_path, os.path.join(tmp, module + ".py"))
        impl = Child(module, helpers="_impl.py", cwd=tmp, budget=5.0)
        err = impl.start()
        if err:
            return failed_run(f"the module under test could not be loaded: {err}")
        exports = impl.helper("exports")
        tests = Child(None, helpers="_testrun.py", cwd=WORK, protect=HERE, budget=BUDGET)
        err = tests.start()
        if err:
            return failed_run(f"your tests could not be started: {err}")
        try:
            with tests.budget(BUDGET, f"your tests used more than {BUDGET:g} s of CPU time"):
                summary = tests.helper("run", module, exports)
        except ChildError as exc:
            return failed_run(str(exc))
        except Exception as exc:  # noqa: BLE001
            return failed_run(f"running your tests failed: {type(exc).__name__}: {exc}")
        if type(summary) is not dict or not all(type(summary.get(k)) is int
                                                for k in ("run", "skipped", "failures", "errors")):
            return failed_run("the test run ended without a result")
        summary.setdefault("load_errors", [])
        summary.setdefault("log", "")
        return summary
    finally:
        for c in (tests, impl):
            if c is not None:
                c.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def passed(s):
    return (s["failures"] == 0 and s["errors"] == 0 and not s["load_errors"]
            and s["run"] - s["skipped"] > 0 and not s.get("timeout"))


def indent(text):
    return "\n".join("  # " + line for line in text.rstrip().splitlines())


def main():
    module, variant = sys.argv[1], sys.argv[2]
    with open(os.path.join(HERE, "mutants.json")) as f:
        descriptions = json.load(f)
    plan = 1 if variant == "correct" else 2
    print("TAP version 13")
    print(f"1..{plan}", flush=True)
    files = [os.path.basename(f) for f in learner_files()]
    tests = [f for f in files if f.startswith("test")]
    good = run_against(module, os.path.join(HERE, "impl", module + ".py"))
    ok_good = passed(good)
    if ok_good:
        print(f"ok 1 - your tests pass on the correct {module}.py ({good['run']} tests ran)")
    else:
        print(f"not ok 1 - your tests must pass on the correct {module}.py")
        if not tests:
            print(f"  # no test file found: write your tests in a file named test_{module}.py")
        elif good["run"] - good["skipped"] <= 0 and not good["errors"]:
            print(f"  # {', '.join(tests)}: no test ran. Write unittest.TestCase classes with test_* methods.")
        else:
            print(f"  # ran {good['run']} tests: {good['failures']} failed, {good['errors']} errors, "
                  f"{good['skipped']} skipped. A test that fails on the correct code is a wrong test.")
            failing = unittest_failures(good["log"])
            if failing:  # which tests failed and why, before the whole output
                print(indent(failing))
            for e in good["load_errors"]:
                if e.rstrip().splitlines()[-1:] and e.rstrip().splitlines()[-1] not in failing:
                    print(indent(e))
            print(indent(good["log"]))
    if variant != "correct":
        what = descriptions[variant]
        if not ok_good:
            print(f"not ok 2 - mutant '{variant}' not counted: your tests must first pass on the correct code")
        else:
            bad = run_against(module, os.path.join(HERE, "mutants", variant, module + ".py"))
            if passed(bad):
                print(f"not ok 2 - mutant '{variant}' survived: all your tests passed against it")
                print(f"  # this broken {module}.py {what}")
                print("  # add a test that the correct implementation passes and this one fails")
            else:
                print(f"ok 2 - your tests caught mutant '{variant}' ({bad['failures']} failures, {bad['errors']} errors)")
            sys.exit(0 if not passed(bad) else 1)
    sys.exit(0 if ok_good else 1)


if __name__ == "__main__":
    main()
