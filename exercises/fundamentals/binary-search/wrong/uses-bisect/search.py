"""Mistake (for this exercise): delegates to the bisect module instead of writing the loop."""
import bisect


def lower_bound(items, target):
    return bisect.bisect_left(items, target)


def upper_bound(items, target):
    return bisect.bisect_right(items, target)


def find_range(items, target):
    return bisect.bisect_left(items, target), bisect.bisect_right(items, target)


def first_true(lo, hi, pred):
    return bisect.bisect_left(range(lo, hi), True, key=pred) + lo
