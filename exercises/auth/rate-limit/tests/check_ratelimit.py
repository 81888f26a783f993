"""Checks for ratelimit.py. usage: check_ratelimit.py window|retry|clock|cost"""
import os
import random
import sys

from taplib import Tap, TooSlow, child, describe


class FakeClock:
    def __init__(self, t=1000.0):
        self.t = t
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.t


def run_script(lim, clock, steps):
    """steps: list of (time, key) -> list of results of attempt()."""
    out = []
    for t, key in steps:
        clock.t = t
        out.append(lim.attempt(key))
    return out


def scenario(mod, max_attempts, window, steps, want, what):
    def run():
        clock = FakeClock()
        lim = mod.LoginLimiter(max_attempts, window, clock=clock)
        got = run_script(lim, clock, steps)
        if got != want:
            i = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b)
            t, key = steps[i]
            return (f"{what}\nLoginLimiter({max_attempts}, {window}); attempts (time, key): {steps}\n"
                    f"expected {want}\ngot      {got}\nfirst difference: attempt #{i + 1} at t={t} for {key!r}: "
                    f"expected {want[i]}, got {got[i]}")
    return run


def window(tap, mod):
    tap.test("3 attempts allowed, the 4th denied",
              scenario(mod, 3, 60, [(1000, "ada")] * 4, [True, True, True, False], "limit"))
    tap.test("an attempt stops counting exactly window seconds later",
              scenario(mod, 2, 60, [(1000, "a"), (1010, "a"), (1059.875, "a"), (1060, "a"), (1060, "a"), (1070, "a")],
                       [True, True, False, True, False, True], "boundary"))
    tap.test("keys are independent",
              scenario(mod, 1, 60, [(1000, "ada"), (1000, "bob"), (1000, ("ada", "10.0.0.1")), (1001, "ada")],
                       [True, True, True, False], "isolation"))
    tap.test("sliding, not fixed: no burst of 2 x max around a window boundary",
              scenario(mod, 3, 60, [(1019, "k"), (1019.5, "k"), (1019.875, "k"), (1020, "k"), (1021, "k"), (1030, "k")],
                       [True, True, True, False, False, False],
                       "with a fixed window starting at t=1020 the attempts at 1020+ would wrongly be allowed"))
    tap.test("denied attempts are not recorded",
              scenario(mod, 2, 10, [(1000, "x"), (1005, "x"), (1006, "x"), (1009, "x"), (1010, "x"), (1015, "x")],
                       [True, True, False, False, True, True],
                       "t=1010: the attempt of t=1000 expired; t=1015: the one of t=1005 expired (the denied ones never counted)"))
    tap.test("150 random attempts on three keys (new every run) follow the sliding window", random_scenario(mod))


def retry(tap, mod):
    def retry_after():
        clock = FakeClock(1000.0)
        lim = mod.LoginLimiter(2, 30, clock=clock)
        if lim.retry_after("a") != 0.0:
            return f"retry_after for a fresh key: expected 0.0, got {lim.retry_after('a')!r}"
        lim.attempt("a")
        clock.t = 1010.0
        lim.attempt("a")
        clock.t = 1012.0
        got = lim.retry_after("a")
        if abs(got - 18.0) > 1e-9:
            return f"attempts at 1000 and 1010, window 30, now 1012: expected retry_after 18.0, got {describe(got)}"
        clock.t = 1030.0
        got = lim.retry_after("a")
        if got != 0.0:
            return f"at t=1030 the attempt of 1000 expired: expected retry_after 0.0, got {describe(got)}"
    tap.test("retry_after tells when the oldest counted attempt expires", retry_after)

    def reset():
        clock = FakeClock()
        lim = mod.LoginLimiter(1, 300, clock=clock)
        lim.attempt("ada")
        lim.attempt("bob")
        lim.reset("ada")
        if lim.attempt("ada") is not True:
            return "after reset('ada'), attempt('ada') should be True"
        if lim.attempt("bob") is not False:
            return "reset('ada') must not reset 'bob'"
        lim.reset("never-seen")  # must not raise
    tap.test("reset forgets one key only (and accepts unknown keys)", reset)

    def validation():
        for args in ((0, 60), (-1, 60), (3, 0), (3, -5)):
            try:
                mod.LoginLimiter(*args, clock=FakeClock())
            except ValueError:
                continue
            except Exception as exc:
                return f"LoginLimiter{args}: expected ValueError, got {type(exc).__name__}"
            return f"LoginLimiter{args}: expected ValueError, it was accepted"
    tap.test("invalid max_attempts or window raise ValueError", validation)


def clock(tap, mod):
    def uses_clock():
        c = FakeClock(5_000_000.0)
        lim = mod.LoginLimiter(1, 60, clock=c)
        lim.attempt("k")
        if c.calls == 0:
            return "attempt() never called the clock it was given"
        c.t += 3600
        if lim.attempt("k") is not True:
            return ("an hour later on the injected clock, the attempt should be allowed again; "
                    "did you read time.time()/time.monotonic() instead of self.clock()?")
    tap.test("attempt() reads the injected clock", uses_clock)

    def default_clock():
        lim = mod.LoginLimiter(2, 60)
        got = [lim.attempt("z") for _ in range(3)]
        if got != [True, True, False]:
            return f"with the default clock, 3 quick attempts with max 2: expected [True, True, False], got {got}"
    tap.test("the default clock is a real clock", default_clock)


def cost(tap, mod):
    def hammer():
        try:
            with child().budget(2.0, "30,000 attempts on one key used more than 2 s of CPU: "
                                     "drop attempts that no longer count instead of keeping them forever"):
                allowed, burst = child().helper("hammer", 30_000)
        except TooSlow as exc:
            return str(exc)
        if allowed != 30_000:
            return f"30,000 attempts 15 s apart, limit 5 per 60 s: expected all 30000 allowed, got {allowed}"
        if burst != [True, False, False]:
            return f"then 3 attempts at the same instant (4 still count): expected [True, False, False], got {burst}"
    tap.test("30,000 allowed attempts on one key stay cheap", hammer)

    def many_keys():
        got = child().helper("many_keys", 20_000)
        if type(got) is not list or not all(g is True for g in got):
            return "after the window passed, every key should be allowed again"
    tap.test("20,000 keys work", many_keys)


class Model:
    """The limiter the prompt describes."""

    def __init__(self, max_attempts, window):
        self.max, self.window, self.log = max_attempts, window, {}

    def attempt(self, key, now):
        counted = [t for t in self.log.get(key, []) if now - t < self.window]
        self.log[key] = counted
        if len(counted) >= self.max:
            return False
        counted.append(now)
        return True


def random_scenario(mod):
    """Random keys and times (new every run), compared with the model step by step."""
    def run():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        max_attempts, window = rng.randint(1, 4), rng.choice([5, 10, 30, 60])
        clock = FakeClock(1000.0)
        lim = mod.LoginLimiter(max_attempts, window, clock=clock)
        model = Model(max_attempts, window)
        t, steps = 1000.0, []
        for i in range(150):
            t += rng.choice([0, 0, 0.5, 1, 2, window / 2, window - 0.125, window, window + 1])  # exact in binary: now - t < w and now < t + w agree
            key = rng.choice(["ada", "bob", ("ada", "10.0.0.1")])
            clock.t = t
            got, want = lim.attempt(key), model.attempt(key, t)
            steps.append(f"t={t:g} {key!r}: {want}")
            if got is not want:
                shown = "; ".join(steps[-8:])
                return (f"LoginLimiter({max_attempts}, {window}): after the attempts (time key: expected) {shown}\n"
                        f"attempt #{i + 1} at t={t:g} for {key!r} returned {describe(got)}; expected {want}")
    return run


GROUPS = {"window": (6, window), "retry": (3, retry), "clock": (2, clock), "cost": (2, cost)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("ratelimit", helpers="_inside.py")
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
