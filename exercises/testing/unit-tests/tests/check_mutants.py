"""Runs the learner's tests against the correct implementation and one mutant.

usage: check_mutants.py MODULE correct
       check_mutants.py MODULE MUTANT

The learner's test files (test*.py, and any helper .py files) are copied
next to tests/impl/MODULE.py or tests/mutants/MUTANT/MODULE.py in a fresh
temporary directory, and run there with unittest in a child process.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.getcwd()


def learner_files():
    return sorted(f for f in glob.glob(os.path.join(WORK, "*.py")) if os.path.isfile(f))


def run_against(module, impl_path):
    tmp = tempfile.mkdtemp(prefix="mutants-")
    try:
        for f in learner_files():
            shutil.copy(f, tmp)
        shutil.copy(impl_path, os.path.join(tmp, module + ".py"))
        out = os.path.join(tmp, ".summary.json")
        try:
            proc = subprocess.run([sys.executable, os.path.join(HERE, "_driver.py"), tmp, out],
                                  cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10)
        except subprocess.TimeoutExpired:
            return {"timeout": True, "run": 0, "skipped": 0, "failures": 0, "errors": 1, "load_errors": [],
                    "log": "your tests ran for more than 10 seconds"}
        if not os.path.exists(out):
            return {"run": 0, "skipped": 0, "failures": 0, "errors": 1, "load_errors": [],
                    "log": (proc.stdout + proc.stderr)[-2000:] or "the test run ended without a result"}
        with open(out) as f:
            return json.load(f)
    finally:
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
            for e in good["load_errors"]:
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
