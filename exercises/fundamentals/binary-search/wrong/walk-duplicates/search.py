"""Mistake: finds any equal item by binary search, then walks over the duplicates one by one."""


def _any_index(items, target):
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        elif items[mid] > target:
            hi = mid
        else:
            return mid, mid
    return None, lo


def lower_bound(items, target):
    i, insert = _any_index(items, target)
    if i is None:
        return insert
    while i > 0 and items[i - 1] == target:
        i -= 1
    return i


def upper_bound(items, target):
    i, insert = _any_index(items, target)
    if i is None:
        return insert
    while i < len(items) and items[i] == target:
        i += 1
    return i


def find_range(items, target):
    return lower_bound(items, target), upper_bound(items, target)


def first_true(lo, hi, pred):
    while lo < hi:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
