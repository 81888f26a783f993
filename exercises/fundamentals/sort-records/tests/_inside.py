"""Runs inside the learner's process (see isolate.py), loaded before records.py.

100,000 records would be slow to send, so the performance check builds
them here from a seed (the checker builds the same ones) and only the order
of the ids travels back. The checker times this process from outside and
judges the order itself.
"""
import random

MODULE = []
DATA = {}


def after_import(module):
    MODULE[:] = [module]


def big(n, seed):
    rng = random.Random(seed)
    depts = ["eng", "ops", "sales", "hr", "legal", "support"]
    out = []
    for i in range(n):
        r = {"id": i, "dept": rng.choice(depts), "salary": rng.randrange(30, 200) * 1000,
             "name": "n%06d" % rng.randrange(10**6)}
        if i % 50 == 7:
            r["salary"] = None
        if i % 97 == 3:
            del r["dept"]
        out.append(r)
    return out


def prepare(n, seed):
    DATA["records"] = big(n, seed)


def sort_big(keys):
    """sort_records on the prepared records; the ids in the returned order, or what was returned instead."""
    got = MODULE[0].sort_records(DATA["records"], keys)
    if type(got) is not list or not all(type(r) is dict for r in got):
        return None, type(got).__name__
    return [r.get("id") for r in got], len(got)
