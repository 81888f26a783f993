"""CHEAT (kept as a wrong solution so validate proves it fails): delegates to
the bisect module, imported in a way the source scan does not recognise, and
keeps one harmless loop so that "has a loop" is satisfied."""
import builtins

_b = builtins.__dict__["__imp" + "ort__"]("bis" + "ect")

for _unused in range(1):
    pass


def lower_bound(items, target):
    return _b.bisect_left(items, target)


def upper_bound(items, target):
    return _b.bisect_right(items, target)


def find_range(items, target):
    return _b.bisect_left(items, target), _b.bisect_right(items, target)


def first_true(lo, hi, pred):
    return _b.bisect_left(range(lo, hi), True, key=pred) + lo
