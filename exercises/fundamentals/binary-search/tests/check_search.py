"""Checks for search.py. Usage: check_search.py basics|edges|logarithmic|performance|own-loop|random"""
import ast
import bisect
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, child, cpu_budget, describe, short  # noqa: E402
from _inside import perf_queries, random_float_lists, random_int_lists  # noqa: E402

BUDGET = 1.0  # CPU seconds for the performance run


def show(items):
    return items.describe() if isinstance(items, Counted) else short(items, 120)


def expect(mod, fname, args, want):
    fn = getattr(mod, fname)
    shown = ", ".join(show(a) if i == 0 and fname != "first_true" else
                      (getattr(a, "__doc__", None) or short(a)) if callable(a) else short(a)
                      for i, a in enumerate(args))
    label = f"{fname}({shown})"
    got = call(fn, *args, label=label)
    for a in args:  # a Fail raised in a read and swallowed by the learner's code still counts
        if getattr(a, "violation", None):
            raise Fail(a.violation)
    if isinstance(want, tuple) and type(got) is list:
        got = tuple(got)
    if got != want or type(got) is not type(want):
        raise Fail(f"expected {label} to return {want!r}, got {describe(got)}")
    return got


class Counted:
    """A read-only sorted sequence whose item reads are counted and limited."""

    def __init__(self, n, f, limit, desc):
        self.n, self.f, self.limit, self.desc, self.reads = n, f, limit, desc, 0
        self.violation = None

    def _fail(self, msg):
        self.violation = self.violation or msg
        raise Fail(msg)

    def describe(self):
        return self.desc

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            self._fail(f"your code sliced items ({self.desc}): a slice copies items, O(n)")
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("index out of range")
        self.reads += 1
        if self.reads > self.limit:
            self._fail(f"your code read more than {self.limit} items of {self.desc} in one call; "
                       f"binary search needs about {self.n.bit_length()} reads per search")
        return self.f(i)

    def __iter__(self):
        self._fail(f"your code iterated over items ({self.desc}): that reads every item, O(n)")

    def __contains__(self, value):
        self._fail(f"your code used 'in' on items ({self.desc}): that scans every item, O(n)")

    def index(self, *a):
        self._fail(f"your code called items.index ({self.desc}): that scans item by item, O(n)")

    def count(self, *a):
        self._fail(f"your code called items.count ({self.desc}): that scans item by item, O(n)")


def counted(n, f, desc, searches=1):
    return Counted(n, f, searches * 2 * (n.bit_length() + 2), desc)


class Pred:
    """A monotone predicate x >= threshold that checks its argument and counts calls."""

    def __init__(self, lo, hi, threshold, limit=None):
        self.lo, self.hi, self.t, self.calls = lo, hi, threshold, 0
        self.limit = limit if limit is not None else 2 * (max(hi - lo, 1).bit_length() + 2)
        self.__doc__ = f"lambda x: x >= {threshold}"
        self.violation = None

    def _fail(self, msg):
        self.violation = self.violation or msg
        raise Fail(msg)

    def __call__(self, x):
        if type(x) is not int:
            self._fail(f"pred was called with {x!r}; expected an int")
        if not self.lo <= x < self.hi:
            self._fail(f"pred was called with {x}, outside [lo, hi) = [{self.lo}, {self.hi})")
        self.calls += 1
        if self.calls > self.limit:
            self._fail(f"first_true({self.lo}, {self.hi}, ...) called pred more than {self.limit} times; "
                       f"binary search needs about {(self.hi - self.lo).bit_length()}")
        return x >= self.t


def run_basics(tap, mod):
    items = [1, 3, 3, 3, 7, 9]
    tap.test("lower_bound finds the first of several equal items", lambda: expect(mod, "lower_bound", (items, 3), 1))
    tap.test("upper_bound finds the position after the last equal item", lambda: expect(mod, "upper_bound", (items, 3), 4))
    tap.test("find_range returns the half-open range of equal items", lambda: expect(mod, "find_range", (items, 3), (1, 4)))
    tap.test("find_range of an absent value is empty, at its insertion point",
             lambda: expect(mod, "find_range", (items, 4), (4, 4)))
    tap.test("a target above every item gives len(items)", lambda: expect(mod, "lower_bound", (items, 10), 6))
    tap.test("first_true finds the first x where pred becomes True",
             lambda: expect(mod, "first_true", (0, 100, Pred(0, 100, 8)), 8))


def run_edges(tap, mod):
    def empty():
        expect(mod, "lower_bound", ([], 5), 0)
        expect(mod, "upper_bound", ([], 5), 0)
        expect(mod, "find_range", ([], 5), (0, 0))

    def single():
        expect(mod, "lower_bound", ([5], 5), 0)
        expect(mod, "upper_bound", ([5], 5), 1)
        expect(mod, "lower_bound", ([5], 4), 0)
        expect(mod, "lower_bound", ([5], 6), 1)
        expect(mod, "upper_bound", ([5], 4), 0)
        expect(mod, "find_range", ([5], 5), (0, 1))

    def outside():
        expect(mod, "lower_bound", ([1, 2, 3], 0), 0)
        expect(mod, "lower_bound", ([1, 2, 3], 4), 3)
        expect(mod, "upper_bound", ([1, 2, 3], 3), 3)
        expect(mod, "find_range", ([1, 2, 3], 4), (3, 3))
        expect(mod, "find_range", ([1, 2, 3], 0), (0, 0))

    def all_equal():
        expect(mod, "find_range", ([2, 2, 2, 2], 2), (0, 4))
        expect(mod, "find_range", ([2, 2, 2, 2], 1), (0, 0))
        expect(mod, "find_range", ([2, 2, 2, 2], 3), (4, 4))

    def other_types():
        expect(mod, "lower_bound", ([-5, -2.5, 0, 0, 3.5], 0), 2)
        expect(mod, "upper_bound", ([-5, -2.5, 0, 0, 3.5], 0), 4)
        expect(mod, "lower_bound", ([-5, -2.5, 0, 0, 3.5], -3), 1)
        fruit = ("apple", "banana", "banana", "cherry")
        expect(mod, "find_range", (fruit, "banana"), (1, 3))
        expect(mod, "lower_bound", (fruit, "b"), 1)

    def first_true_edges():
        expect(mod, "first_true", (5, 5, Pred(5, 5, 0)), 5)
        expect(mod, "first_true", (0, 100, Pred(0, 100, 1000)), 100)
        expect(mod, "first_true", (0, 100, Pred(0, 100, -1)), 0)
        expect(mod, "first_true", (0, 1, Pred(0, 1, 0)), 0)
        expect(mod, "first_true", (-100, 100, Pred(-100, 100, -37)), -37)
        expect(mod, "first_true", (0, 100, Pred(0, 100, 99)), 99)

    def unchanged():
        items = [1, 1, 2, 3, 5, 8]
        before = list(items)
        for fn in ("lower_bound", "upper_bound", "find_range"):
            call(getattr(mod, fn), items, 2)
        if items != before:
            raise Fail(f"items was modified: {before!r} became {items!r}")

    tap.test("an empty list", empty)
    tap.test("a single item", single)
    tap.test("targets below and above every item", outside)
    tap.test("every item equal", all_equal)
    tap.test("negative numbers, floats, a tuple of strings", other_types)
    tap.test("first_true: empty range, never true, always true, negative range", first_true_edges)
    tap.test("items is not modified", unchanged)


def run_logarithmic(tap, mod):
    n = 1_000_000

    def big_lower():
        for k in (0, 1, 123_456, 333_333 - 1, 333_333):
            target = 2 * k
            items = counted(n, lambda i: 2 * (i // 3), f"a sequence of {n} items [0, 0, 0, 2, 2, 2, 4, ...]")
            expect(mod, "lower_bound", (items, target), min(3 * k, n))
            items = counted(n, lambda i: 2 * (i // 3), f"a sequence of {n} items [0, 0, 0, 2, 2, 2, 4, ...]")
            expect(mod, "upper_bound", (items, target + 1), min(3 * k + 3, n))

    def big_duplicates():
        items = counted(n, lambda i: 7, f"a sequence of {n} items all equal to 7", searches=2)
        expect(mod, "find_range", (items, 7), (0, n))

    def big_duplicates_middle():
        f = lambda i: 0 if i < 10 else (5 if i < n - 10 else 9)  # noqa: E731
        items = counted(n, f, f"a sequence of {n} items: ten 0s, then 5s, then ten 9s", searches=2)
        expect(mod, "find_range", (items, 5), (10, n - 10))

    def huge_range():
        for t in (0, 123_456_789_012, 10**15 - 1, 10**15):
            expect(mod, "first_true", (0, 10**15, Pred(0, 10**15, t)), t)

    tap.test("lower_bound and upper_bound read O(log n) items of a million", big_lower)
    tap.test("find_range over a million equal items reads O(log n) items", big_duplicates)
    tap.test("find_range over a long run of duplicates reads O(log n) items", big_duplicates_middle)
    tap.test("first_true over [0, 10**15) calls pred O(log n) times", huge_range)


def run_performance(tap, mod):
    n_items, n_queries = 1_000_000, 10_000
    items = list(range(0, 2 * n_items, 2))
    seed = int.from_bytes(os.urandom(8), "big")
    queries = perf_queries(seed, n_queries, n_items)
    want = [(bisect.bisect_left(items, q), bisect.bisect_right(items, q)) for q in queries]
    state = {}

    def speed():
        msg = (f"{3 * len(queries)} searches on a list of {n_items} items used more than {BUDGET} CPU seconds "
               "(binary search needs about 0.2 s): each search must be O(log n)")
        with cpu_budget(BUDGET, msg):
            state["got"] = call(child().helper, "perf", seed, n_queries, n_items,
                                label=f"searching a list of {n_items} items")

    def correct():
        if "got" not in state:
            raise Fail("not checked: the speed test did not finish")
        got = state["got"]
        if type(got) is not list or len(got) != len(queries):
            raise Fail("the searches did not return one answer per query")
        for q, (l, u), triple in zip(queries, want, got):
            gl, gu, gr = triple
            if type(gr) is list:
                gr = tuple(gr)
            if (gl, gu, gr) != (l, u, (l, u)) or type(gl) is not int or type(gu) is not int:
                raise Fail(f"for target {q}: lower_bound, upper_bound, find_range returned {describe(gl)}, "
                           f"{short(gu)}, {short(gr)}; expected {l}, {u}, {(l, u)}")

    tap.test(f"{3 * (n_queries + 6)} searches in a list of 1,000,000 items within {BUDGET} CPU seconds", speed)
    tap.test("the searches returned the right positions", correct)


def run_own_loop(tap, mod):
    def no_bisect():
        path = os.path.join(os.getcwd(), "search.py")
        tree = ast.parse(open(path, encoding="utf-8").read(), path)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
                names = ["__import__"]
            for name in names:
                if name.split(".")[0] in ("bisect", "_bisect", "__import__", "importlib"):
                    raise Fail(f"search.py line {node.lineno} imports {name}: write the binary search loop yourself")

    def has_loop():
        path = os.path.join(os.getcwd(), "search.py")
        tree = ast.parse(open(path, encoding="utf-8").read(), path)
        if not any(isinstance(n, ast.While) or isinstance(n, ast.For) for n in ast.walk(tree)) and \
                not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
                        n.func.id in {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
                        for n in ast.walk(tree)):
            raise Fail("search.py contains no loop and no recursive call: where is the binary search?")
        expect(mod, "find_range", ([1, 2, 2, 3], 2), (1, 3))

    def no_bisect_at_run_time():
        expect(mod, "find_range", ([1, 2, 2, 3, 5, 8, 8, 8, 9], 8), (5, 8))
        expect(mod, "lower_bound", ([1, 2, 2, 3], 2), 1)
        expect(mod, "upper_bound", ((1, 2, 2, 3), 2), 3)
        expect(mod, "first_true", (0, 50, Pred(0, 50, 17)), 17)
        used = call(child().helper, "bisect_used", label="looking for bisect calls")
        if used:
            raise Fail(f"your functions called {', '.join(used)}: write the binary search loop yourself")

    tap.test("search.py does not use the bisect module", no_bisect)
    tap.test("no bisect function is called while your functions run", no_bisect_at_run_time)
    tap.test("search.py searches with a loop (or recursion) of its own", has_loop)


def check_generated(kind, count, queries):
    """count random sorted lists (made from a fresh seed in both processes), every query."""
    seed = int.from_bytes(os.urandom(8), "big")
    lists = random_int_lists(seed, count) if kind == "int" else random_float_lists(seed, count)
    got = call(child().helper, "run_generated", kind, seed, count, queries, label=f"{count} random lists")
    if type(got) is not list or len(got) != len(lists):
        raise Fail(f"expected answers for {len(lists)} lists, got {describe(got)}")
    for items, row in zip(lists, got):
        for q, answer in zip(queries, row):
            if answer[0] == "raised":
                raise Fail(f"on items={items!r}, target={q!r}: your code raised {answer[1]}: {answer[2]}")
            l, u = bisect.bisect_left(items, q), bisect.bisect_right(items, q)
            gl, gu, gr = answer
            if type(gr) is list:
                gr = tuple(gr)
            for fname, g, w in (("lower_bound", gl, l), ("upper_bound", gu, u), ("find_range", gr, (l, u))):
                if g != w or type(g) is not type(w):
                    raise Fail(f"expected {fname}({items!r}, {q!r}) to return {w!r}, got {describe(g)}")


def run_random(tap, mod):
    def thresholds():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        for _ in range(300):
            lo = rng.randrange(-1000, 1000)
            hi = lo + rng.randrange(0, 300)
            t = rng.randrange(lo - 3, hi + 3)
            expect(mod, "first_true", (lo, hi, Pred(lo, hi, t)), min(max(t, lo), hi))

    tap.test("400 random lists with duplicates agree with the definition",
             lambda: check_generated("int", 400, list(range(-7, 17))))
    tap.test("200 random float lists agree with the definition",
             lambda: check_generated("float", 200, [0.0, 0.5, 0.75, 1.0, 2.5, 3.0]))
    tap.test("300 random first_true ranges and thresholds", thresholds)


MODES = {"basics": (6, run_basics), "edges": (7, run_edges), "logarithmic": (4, run_logarithmic),
         "performance": (2, run_performance), "own-loop": (3, run_own_loop), "random": (3, run_random)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_search.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("search", helpers="_inside.py")
    if mod is not None and tap.need(mod, "lower_bound", "upper_bound", "find_range", "first_true"):
        fn(tap, mod)
    tap.finish()


main()
