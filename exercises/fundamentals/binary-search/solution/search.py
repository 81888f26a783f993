"""Binary search over sorted sequences and monotone predicates.

Every function keeps the invariant: the answer lies in [lo, hi], everything
left of lo is known "too small", everything from hi on is known "big enough".
The interval is half-open, so the loop stops when it is empty (lo == hi).
"""


def first_true(lo, hi, pred):
    while lo < hi:
        mid = (lo + hi) // 2  # lo <= mid < hi, so pred is only called inside [lo, hi)
        if pred(mid):
            hi = mid          # mid may be the answer: keep it
        else:
            lo = mid + 1      # mid is not: drop it
    return lo


def lower_bound(items, target):
    return first_true(0, len(items), lambda i: items[i] >= target)


def upper_bound(items, target):
    return first_true(0, len(items), lambda i: items[i] > target)


def find_range(items, target):
    start = lower_bound(items, target)
    # Everything before start is < target, so the end is searched from start on.
    stop = first_true(start, len(items), lambda i: items[i] > target)
    return start, stop
