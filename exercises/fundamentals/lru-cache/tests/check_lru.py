"""Checks for lru.py. Usage: check_lru.py basics|eviction|performance|random"""
import os
import random
import sys
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, child, cpu_budget, short, describe  # noqa: E402
from _inside import perf_ops  # noqa: E402  (the same operations the learner's process runs)

BUDGET = 2.0  # CPU seconds allowed for the learner's 300,000 operations


def new(mod, capacity):
    return call(mod.LRUCache, capacity, label=f"LRUCache({capacity!r})")


class Script:
    """Runs a sequence of operations and reports them when something differs."""

    def __init__(self, mod, capacity):
        self.cache = new(mod, capacity)
        self.log = [f"cache = LRUCache({capacity})"]

    def _fail(self, msg):
        steps = "\n".join(self.log[-12:])
        raise Fail(f"after\n{steps}\n{msg}")

    def put(self, key, value):
        self.log.append(f"cache.put({key!r}, {value!r})")
        got = call(self.cache.put, key, value, label=self.log[-1])
        if got is not None:
            self._fail(f"put returned {describe(got)}; expected None")

    def get(self, key, want, default=None, pass_default=False):
        text = f"cache.get({key!r}" + (f", {default!r})" if pass_default else ")")
        got = call(self.cache.get, key, default, label=text) if pass_default else call(self.cache.get, key, label=text)
        self.log.append(text)
        if got != want or type(got) is not type(want):
            self._fail(f"{text} returned {describe(got)}; expected {want!r}")

    def keys(self, want):
        got = call(self.cache.keys, label="cache.keys()")
        if type(got) is not list:
            self._fail(f"cache.keys() returned {describe(got)}; expected a list")
        if got != want:
            self._fail(f"cache.keys() returned {describe(got)}; expected {want!r} (least recently used first)")

    def length(self, want):
        got = call(len, self.cache, label="len(cache)")
        if got != want or type(got) is not int:
            self._fail(f"len(cache) returned {describe(got)}; expected {want}")

    def contains(self, key, want):
        got = call(lambda: key in self.cache, label=f"{key!r} in cache")
        if got is not want:
            self._fail(f"{key!r} in cache gave {describe(got)}; expected {want}")


def run_basics(tap, mod):
    def put_get():
        s = Script(mod, 3)
        s.put("a", 1)
        s.put("b", 2)
        s.get("a", 1)
        s.get("b", 2)
        s.length(2)

    def missing():
        s = Script(mod, 3)
        s.put("a", 1)
        s.get("zzz", None)
        s.get("zzz", -1, default=-1, pass_default=True)
        s.keys(["a"])
        s.length(1)

    def update():
        s = Script(mod, 3)
        s.put("a", 1)
        s.put("a", 10)
        s.get("a", 10)
        s.length(1)

    def contains():
        s = Script(mod, 2)
        s.put(1, "x")
        s.contains(1, True)
        s.contains(2, False)

    def none_values():
        s = Script(mod, 2)
        s.put(None, None)
        s.put(("t", 1), "tuple")
        s.get(None, None, default="absent", pass_default=True)
        s.get(("t", 1), "tuple")
        s.keys([None, ("t", 1)])

    def bad_capacity():
        for cap in (0, -5):
            try:
                mod.LRUCache(cap)
            except ValueError:
                continue
            except Exception as exc:  # noqa: BLE001
                raise Fail(f"LRUCache({cap}) raised {type(exc).__name__}; expected ValueError") from None
            raise Fail(f"LRUCache({cap}) did not raise; expected ValueError")

    tap.test("put then get returns the values", put_get)
    tap.test("a missing key returns None, or the default given", missing)
    tap.test("put on an existing key replaces its value", update)
    tap.test("'in' reports presence", contains)
    tap.test("None and tuples work as keys, None as a value", none_values)
    tap.test("a capacity below 1 raises ValueError", bad_capacity)


def run_eviction(tap, mod):
    def evict_lru():
        s = Script(mod, 2)
        s.put("a", 1)
        s.put("b", 2)
        s.put("c", 3)
        s.get("a", None)
        s.keys(["b", "c"])

    def get_refreshes():
        s = Script(mod, 2)
        s.put("a", 1)
        s.put("b", 2)
        s.get("a", 1)
        s.put("c", 3)
        s.get("b", None)
        s.keys(["a", "c"])

    def put_refreshes():
        s = Script(mod, 2)
        s.put("a", 1)
        s.put("b", 2)
        s.put("a", 100)
        s.put("c", 3)
        s.get("b", None)
        s.get("a", 100)
        s.keys(["c", "a"])

    def contains_no_refresh():
        s = Script(mod, 2)
        s.put("a", 1)
        s.put("b", 2)
        s.contains("a", True)
        s.put("c", 3)
        s.contains("a", False)
        s.keys(["b", "c"])

    def miss_no_change():
        s = Script(mod, 2)
        s.put("a", 1)
        s.put("b", 2)
        s.get("x", None)
        s.put("c", 3)
        s.keys(["b", "c"])
        s.length(2)

    def capacity_one():
        s = Script(mod, 1)
        s.put("a", 1)
        s.put("b", 2)
        s.get("a", None)
        s.get("b", 2)
        s.put("b", 3)
        s.keys(["b"])
        s.length(1)

    def example():
        s = Script(mod, 2)
        s.put("a", 1)
        s.put("b", 2)
        s.get("a", 1)
        s.put("c", 3)
        s.get("b", None)
        s.keys(["a", "c"])
        s.contains("a", True)
        s.put("d", 4)
        s.keys(["c", "d"])

    tap.test("the least recently used key is evicted", evict_lru)
    tap.test("get makes a key the most recently used", get_refreshes)
    tap.test("put on an existing key makes it the most recently used", put_refreshes)
    tap.test("'in' does not count as a use", contains_no_refresh)
    tap.test("a get that misses changes nothing", miss_no_change)
    tap.test("capacity 1 keeps only the last key", capacity_one)
    tap.test("the example from the prompt", example)


class Model:
    def __init__(self, capacity):
        self.capacity, self.d = capacity, OrderedDict()

    def get(self, key, default=None):
        if key in self.d:
            self.d.move_to_end(key)
            return self.d[key]
        return default

    def put(self, key, value):
        if key in self.d:
            self.d.move_to_end(key)
        self.d[key] = value
        if len(self.d) > self.capacity:
            self.d.popitem(last=False)


def fresh_rng():
    """Seeded at check time: the operations cannot be known in advance."""
    return random.Random(int.from_bytes(os.urandom(8), "big"))


def run_performance(tap, mod):
    cap, n_fill, n_ops = 100_000, 100_000, 200_000
    seed = int.from_bytes(os.urandom(8), "big")
    ops = perf_ops(seed, n_ops)
    model = Model(cap)
    for k in range(n_fill):
        model.put(k, k)
    expected = [model.put(k, -k) if is_put else model.get(k) for is_put, k in ops]
    state = {}

    def speed():
        cache = new(mod, cap)
        msg = (f"{n_fill + n_ops} operations on a cache of {cap} entries used more than {BUDGET} CPU seconds "
               "(an O(1) cache needs about 0.3 s).\nSomething in get or put takes time proportional to the "
               "number of entries (list.remove, list.pop(0), min() over all entries, copying keys...).")
        with cpu_budget(BUDGET, msg):
            state["got"] = call(child().helper, "fill_and_run", cache, n_fill, n_ops, seed,
                                label=f"the run of {n_fill + n_ops} operations")

    def results():
        if "got" not in state:
            raise Fail("not checked: the speed test did not finish")
        got, n, keys = state["got"]
        if type(got) is not list or len(got) != len(expected):
            raise Fail("the large run did not return one result per operation")
        for i, (g, e) in enumerate(zip(got, expected)):
            if g != e or type(g) is not type(e):
                is_put, k = ops[i]
                what = f"put({k}, {-k})" if is_put else f"get({k})"
                raise Fail(f"operation {n_fill + i + 1} of the large run, {what}, returned {describe(g)}; expected {e!r}")
        if n != cap:
            raise Fail(f"after the large run len(cache) is {describe(n)}; expected {cap}")
        if keys != list(model.d):
            raise Fail("after the large run, keys() is not in least-recently-used order")

    tap.test(f"{n_fill + n_ops} operations on a {cap}-entry cache within {BUDGET} CPU seconds", speed)
    tap.test("the large run returned the right values", results)


def run_random(tap, mod):
    def differential(capacity, n, keyspace):
        rng = fresh_rng()
        model = Model(capacity)
        ops, want, shown = [], [], []
        for _ in range(n):
            k = rng.choice(keyspace)
            r = rng.random()
            if r < 0.45:
                v = rng.choice([None, 0, rng.randrange(1000), "v"])
                ops.append(("put", k, v))
                want.append(model.put(k, v))
                shown.append(f"put({k!r}, {v!r})")
            elif r < 0.9:
                ops.append(("getd", k, "absent"))
                want.append(model.get(k, "absent"))
                shown.append(f"get({k!r}, 'absent')")
            else:
                ops.append(("in", k))
                want.append(k in model.d)
                shown.append(f"{k!r} in cache")
            ops.append(("len",))
            want.append(len(model.d))
            shown.append("len(cache)")
        ops.append(("keys",))
        want.append(list(model.d))
        shown.append("cache.keys()")
        cache = new(mod, capacity)
        got, error = call(child().helper, "run_ops", cache, tuple(ops), label=f"{n} random operations")
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w or type(g) is not type(w):
                raise Fail(f"cache = LRUCache({capacity}); after {i} random operations "
                           f"(last ones: {'; '.join(shown[max(0, i - 8):i])}), {shown[i]} returned {describe(g)}; "
                           f"expected {w!r}")
        if error:
            i, kind, text = error
            raise Fail(f"cache = LRUCache({capacity}); after {i} random operations "
                       f"(last ones: {'; '.join(shown[max(0, i - 8):i])}), {shown[i]} raised {kind}: {text}")

    keys = list(range(12)) + ["a", "b", None, (1, 2), ""]
    tap.test("5000 random operations, capacity 3", lambda: differential(3, 5000, keys))
    tap.test("5000 random operations, capacity 8", lambda: differential(8, 5000, keys))
    tap.test("2000 random operations, capacity 1", lambda: differential(1, 2000, keys))
    tap.test("2000 random operations, capacity larger than the key space",
             lambda: differential(50, 2000, keys))


MODES = {"basics": (6, run_basics), "eviction": (7, run_eviction),
         "performance": (2, run_performance), "random": (4, run_random)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_lru.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("lru", helpers="_inside.py")
    if mod is not None and tap.need(mod, "LRUCache"):
        fn(tap, mod)
    tap.finish()


main()
