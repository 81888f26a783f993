"""Runs inside the learner's process (see isolate.py), loaded before ratelimit.py.

The cost checks make tens of thousands of attempts; one message per attempt
would be far too slow, so they run here, with a fake clock of this
process. The checker measures this process's CPU time from outside and
judges the answers itself.
"""
MODULE = []


def after_import(module):
    MODULE[:] = [module]


class FakeClock:
    def __init__(self, t=0.0):
        self.t = t

    def __call__(self):
        return self.t


def hammer(n):
    """n attempts on one key, 15 s apart, limit 5 per 60 s; then 3 at the same instant."""
    clock = FakeClock(0.0)
    lim = MODULE[0].LoginLimiter(5, 60, clock=clock)
    allowed = 0
    for i in range(n):
        clock.t = i * 15.0
        allowed += lim.attempt("victim") is True
    return allowed, [lim.attempt("victim") for _ in range(3)]


def many_keys(n):
    clock = FakeClock(0.0)
    lim = MODULE[0].LoginLimiter(3, 10, clock=clock)
    for i in range(n):
        lim.attempt(f"user{i}")
    clock.t = 100.0
    return [lim.attempt(f"user{i}") for i in range(0, n, 1000)]
