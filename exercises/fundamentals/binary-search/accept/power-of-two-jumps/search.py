"""Binary search (see prompt.md).

Style: "binary lifting" instead of a lo/hi midpoint loop. We keep `last`, the
largest index known to be False (start: lo - 1), and try jumps of decreasing
powers of two; a jump is taken when it lands inside [lo, hi) on a False.
After the smallest jump, `last + 1` is the first True. Each jump size is tried
once, so pred is called at most bit_length(hi - lo) times, never outside
[lo, hi).
"""
from __future__ import annotations

from typing import Any, Callable, Sequence, Tuple


def first_true(lo: int, hi: int, pred: Callable[[int], Any]) -> int:
    if hi <= lo:
        return lo
    last = lo - 1                      # invariant: pred is False on [lo, last]
    step = 1 << (hi - lo).bit_length()
    while step:
        probe = last + step
        if probe < hi and not pred(probe):
            last = probe
        step >>= 1
    return last + 1


def lower_bound(items: Sequence, target: Any) -> int:
    return first_true(0, len(items), lambda i: not items[i] < target)


def upper_bound(items: Sequence, target: Any) -> int:
    return first_true(0, len(items), lambda i: target < items[i])


def find_range(items: Sequence, target: Any) -> Tuple[int, int]:
    start = lower_bound(items, target)
    # everything before `start` is < target, so the upper bound is at or after it
    stop = first_true(start, len(items), lambda i: target < items[i])
    return start, stop
