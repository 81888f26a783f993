"""Runs inside the learner's process (see isolate.py), loaded before lru.py.

Long runs of operations would be slow one message at a time, so they run
here, next to the learner's cache, and only the results travel back. The
checker generates the operations, measures this process's CPU time from
outside, and judges every result against its own model.
"""
import random


def run_ops(cache, ops):
    """Apply ops to cache. Each op is a list: ["put", k, v], ["get", k], ["getd", k, default],
    ["in", k], ["len"] or ["keys"]. Returns (results, None) or (results so far, [index, type, message])."""
    out = []
    put, get = cache.put, cache.get
    for i, op in enumerate(ops):
        kind = op[0]
        try:
            if kind == "put":
                r = put(op[1], op[2])
            elif kind == "get":
                r = get(op[1])
            elif kind == "getd":
                r = get(op[1], op[2])
            elif kind == "in":
                r = op[1] in cache
            elif kind == "len":
                r = len(cache)
            else:
                r = cache.keys()
        except Exception as exc:  # noqa: BLE001 - reported to the checker
            return out, [i, type(exc).__name__, str(exc)[:300]]
        out.append(r)
    return out, None


def perf_ops(seed, n):
    """The performance run's operations, as (is_put, key): the checker makes the same list."""
    rng = random.Random(seed)
    return [(rng.random() < 0.5, rng.randrange(150_000)) for _ in range(n)]


def fill_and_run(cache, n_fill, n_ops, seed):
    """put(k, k) for k in range(n_fill), then perf_ops(seed, n_ops): put(k, -k) or get(k).
    Returns (results of ops, len(cache), cache.keys())."""
    ops = perf_ops(seed, n_ops)
    put, get = cache.put, cache.get
    for k in range(n_fill):
        put(k, k)
    got = [put(k, -k) if is_put else get(k) for is_put, k in ops]
    return got, len(cache), cache.keys()
