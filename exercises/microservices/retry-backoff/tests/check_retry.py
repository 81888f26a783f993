"""Checks for retry.py. python3 tests/check_retry.py GROUP"""
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, short, describe  # noqa: E402


class TooMany(BaseException):
    """Stops a retry loop that never gives up."""


class Sleeps:
    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)
        if len(self.delays) > 100:
            raise TooMany("sleep() was called more than 100 times: the retry loop never gives up")


class Func:
    """Fails `failures` times (with fresh exception objects), then returns `result`."""

    def __init__(self, failures=0, exc=ConnectionError, result="done"):
        self.failures, self.exc, self.result = failures, exc, result
        self.calls = 0
        self.raised = []

    def __call__(self):
        self.calls += 1
        if self.calls > 100:
            raise TooMany("func was called more than 100 times: the retry loop never gives up")
        if self.calls <= self.failures:
            e = self.exc(f"failure #{self.calls}")
            self.raised.append(e)
            raise e
        return self.result


ALWAYS = 10 ** 9  # a func that never succeeds


def fmt(delays):
    shown = [round(d, 6) if isinstance(d, float) else d for d in delays[:10]]
    return str(shown) if len(delays) <= 10 else f"{str(shown)[:-1]}, ...] ({len(delays)} sleeps in total)"


class Rand:
    def __init__(self, values):
        self.values = list(values)
        self.calls = 0

    def __call__(self):
        v = self.values[self.calls % len(self.values)]
        self.calls += 1
        return v


def run(mod, func, **kw):
    """Call mod.retry; return (result or exception, sleeps)."""
    sleeps = kw.pop("sleep", None) or Sleeps()
    kw["sleep"] = sleeps
    try:
        return mod.retry(func, **kw), None, sleeps
    except TooMany as e:
        raise Fail(str(e))
    except Fail:
        raise
    except BaseException as e:
        return None, e, sleeps


def close(a, b):
    return len(a) == len(b) and all(isinstance(x, (int, float)) and math.isclose(x, y, abs_tol=1e-9) for x, y in zip(a, b))


def expect_delays(mod, desc, func, want, **kw):
    result, exc, sleeps = run(mod, func, **kw)
    if not close(sleeps.delays, want):
        raise Fail(f"{desc}: expected sleep() to be called with {want}, got {fmt(sleeps.delays)}")
    return result, exc, sleeps


def group_success(mod):
    def first_try():
        f = Func(0, result=42)
        result, exc, sleeps = run(mod, f, rand=lambda: 1.0)
        if exc is not None or result != 42:
            raise Fail(f"func succeeds at once: expected retry to return 42, got {describe(result)} / raised {exc!r}")
        if f.calls != 1 or sleeps.delays:
            raise Fail(f"func succeeds at once: expected 1 call and no sleep, got {f.calls} calls and sleeps {fmt(sleeps.delays)}")

    def after_two():
        f = Func(2, result="ok")
        result, exc, sleeps = run(mod, f, rand=lambda: 1.0)
        if exc is not None or result != "ok":
            raise Fail(f"func fails twice with ConnectionError then returns 'ok': expected 'ok', got {describe(result)} / raised {exc!r}")
        if f.calls != 3 or len(sleeps.delays) != 2:
            raise Fail(f"expected 3 calls and 2 sleeps, got {f.calls} calls and {len(sleeps.delays)} sleeps")

    def timeout_error():
        f = Func(1, exc=TimeoutError, result="ok")
        result, exc, sleeps = run(mod, f, rand=lambda: 1.0)
        if exc is not None or result != "ok" or f.calls != 2:
            raise Fail(f"TimeoutError is retried by default: expected 'ok' after 2 calls, got {describe(result)} / "
                       f"raised {exc!r} after {f.calls} calls")

    return [("returns at once when func succeeds", first_try),
            ("retries ConnectionError and returns the value", after_two),
            ("retries TimeoutError by default", timeout_error)]


def group_exponential(mod):
    return [
        ("defaults with rand()=1: sleeps 0.1, 0.2, 0.4, 0.8",
         lambda: expect_delays(mod, "always failing, default arguments, rand=lambda: 1.0", Func(ALWAYS), [0.1, 0.2, 0.4, 0.8],
                               rand=lambda: 1.0)),
        ("base_delay=0.5, 6 attempts: 0.5, 1, 2, 4, 8",
         lambda: expect_delays(mod, "always failing, max_attempts=6, base_delay=0.5, max_delay=100, rand=lambda: 1.0",
                               Func(ALWAYS), [0.5, 1, 2, 4, 8], max_attempts=6, base_delay=0.5, max_delay=100, rand=lambda: 1.0)),
        ("success on the 4th call sleeps 3 times",
         lambda: expect_delays(mod, "fails 3 times then succeeds, base_delay=0.25, rand=lambda: 1.0", Func(3),
                               [0.25, 0.5, 1.0], base_delay=0.25, rand=lambda: 1.0)),
    ]


def group_cap(mod):
    return [
        ("max_delay caps the delay: 1, 2, 4, 5, 5, 5",
         lambda: expect_delays(mod, "always failing, max_attempts=7, base_delay=1, max_delay=5, rand=lambda: 1.0",
                               Func(ALWAYS), [1, 2, 4, 5, 5, 5], max_attempts=7, base_delay=1, max_delay=5, rand=lambda: 1.0)),
        ("cap below the second delay: 2, 3, 3",
         lambda: expect_delays(mod, "always failing, max_attempts=4, base_delay=2, max_delay=3, rand=lambda: 1.0",
                               Func(ALWAYS), [2, 3, 3], max_attempts=4, base_delay=2, max_delay=3, rand=lambda: 1.0)),
        ("30 attempts stay at the cap",
         lambda: expect_delays(mod, "always failing, max_attempts=30, base_delay=0.1, max_delay=2, rand=lambda: 1.0",
                               Func(ALWAYS), [0.1, 0.2, 0.4, 0.8, 1.6] + [2] * 24, max_attempts=30, base_delay=0.1,
                               max_delay=2, rand=lambda: 1.0)),
    ]


def group_jitter(mod):
    def sequence():
        expect_delays(mod, "always failing, base_delay=1, max_delay=100, rand() returning 0.5, 0.25, 0.0, 0.75",
                      Func(ALWAYS), [0.5, 0.5, 0.0, 6.0], base_delay=1, max_delay=100, rand=Rand([0.5, 0.25, 0.0, 0.75]))

    def after_cap():
        expect_delays(mod, "always failing, max_attempts=6, base_delay=1, max_delay=4, rand=lambda: 0.5 "
                      "(jitter multiplies the capped delay)", Func(ALWAYS), [0.5, 1, 2, 2, 2],
                      max_attempts=6, base_delay=1, max_delay=4, rand=lambda: 0.5)

    def once_per_sleep():
        r = Rand([0.3])
        _, _, sleeps = run(mod, Func(3), rand=r)
        if r.calls != len(sleeps.delays) or r.calls != 3:
            raise Fail(f"fails 3 times then succeeds: expected rand() to be called once per sleep (3 times), "
                       f"got {r.calls} rand() calls and {len(sleeps.delays)} sleeps")
        r = Rand([0.3])
        run(mod, Func(0), rand=r)
        if r.calls != 0:
            raise Fail(f"func succeeded at once: expected no rand() call, got {r.calls}")

    def default_rand():
        _, _, sleeps = run(mod, Func(ALWAYS), max_attempts=21, base_delay=1, max_delay=1)
        d = sleeps.delays
        if len(d) != 20 or not all(0 <= x <= 1 for x in d) or len(set(d)) < 10:
            raise Fail(f"with the default rand (random.random), 20 delays capped at 1 must be spread over [0, 1]; got {d}")

    def random_parameters():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))  # new every run
        for _ in range(8):
            base = rng.choice([0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3])
            cap = rng.choice([0.5, 1, 3, 5, 7.5, 10, 60])
            attempts = rng.randint(1, 9)
            failures = rng.choice([ALWAYS, rng.randint(0, attempts)])
            values = [round(rng.random(), 3) for _ in range(4)]
            want = [values[i % 4] * min(cap, base * 2 ** i) for i in range(min(failures, attempts - 1) if failures < attempts
                                                                          else attempts - 1)]
            desc = (f"max_attempts={attempts}, base_delay={base}, max_delay={cap}, rand() returning {values} in turn, "
                    f"func failing {'always' if failures == ALWAYS else f'{failures} times'}")
            expect_delays(mod, desc, Func(failures), want, max_attempts=attempts, base_delay=base, max_delay=cap,
                          rand=Rand(values))

    return [("delay = rand() × capped exponential delay", sequence),
            ("random parameters (new every run) give the delays of rule 4", random_parameters),
            ("jitter is applied after the cap", after_cap),
            ("rand() is called once per sleep", once_per_sleep),
            ("the default rand gives random delays within the cap", default_rand)]


def group_give_up(mod):
    def calls():
        f = Func(ALWAYS)
        _, exc, sleeps = run(mod, f, max_attempts=3, rand=lambda: 1.0)
        if f.calls != 3 or len(sleeps.delays) != 2:
            raise Fail(f"always failing with max_attempts=3: expected 3 calls and 2 sleeps (no sleep after the last "
                       f"attempt), got {f.calls} calls and {len(sleeps.delays)} sleeps")

    def same_exception():
        f = Func(ALWAYS)
        _, exc, _ = run(mod, f, max_attempts=4, rand=lambda: 1.0)
        if exc is None:
            raise Fail("always failing: expected retry to raise after the last attempt, it returned")
        if exc is not f.raised[-1]:
            raise Fail(f"expected the exception of the last attempt ({f.raised[-1]!r}) to be re-raised unchanged, got {exc!r}")

    def single():
        f = Func(ALWAYS)
        _, exc, sleeps = run(mod, f, max_attempts=1, rand=lambda: 1.0)
        if f.calls != 1 or sleeps.delays or not isinstance(exc, ConnectionError):
            raise Fail(f"max_attempts=1: expected 1 call, no sleep and the ConnectionError raised; got {f.calls} calls, "
                       f"sleeps {fmt(sleeps.delays)}, raised {exc!r}")

    return [("makes exactly max_attempts calls and no final sleep", calls),
            ("re-raises the last exception itself", same_exception),
            ("max_attempts=1 means no retry", single)]


def group_non_retryable(mod):
    def value_error():
        f = Func(5, exc=ValueError)
        _, exc, sleeps = run(mod, f, rand=lambda: 1.0)
        if not isinstance(exc, ValueError) or f.calls != 1 or sleeps.delays:
            raise Fail(f"ValueError is not in retry_on: expected it raised after 1 call with no sleep, got {exc!r} "
                       f"after {f.calls} calls and sleeps {fmt(sleeps.delays)}")

    def custom():
        f = Func(2, exc=KeyError, result="ok")
        result, exc, _ = run(mod, f, retry_on=(KeyError,), rand=lambda: 1.0)
        if result != "ok" or f.calls != 3:
            raise Fail(f"retry_on=(KeyError,): expected KeyError to be retried and 'ok' after 3 calls, got {describe(result)} / "
                       f"{exc!r} after {f.calls} calls")
        f = Func(2, exc=ConnectionError)
        _, exc, _ = run(mod, f, retry_on=(KeyError,), rand=lambda: 1.0)
        if not isinstance(exc, ConnectionError) or f.calls != 1:
            raise Fail(f"retry_on=(KeyError,): a ConnectionError must not be retried; got {exc!r} after {f.calls} calls")

    def bad_arguments():
        for kw in ({"max_attempts": 0}, {"max_attempts": -3}, {"base_delay": -1}, {"max_delay": -0.5},
                   {"base_delay": -0.1, "max_delay": -5.0}):
            f = Func(0)
            _, exc, _ = run(mod, f, **kw)
            args = ", ".join(f"{k}={v!r}" for k, v in kw.items())
            if not isinstance(exc, ValueError) or f.calls:
                raise Fail(f"retry(func, {args}): expected ValueError before calling func, got "
                           f"{exc!r} after {f.calls} calls")

    return [("errors outside retry_on are raised at once", value_error),
            ("retry_on chooses what is retried", custom),
            ("max_attempts < 1 or a negative delay raises ValueError", bad_arguments)]


GROUPS = {"success": group_success, "exponential": group_exponential, "cap": group_cap,
          "jitter": group_jitter, "give-up": group_give_up, "non-retryable": group_non_retryable}


def main():
    builder = GROUPS[sys.argv[1]]

    class Stub:
        def retry(self, *a, **k):
            raise NotImplementedError

    names = [d for d, _ in builder(Stub())]
    t = Tap(names)
    mod = t.load("retry", helpers="_inside.py")
    for _, fn in builder(mod):
        t.case(fn)
    t.finish()


main()
