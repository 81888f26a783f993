"""Runs the learner's test_store.py against the correct store and against broken ones (mutants).

python3 tests/check_tests.py GROUP
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from taplib import Fail, Tap  # noqa: E402

MIN_TESTS = 8
RUN_TIMEOUT = 30  # seconds of wall-clock time for one run of the learner's suite

MUTANTS = {
    "accepts-any-scheme": "shorten() accepts any scheme, e.g. ftp://example.com/f or javascript:alert(1)",
    "accepts-missing-host": "shorten() accepts URLs without a host, e.g. http:// or http:///path",
    "unchecked-custom-code": "shorten(url, code) accepts any custom code, e.g. 'a b', 'ab' or 'api'",
    "in-memory": "the links are kept in memory: a new UrlStore on the same file sees nothing",
    "hits-not-counted": "resolve() does not count hits, so stats() always shows 0",
    "unknown-raises": "resolve() of an unknown code raises KeyError instead of returning None",
    "no-dedupe": "shortening the same URL twice creates a second code",
    "collision-overwrites": "a random code that collides with an existing one overwrites that link",
    "custom-overwrites": "a taken custom code silently replaces the existing link instead of raising CodeTaken",
}
GROUPS = {
    "validation": ["accepts-any-scheme", "accepts-missing-host", "unchecked-custom-code"],
    "storage": ["in-memory", "hits-not-counted", "unknown-raises", "no-dedupe"],
    "conflicts": ["collision-overwrites", "custom-overwrites"],
}


def run_suite(store_file):
    """Run the learner's tests with store_file as store.py; return (passed, tests run, skipped, output)."""
    work = tempfile.mkdtemp(prefix="suite-")
    for name in os.listdir("."):
        if name in ("tests", "store.py") or not name.endswith(".py") or not os.path.isfile(name):
            continue
        shutil.copy(name, os.path.join(work, name))
    shutil.copy(store_file, os.path.join(work, "store.py"))
    try:
        p = subprocess.run([sys.executable, "-m", "unittest", "-v", "test_store"], cwd=work,
                           capture_output=True, text=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, 0, 0, f"your test suite did not finish within {RUN_TIMEOUT} s"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = p.stdout + p.stderr
    ran = re.search(r"^Ran (\d+) tests?", out, re.M)
    skipped = re.search(r"skipped=(\d+)", out)
    return p.returncode == 0, int(ran.group(1)) if ran else 0, int(skipped.group(1)) if skipped else 0, out


def tail(text, n=25):
    lines = text.strip().splitlines()
    return "\n".join(lines[-n:])


def main():
    group = sys.argv[1]
    if group == "runs":
        t = Tap(["test_store.py passes on the correct store", f"test_store.py has at least {MIN_TESTS} tests, none skipped"])
    else:
        t = Tap([f"your tests catch the bug: {MUTANTS[m]}" for m in GROUPS[group]])
    if not os.path.isfile("test_store.py"):
        t.fail_rest("test_store.py not found in your exercise directory")
        t.done()
    ok, ran, skipped, out = run_suite(os.path.join(HERE, "reference_store.py"))
    if group == "runs":
        def passes():
            if not ok:
                raise Fail("your tests must pass on a correct store.py, but they fail:\n" + tail(out))

        def enough():
            if ran < MIN_TESTS or skipped:
                raise Fail(f"expected at least {MIN_TESTS} tests and no skipped ones; unittest ran {ran} tests, "
                           f"{skipped} skipped")

        t.case(passes)
        t.case(enough)
        t.done()
    for m in GROUPS[group]:
        def kill(m=m):
            if not ok:
                raise Fail("your tests fail on the correct store.py, so they cannot tell a broken store from a good one; "
                           "make them pass first (see the check of that name)")
            killed, _, _, mout = run_suite(os.path.join(HERE, "mutants", m + ".py"))
            if killed:
                raise Fail(f"your tests still pass when store.py has this bug: {MUTANTS[m]}.\n"
                           "Add a test that fails on it.")
        t.case(kill)
    t.done()


main()
