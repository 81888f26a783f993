"""Mistake: a closed interval [0, len-1] that can never answer len(items)."""


def lower_bound(items, target):
    lo, hi = 0, len(items) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] >= target:
            hi = mid
        else:
            lo = mid + 1
    return max(lo, 0)


def upper_bound(items, target):
    lo, hi = 0, len(items) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] > target:
            hi = mid
        else:
            lo = mid + 1
    return max(lo, 0)


def find_range(items, target):
    return lower_bound(items, target), upper_bound(items, target)


def first_true(lo, hi, pred):
    hi -= 1
    while lo < hi:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
