"""Binary search (see prompt.md).

The starter answers correctly but scans item by item: O(n) per call.
Replace every loop with a binary search.
"""


def lower_bound(items, target):
    for i in range(len(items)):
        if items[i] >= target:
            return i
    return len(items)


def upper_bound(items, target):
    for i in range(len(items)):
        if items[i] > target:
            return i
    return len(items)


def find_range(items, target):
    return lower_bound(items, target), upper_bound(items, target)


def first_true(lo, hi, pred):
    for x in range(lo, hi):
        if pred(x):
            return x
    return hi
