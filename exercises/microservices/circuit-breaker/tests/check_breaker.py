"""Checks for breaker.py. python3 tests/check_breaker.py GROUP"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, short, describe  # noqa: E402


class Clock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


class Dependency:
    """A fake downstream service: `fail` decides whether the next call fails."""

    def __init__(self):
        self.calls = 0
        self.fail = False
        self.last_error = None

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.fail:
            self.last_error = ConnectionError(f"dependency down (call {self.calls})")
            raise self.last_error
        return ("ok", args, kwargs)


def attempt(cb, dep, *args, **kwargs):
    """Return 'ok', 'error' (the dependency's error came through) or 'open' (CircuitOpenError)."""
    try:
        cb.call(dep, *args, **kwargs)
        return "ok"
    except ConnectionError as e:
        if e is not dep.last_error:
            raise Fail(f"the dependency's exception must propagate unchanged; got a different {e!r}")
        return "error"


def setup(mod, threshold=3, timeout=30.0):
    clock = Clock()
    cb = mod.CircuitBreaker(failure_threshold=threshold, reset_timeout=timeout, clock=clock)
    return cb, clock, Dependency()


def expect_state(cb, want, context):
    got = cb.state
    if got != want:
        raise Fail(f"{context}: expected state {want!r}, got {describe(got)}")


def expect_rejected(mod, cb, dep, context):
    before = dep.calls
    try:
        cb.call(dep)
    except mod.CircuitOpenError:
        pass
    except Exception as e:
        raise Fail(f"{context}: expected CircuitOpenError, got {type(e).__name__}: {e}")
    else:
        raise Fail(f"{context}: expected CircuitOpenError, but the call went through")
    if dep.calls != before:
        raise Fail(f"{context}: the circuit is open, so the dependency must not be called; it was")


def open_it(mod, threshold=3, timeout=30.0):
    cb, clock, dep = setup(mod, threshold, timeout)
    dep.fail = True
    for _ in range(threshold):
        attempt(cb, dep)
    expect_state(cb, "open", f"after {threshold} consecutive failures (failure_threshold={threshold})")
    return cb, clock, dep


def group_closed(mod):
    def passes():
        cb, _, dep = setup(mod)
        r = cb.call(dep, 1, 2, key="v")
        if r != ("ok", (1, 2), {"key": "v"}):
            raise Fail(f"call(func, 1, 2, key='v') must return func(1, 2, key='v'); got {describe(r)}")
        expect_state(cb, "closed", "a new breaker after a successful call")

    def propagates():
        cb, _, dep = setup(mod)
        dep.fail = True
        r = attempt(cb, dep)
        if r != "error":
            raise Fail(f"a failing call while closed must re-raise the dependency's exception; got {r}")

    def below_threshold():
        cb, _, dep = setup(mod, threshold=3)
        dep.fail = True
        attempt(cb, dep)
        attempt(cb, dep)
        expect_state(cb, "closed", "after 2 failures with failure_threshold=3")
        dep.fail = False
        if attempt(cb, dep) != "ok" or dep.calls != 3:
            raise Fail("below the threshold, calls must still reach the dependency")

    return [("passes arguments through and returns the result", passes),
            ("re-raises the dependency's exception", propagates),
            ("stays closed below the threshold", below_threshold)]


def group_opens(mod):
    def opens():
        open_it(mod, threshold=3)

    def rejects():
        cb, _, dep = open_it(mod, threshold=3)
        expect_rejected(mod, cb, dep, "right after opening")
        expect_rejected(mod, cb, dep, "a second call while open")

    def threshold_one():
        cb, _, dep = setup(mod, threshold=1)
        dep.fail = True
        attempt(cb, dep)
        expect_state(cb, "open", "failure_threshold=1 after one failure")
        if not issubclass(mod.CircuitOpenError, Exception):
            raise Fail("CircuitOpenError must be a subclass of Exception")

    return [("opens after failure_threshold consecutive failures", opens),
            ("an open circuit fails fast with CircuitOpenError", rejects),
            ("failure_threshold=1 opens on the first failure", threshold_one)]


def group_consecutive(mod):
    def reset():
        cb, _, dep = setup(mod, threshold=3)
        for fail in (True, True, False, True, True):
            dep.fail = fail
            attempt(cb, dep)
        expect_state(cb, "closed", "after fail, fail, success, fail, fail with failure_threshold=3 "
                                   "(a success resets the count of consecutive failures)")
        dep.fail = True
        attempt(cb, dep)
        expect_state(cb, "open", "after fail, fail, success, fail, fail, fail")

    def many_successes():
        cb, _, dep = setup(mod, threshold=2)
        for i in range(10):
            dep.fail = (i % 2 == 0)
            attempt(cb, dep)
        expect_state(cb, "closed", "alternating failure and success 10 times with failure_threshold=2")

    return [("a success resets the failure count", reset),
            ("alternating failures never open the circuit", many_successes)]


def group_half_open(mod):
    def timing():
        cb, clock, dep = open_it(mod, threshold=3, timeout=30.0)
        clock.now = 1029.9
        expect_state(cb, "open", "opened at t=1000 with reset_timeout=30, now t=1029.9")
        expect_rejected(mod, cb, dep, "at t=1029.9, before reset_timeout")
        clock.now = 1030.0
        expect_state(cb, "half-open", "opened at t=1000 with reset_timeout=30, now t=1030 (uses the clock you were given)")

    def trial_success():
        cb, clock, dep = open_it(mod, threshold=3, timeout=30.0)
        clock.now = 1031.0
        dep.fail = False
        before = dep.calls
        if attempt(cb, dep) != "ok" or dep.calls != before + 1:
            raise Fail("in half-open state the next call is a trial: it must reach the dependency")
        expect_state(cb, "closed", "after a successful trial call")

    def fresh_count():
        cb, clock, dep = open_it(mod, threshold=3, timeout=30.0)
        clock.now = 1031.0
        dep.fail = False
        attempt(cb, dep)
        dep.fail = True
        attempt(cb, dep)
        attempt(cb, dep)
        expect_state(cb, "closed", "after closing again, 2 failures with failure_threshold=3")
        attempt(cb, dep)
        expect_state(cb, "open", "after closing again, 3 failures with failure_threshold=3")

    def random_scenario():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))  # new every run
        threshold, timeout = rng.randint(1, 4), rng.choice([5.0, 10.0, 30.0])
        cb, clock, dep = setup(mod, threshold, timeout)
        state, failures, opened, steps = "closed", 0, None, []
        for _ in range(60):
            clock.now += rng.choice([0.0, 0.5, 1.0, timeout / 2, timeout - 0.01, timeout])
            dep.fail = rng.random() < 0.5
            if state == "open" and clock.now - opened >= timeout:
                state = "half-open"
            context = (f"CircuitBreaker(failure_threshold={threshold}, reset_timeout={timeout}); "
                       f"after {'; '.join(steps[-6:]) or 'nothing'}; at t={clock.now:g}")
            expect_state(cb, state, context)
            if state == "open":
                expect_rejected(mod, cb, dep, context + ", a call")
                steps.append(f"t={clock.now:g} rejected")
                continue
            got = attempt(cb, dep)
            want = "error" if dep.fail else "ok"
            if got != want:
                raise Fail(f"{context}: a call to a dependency that {'fails' if dep.fail else 'works'} gave {got}")
            if dep.fail:
                failures += 1
                if state == "half-open" or failures >= threshold:
                    state, opened = "open", clock.now
            else:
                state, failures = "closed", 0
            steps.append(f"t={clock.now:g} {'failure' if dep.fail else 'success'}")

    return [("half-open exactly reset_timeout after opening", timing),
            ("random calls and clock moves (new every run) follow the three states", random_scenario),
            ("a successful trial closes the circuit", trial_success),
            ("after closing, failures are counted from zero", fresh_count)]


def group_half_open_failure(mod):
    def reopens():
        cb, clock, dep = open_it(mod, threshold=3, timeout=30.0)
        clock.now = 1040.0
        r = attempt(cb, dep)
        if r != "error":
            raise Fail(f"a failing trial call must re-raise the dependency's exception; got {r}")
        expect_state(cb, "open", "one failed trial call in half-open state")
        expect_rejected(mod, cb, dep, "right after a failed trial")

    def new_timeout():
        cb, clock, dep = open_it(mod, threshold=3, timeout=30.0)
        clock.now = 1040.0
        attempt(cb, dep)
        clock.now = 1069.0
        expect_state(cb, "open", "trial failed at t=1040, reset_timeout=30, now t=1069")
        clock.now = 1070.0
        expect_state(cb, "half-open", "trial failed at t=1040, reset_timeout=30, now t=1070")

    def validation():
        for kw in ({"failure_threshold": 0}, {"failure_threshold": -2}, {"reset_timeout": -1},
                   {"reset_timeout": -0.5}):
            try:
                mod.CircuitBreaker(clock=Clock(), **kw)
            except ValueError:
                continue
            raise Fail(f"CircuitBreaker({', '.join(f'{k}={v}' for k, v in kw.items())}) must raise ValueError")
        try:
            mod.CircuitBreaker(failure_threshold=1, reset_timeout=0, clock=Clock())
        except ValueError as exc:
            raise Fail(f"CircuitBreaker(failure_threshold=1, reset_timeout=0) is valid (only failure_threshold < 1 "
                       f"or reset_timeout < 0 is not), but it raised ValueError: {exc}") from None

    return [("a failed trial opens the circuit again at once", reopens),
            ("the reset timeout restarts from the failed trial", new_timeout),
            ("invalid settings raise ValueError", validation)]


GROUPS = {"closed": group_closed, "opens": group_opens, "consecutive": group_consecutive,
          "half-open": group_half_open, "half-open-failure": group_half_open_failure}


def main():
    builder = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in builder(None)])
    mod = t.load("breaker")
    for _, fn in builder(mod):
        t.case(fn)
    t.finish()


main()
