"""Runs inside the learner's process (see isolate.py), loaded before csrf.py.

A few checks must watch what the learner's code calls: whether the token
depends on random's state or the clock, where its randomness comes from,
and whether tokens are compared with compare_digest. The originals are
captured here, before the learner's module is imported, so that module
cannot hide them from the checks. The checker judges what these functions
return; it never trusts a verdict made in this process.
"""
import hmac
import os
import random
import secrets
import time

TIME_NAMES = ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns",
              "process_time", "process_time_ns")
ORIGINAL_TIME = {name: getattr(time, name) for name in TIME_NAMES}
RANDOM_NAMES = ("random", "getrandbits", "randbytes", "choice", "choices", "randint", "randrange",
                "sample", "shuffle", "uniform", "seed")
ORIGINAL_RANDOM = {name: getattr(random, name) for name in RANDOM_NAMES}
SEED = random.seed
COMPARE = hmac.compare_digest
URANDOM = os.urandom
RANDOM_URANDOM = random._urandom
MODULE = []


def after_import(module):
    MODULE[:] = [module]


class _Swap:
    def __init__(self):
        self.saved = []

    def put(self, owner, name, value):
        self.saved.append((owner, name, getattr(owner, name, None)))
        setattr(owner, name, value)

    def put_everywhere(self, original, fake, owners):
        for owner in owners:
            for attr, obj in list(vars(owner).items()):
                if obj is original:
                    self.put(owner, attr, fake)

    def restore(self):
        for owner, name, value in reversed(self.saved):
            setattr(owner, name, value)


def issue_prepared(seeded, frozen):
    """issue_token({}) with random's state reset to seed 1234 and/or every clock frozen."""
    mod = MODULE[0]
    swap = _Swap()
    try:
        if seeded:
            for name, original in ORIGINAL_RANDOM.items():  # undo any replacement by the learner's module
                swap.put(random, name, original)
            SEED(1234)
        if frozen:
            for name, original in ORIGINAL_TIME.items():
                value = 1_700_000_000_000_000_000 if name.endswith("_ns") else 1_700_000_000.0
                fake = (lambda v=value: v)
                swap.put(time, name, fake)
                swap.put_everywhere(original, fake, [mod])
        return mod.issue_token({})
    finally:
        swap.restore()
        if seeded:
            SEED()


def issue_counting_entropy():
    """issue_token({}) and the number of bytes drawn from os.urandom meanwhile."""
    mod = MODULE[0]
    drawn = [0]

    def counting(n):
        data = URANDOM(n)
        drawn[0] += len(data)
        return data

    swap = _Swap()
    try:
        swap.put(os, "urandom", counting)
        swap.put(random, "_urandom", counting)
        swap.put_everywhere(URANDOM, counting, [mod])
        token = mod.issue_token({})
    finally:
        swap.restore()
    return token, drawn[0]


def verify_spied(session, method, headers, form):
    """verify_request(...) and the (a, b) pairs passed to compare_digest meanwhile."""
    mod = MODULE[0]
    calls = []

    def spy(a, b):
        calls.append((a, b))
        return COMPARE(a, b)

    swap = _Swap()
    try:
        for owner in (hmac, secrets):
            swap.put(owner, "compare_digest", spy)
        swap.put_everywhere(COMPARE, spy, [mod])
        got = mod.verify_request(session, method, headers, form)
    finally:
        swap.restore()
    return got, calls
