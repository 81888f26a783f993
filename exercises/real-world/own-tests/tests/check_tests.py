"""Runs the learner's test_store.py against the correct store and against broken ones (mutants).

python3 tests/check_tests.py GROUP

The suite runs in a child process (isolate.py) where `import store` gives a
stand-in that forwards every call to the store under test, which lives in
this process: the learner's tests see the store's behaviour, never its code
(no file to read or fingerprint). In each check the correct store is run
twice, at random places among the mutants, each run in a fresh process and
directory, so a suite that guesses from the order of the runs fails.
"""
import importlib.util
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from isolate import Child, ChildError  # noqa: E402
from taplib import Fail, Tap, missing, unittest_failures  # noqa: E402

MIN_TESTS = 8
RUN_BUDGET = 3.0  # CPU seconds for one run of the learner's suite

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
REFERENCE = "reference"


def load_store(kind):
    path = os.path.join(HERE, "reference_store.py" if kind == REFERENCE else os.path.join("mutants", kind + ".py"))
    spec = importlib.util.spec_from_file_location(f"store_under_test_{random.getrandbits(48):x}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Handle:
    """What the learner's stand-in UrlStore holds: the store's four methods, nothing else."""

    __slots__ = ("_s",)

    def __init__(self, s):
        self._s = s

    def shorten(self, url, code=None):
        return self._s.shorten(url) if code is None else self._s.shorten(url, code)

    def resolve(self, code):
        return self._s.resolve(code)

    def stats(self, code):
        return self._s.stats(code)

    def close(self):
        return self._s.close()


def run_suite(kind):
    """Run the learner's tests against one store; return (passed, tests run, skipped, output)."""
    mod = load_store(kind)

    def opener(path, code_length=6, random_code=None):
        if type(path) is not str or type(code_length) is not int:
            raise TypeError("UrlStore(path: str, *, code_length: int = 6, random_code=None)")
        return Handle(mod.UrlStore(path, code_length=code_length, random_code=random_code))

    api = {"open": opener, "InvalidURL": mod.InvalidURL, "InvalidCode": mod.InvalidCode, "CodeTaken": mod.CodeTaken}
    work = tempfile.mkdtemp(prefix="suite-")
    for name in os.listdir("."):
        if name in ("tests", "store.py") or not name.endswith(".py") or not os.path.isfile(name) \
                or os.path.islink(name):
            continue
        shutil.copy(name, os.path.join(work, name))
    child = Child(None, helpers="_suite.py", cwd=work, protect=HERE)
    try:
        err = child.start()
        if err:
            return False, 0, 0, err
        try:
            with child.budget(RUN_BUDGET, f"your test suite used more than {RUN_BUDGET:g} s of CPU time"):
                res = child.helper("run", api)
        except ChildError as exc:
            return False, 0, 0, str(exc)
        except Exception as exc:  # noqa: BLE001 - raised in the learner's process
            return False, 0, 0, f"running the suite raised {type(exc).__name__}: {exc}"
    finally:
        child.stop()
        shutil.rmtree(work, ignore_errors=True)
    if type(res) is not dict:
        return False, 0, 0, "the test run did not report a result"
    ran, ok, skipped, out = res.get("ran"), res.get("ok"), res.get("skipped"), res.get("out")
    if type(ran) is not int or type(ok) is not bool or type(skipped) is not int or type(out) is not str:
        return False, 0, 0, "the test run did not report a result"
    return ok, ran, skipped, out


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
        t.fail_rest(missing("test_store.py"))
        t.finish()
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    order = [REFERENCE, REFERENCE] + ([] if group == "runs" else list(GROUPS[group]))
    rng.shuffle(order)
    results = {}
    refs = []
    for kind in order:
        r = run_suite(kind)
        if kind == REFERENCE:
            refs.append(r)
        else:
            results[kind] = r
    bad = [r for r in refs if not r[0]]
    ok = not bad
    ref = bad[0] if bad else refs[0]
    if group == "runs":
        def passes():
            if not ok:
                failing = unittest_failures(ref[3])  # which tests failed and why, before the whole output
                raise Fail("your tests must pass on a correct store.py, but they fail:\n"
                           + (failing + "\n\nthe whole output:\n" if failing else "") + tail(ref[3]))

        def enough():
            ran = min(r[1] for r in refs)
            skipped = max(r[2] for r in refs)
            if ran < MIN_TESTS or skipped:
                raise Fail(f"expected at least {MIN_TESTS} tests and no skipped ones; unittest ran {ran} tests, "
                           f"{skipped} skipped")

        t.case(passes)
        t.case(enough)
        t.finish()
    for m in GROUPS[group]:
        def kill(m=m):
            if not ok:
                raise Fail("your tests fail on the correct store.py, so they cannot tell a broken store from a good one; "
                           "make them pass first (see the check of that name)")
            if results[m][0]:
                raise Fail(f"your tests still pass when store.py has this bug: {MUTANTS[m]}.\n"
                           "Add a test that fails on it.")
        t.case(kill)
    t.finish()


main()
