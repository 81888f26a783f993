"""Runs inside the learner's process (see isolate.py), loaded before passwords.py.

Two hidden checks must watch what the learner's code calls: whether the
salt depends on random's state, and whether hashes are compared with
compare_digest. The originals are captured here, before the learner's module
is imported, so that module cannot hide them. The checker judges what these
functions return.
"""
import hmac
import random
import secrets

RANDOM_NAMES = ("random", "getrandbits", "randbytes", "choice", "choices", "randint", "randrange",
                "sample", "shuffle", "uniform", "seed")
ORIGINAL_RANDOM = {name: getattr(random, name) for name in RANDOM_NAMES}
SEED = random.seed
COMPARE = hmac.compare_digest
MODULE = []


def after_import(module):
    MODULE[:] = [module]


class _Swap:
    def __init__(self):
        self.saved = []

    def put(self, owner, name, value):
        self.saved.append((owner, name, getattr(owner, name, None)))
        setattr(owner, name, value)

    def restore(self):
        for owner, name, value in reversed(self.saved):
            setattr(owner, name, value)


def hash_seeded(password):
    """hash_password(password) right after random.seed(99), with random's functions restored."""
    swap = _Swap()
    try:
        for name, original in ORIGINAL_RANDOM.items():
            swap.put(random, name, original)
        SEED(99)
        return MODULE[0].hash_password(password)
    finally:
        swap.restore()
        SEED()


def verify_spied(password, encoded):
    """verify_password(...) and the number of compare_digest calls meanwhile."""
    mod = MODULE[0]
    calls = [0]

    def spy(a, b):
        calls[0] += 1
        return COMPARE(a, b)

    swap = _Swap()
    try:
        for owner in (hmac, secrets):
            swap.put(owner, "compare_digest", spy)
        for attr, obj in list(vars(mod).items()):
            if obj is COMPARE:
                swap.put(mod, attr, spy)
        got = mod.verify_password(password, encoded)
    finally:
        swap.restore()
    return got, calls[0]
