"""Runs inside the learner's process (see isolate.py), loaded before search.py.

- Long runs of searches would be slow one message at a time, so they run
  here and only the answers travel back; the checker makes the same inputs
  from the same seed and judges every answer itself.
- The bisect module's functions are replaced by wrappers that note their use
  before search.py is imported, so the "own loop" check does not depend on
  reading the source alone.
"""
import bisect
import random
import sys

import _bisect

MODULE = []
BISECT_USED = []


def _tripwire(name, original):
    def wrapper(*args, **kwargs):
        BISECT_USED.append(name)
        return original(*args, **kwargs)

    wrapper.__name__ = name
    return wrapper


def _install():
    for owner in (bisect, _bisect):
        for name in ("bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"):
            if hasattr(owner, name):
                setattr(owner, name, _tripwire(f"bisect.{name}", getattr(owner, name)))
    random._bisect = bisect.bisect

    def no_reimport(event, args):
        if event == "import" and args and args[0] in ("bisect", "_bisect"):
            raise ImportError("the bisect module is not allowed in this exercise")

    sys.addaudithook(no_reimport)


if __name__ == "_child_helpers":  # only in the learner's process, not when the checker imports this file
    _install()


def after_import(module):
    MODULE[:] = [module]


def bisect_used():
    """The bisect functions the learner's code called so far."""
    return sorted(set(BISECT_USED))


def perf_queries(seed, n_queries, n_items):
    rng = random.Random(seed)
    top = 2 * n_items
    return [rng.randrange(-10, top + 10) for _ in range(n_queries)] + [-5, 0, 1, top - 2, top - 1, top + 5]


def perf(seed, n_queries, n_items):
    """lower_bound, upper_bound and find_range of every query on [0, 2, 4, ..., 2 * (n_items - 1)]."""
    mod = MODULE[0]
    items = list(range(0, 2 * n_items, 2))
    lb, ub, fr = mod.lower_bound, mod.upper_bound, mod.find_range
    return [(lb(items, q), ub(items, q), fr(items, q)) for q in perf_queries(seed, n_queries, n_items)]


def random_int_lists(seed, count):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.randrange(0, 30)
        out.append(sorted(rng.randrange(-5, 15) for _ in range(n)))
    return out


def random_float_lists(seed, count):
    rng = random.Random(seed)
    return [sorted(rng.choice([0.5, 1.0, 1.5, 2.0, 2.5]) for _ in range(rng.randrange(0, 12)))
            for _ in range(count)]


def run_lists(lists, queries):
    """For every list and query: (lower_bound, upper_bound, find_range), or the exception raised."""
    mod = MODULE[0]
    out = []
    for items in lists:
        row = []
        for q in queries:
            try:
                row.append((mod.lower_bound(items, q), mod.upper_bound(items, q), mod.find_range(items, q)))
            except Exception as exc:  # noqa: BLE001 - reported to the checker
                row.append(("raised", type(exc).__name__, str(exc)[:200]))
        out.append(row)
    return out


def run_generated(kind, seed, count, queries):
    lists = random_int_lists(seed, count) if kind == "int" else random_float_lists(seed, count)
    return run_lists(lists, queries)
