"""Binary search (see prompt.md).

Style: recursive halving over a half-open interval instead of a loop. The
recursion depth is about log2(hi - lo) (at most ~64 frames for any range a
machine can hold), far below Python's recursion limit. The list searches are
expressed through first_true with a predicate that reads one item.
"""
from functools import partial


def first_true(lo, hi, pred):
    """Smallest x in [lo, hi) with pred(x) true, or hi; pred is monotone on [lo, hi)."""
    if lo >= hi:                       # empty range (lo == hi): nothing is true before hi
        return lo
    mid = lo + (hi - lo) // 2          # lo <= mid < hi: never probes outside the range
    if pred(mid):
        return first_true(lo, mid, pred)        # the answer is mid or before it
    return first_true(mid + 1, hi, pred)        # the answer is after mid


def _at_least(items, target, i):
    return items[i] >= target


def _greater(items, target, i):
    return items[i] > target


def lower_bound(items, target):
    return first_true(0, len(items), partial(_at_least, items, target))


def upper_bound(items, target):
    return first_true(0, len(items), partial(_greater, items, target))


def find_range(items, target):
    start = lower_bound(items, target)
    return start, first_true(start, len(items), partial(_greater, items, target))
