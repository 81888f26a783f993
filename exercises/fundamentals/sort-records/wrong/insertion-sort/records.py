"""Mistake: a hand-written insertion sort. Correct and stable, but O(n^2)."""


def _compare(a, b, keys):
    """-1 if a must come before b, 1 if after, 0 if equal on every key."""
    for spec in keys:
        descending = spec.startswith("-")
        field = spec[1:] if descending else spec
        x, y = a.get(field), b.get(field)
        if x is None and y is None:
            continue
        if x is None:
            return 1
        if y is None:
            return -1
        if x != y:
            before = x < y
            if descending:
                before = not before
            return -1 if before else 1
    return 0


def sort_records(records, keys):
    out = []
    for record in records:
        i = len(out)
        while i > 0 and _compare(out[i - 1], record, keys) > 0:
            i -= 1
        out.insert(i, record)
    return out
