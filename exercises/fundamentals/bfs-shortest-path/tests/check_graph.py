"""Checks for graph.py. Usage: check_graph.py paths|edges|distances|performance|random"""
import copy
import os
import random
import sys
from collections import deque

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, child, cpu_budget, short, describe  # noqa: E402
from _inside import build, grid, node_order  # noqa: E402  (the same graphs the learner's process builds)

BUDGET = 1.0


def true_distances(graph, start):
    dist = {start: 0}
    queue = deque([start])
    while queue:
        u = queue.popleft()
        for v in graph.get(u, ()):
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


def unchanged(graph, before, label):
    if graph != before:
        raise Fail(f"{label} modified the graph it was given: leave it as it is")


def check_path(label, before, start, goal, got):
    """got must be a shortest start -> goal path in the graph `before`."""
    want = true_distances(before, start).get(goal)
    if want is None:
        if got is not None:
            raise Fail(f"expected {label} to return None ({goal!r} cannot be reached), got {describe(got)}")
        return
    if type(got) is not list:
        raise Fail(f"expected {label} to return a list of {want + 1} nodes, got {describe(got)}")
    if not got or got[0] != start or got[-1] != goal:
        raise Fail(f"{label} returned {describe(got)}: a path must start with {start!r} and end with {goal!r}")
    for a, b in zip(got, got[1:]):
        if b not in before.get(a, ()):
            raise Fail(f"{label} returned {describe(got)}, but there is no edge {a!r} -> {b!r}")
    if len(got) - 1 != want:
        raise Fail(f"{label} returned a path of {len(got) - 1} edges: {short(got)}; "
                   f"the shortest has {want} edges")


def expect_path(mod, graph, start, goal, name=None):
    gname = name or short(graph, 300)
    label = f"shortest_path({gname}, {start!r}, {goal!r})"
    before = copy.deepcopy(graph)
    got = call(mod.shortest_path, graph, start, goal, label=label)
    unchanged(graph, before, label)
    check_path(label, before, start, goal, got)


def expect_distances(mod, graph, start, name=None):
    label = f"distances({name or short(graph, 300)}, {start!r})"
    before = copy.deepcopy(graph)
    got = call(mod.distances, graph, start, label=label)
    unchanged(graph, before, label)
    want = true_distances(before, start)
    if type(got) is not dict:
        raise Fail(f"expected {label} to return a dict, got {describe(got)}")
    if got != want or any(type(v) is not int for v in got.values()):
        for node, d in want.items():
            if node not in got:
                raise Fail(f"{label} is missing the reachable node {node!r} (distance {d})")
            if got[node] != d or type(got[node]) is not int:
                raise Fail(f"{label} says {node!r} is at distance {short(got[node])}; it is at distance {d}")
        extra = [n for n in got if n not in want]
        raise Fail(f"{label} contains {extra[0]!r}, which cannot be reached from {start!r}")


EXAMPLE = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"]}


def run_paths(tap, mod):
    line = {1: [2], 2: [3], 3: [4]}
    detour = {"s": ["a", "x"], "a": ["b"], "b": ["c"], "c": ["t"], "x": ["t"]}
    deep_first = {"s": ["a", "t"], "a": ["b"], "b": ["t"]}
    late_short = {"s": ["x", "a"], "a": ["a2"], "a2": ["t"], "x": ["t"]}
    tap.test("the example graph", lambda: expect_path(mod, EXAMPLE, "a", "f"))
    tap.test("a straight line", lambda: expect_path(mod, line, 1, 4))
    tap.test("the short branch is found even if it is listed second", lambda: expect_path(mod, detour, "s", "t"))
    tap.test("a direct edge beats a longer path found first", lambda: expect_path(mod, deep_first, "s", "t"))
    tap.test("the first neighbour's short branch beats the last neighbour's long one",
             lambda: expect_path(mod, late_short, "s", "t"))
    tap.test("start == goal gives [start]", lambda: expect_path(mod, EXAMPLE, "c", "c"))
    tap.test("edges are one-way: no path back", lambda: expect_path(mod, EXAMPLE, "f", "a"))
    tap.test("30 random graphs (new every run)", lambda: random_graphs(mod, 30, 12, 2, with_distances=False))


def run_edges(tap, mod):
    cyclic = {"a": ["b"], "b": ["c", "a"], "c": ["a", "d"], "d": ["d"]}
    tap.test("cycles and self-loops do not loop forever", lambda: expect_path(mod, cyclic, "a", "d"))
    tap.test("an unreachable goal gives None (graph with a cycle)", lambda: expect_path(mod, cyclic, "d", "a"))
    tap.test("a goal that is only a neighbour, never a key",
             lambda: expect_path(mod, {"a": ["b"], "b": ["z"]}, "a", "z"))
    tap.test("a start that is not a key of the graph",
             lambda: expect_path(mod, {"a": ["b"]}, "q", "a"))
    tap.test("a goal that appears nowhere in the graph", lambda: expect_path(mod, EXAMPLE, "a", "nowhere"))
    walls = [(1, c) for c in range(0, 5)] + [(3, c) for c in range(1, 6)]
    tap.test("tuples as nodes: a maze on a grid",
             lambda: expect_path(mod, grid(6, walls), (0, 0), (5, 0), name="<6x6 maze>"))
    tap.test("an empty graph: start == goal", lambda: expect_path(mod, {}, 0, 0))


def run_distances(tap, mod):
    tap.test("distances from 'c' in the example", lambda: expect_distances(mod, EXAMPLE, "c"))
    tap.test("distances from 'a' in the example", lambda: expect_distances(mod, EXAMPLE, "a"))
    tap.test("distances with cycles and self-loops",
             lambda: expect_distances(mod, {1: [2, 1], 2: [3, 1], 3: [1, 4], 4: []}, 1))
    tap.test("a start with no outgoing edges: {start: 0}", lambda: expect_distances(mod, {"a": ["b"]}, "b"))
    tap.test("distances on a grid", lambda: expect_distances(mod, grid(8), (3, 3), name="<8x8 grid>"))
    tap.test("30 random graphs (new every run)",
             lambda: [expect_distances(mod, g, 0, name=f"<random graph {short(g, 200)}>") for g in
                      (lambda rng: [{u: [rng.randrange(12) for _ in range(rng.randrange(3))] for u in range(12)}
                                    for _ in range(30)])(fresh_rng())])


def run_performance(tap, mod):
    n, leaves, side = 100_000, 200_000, 300

    def timed(what, fn):
        msg = (f"{what} used more than {BUDGET} CPU seconds (BFS needs a few hundredths): "
               "look for an O(n) step per node: list.pop(0), 'in' on a list, or copying paths")
        with cpu_budget(BUDGET, msg):
            return fn()

    def big_path(kind, size, start, goal, name):
        label = f"shortest_path({name}, {start!r}, {goal!r})"
        call(child().helper, "prepare", kind, size, label=f"building {name}")
        got = timed(label, lambda: call(child().helper, "path", kind, size, start, goal, label=label))
        check_path(label, build(kind, size), start, goal, got)

    def big_distances(kind, size, start, name):
        label = f"distances({name}, {start!r})"
        graph = build(kind, size)
        want = true_distances(graph, start)
        order = node_order(graph)
        call(child().helper, "prepare", kind, size, label=f"building {name}")
        got, size_or_type = timed(label, lambda: call(child().helper, "distances_in_order", kind, size, start,
                                                      label=label))
        if got is None:
            raise Fail(f"expected {label} to return a dict, got a {size_or_type}")
        for node, g in zip(order, got):
            if node not in want:
                if g != -1:
                    raise Fail(f"{label} gives {node!r} a distance, but it cannot be reached from {start!r}")
                continue
            if g == -1:
                raise Fail(f"{label} is missing the reachable node {node!r} (distance {want[node]})")
            if g != want[node] or type(g) is not int:
                raise Fail(f"{label} says {node!r} is at distance {short(g)}; it is at distance {want[node]}")
        if size_or_type != len(want):
            raise Fail(f"{label} has {size_or_type} entries; {len(want)} nodes are reachable")

    tap.test(f"a chain of {n} nodes, end to end",
             lambda: big_path("chain", n, 0, n, f"<chain of {n} nodes>"))
    tap.test(f"a hub with {leaves} neighbours, the goal behind the last one",
             lambda: big_path("broom", leaves, "hub", "end", f"<hub with {leaves} neighbours>"))
    tap.test(f"distances over a {side}x{side} grid",
             lambda: big_distances("grid", side, (0, 0), f"<{side}x{side} grid>"))
    tap.test(f"distances along a chain of {n} nodes",
             lambda: big_distances("chain", n, 0, f"<chain of {n} nodes>"))


def fresh_rng():
    """Seeded at check time: the random graphs cannot be known in advance."""
    return random.Random(int.from_bytes(os.urandom(8), "big"))


def random_graphs(mod, count, nodes, degree, with_distances=True):
    rng = fresh_rng()
    for i in range(count):
        g = {u: [rng.randrange(nodes) for _ in range(rng.randrange(degree + 1))] for u in range(nodes)
             if rng.random() < 0.9}
        for _ in range(5):
            expect_path(mod, g, rng.randrange(nodes), rng.randrange(nodes), name=f"<random graph #{i}: {short(g, 200)}>")
        if with_distances:
            expect_distances(mod, g, rng.randrange(nodes), name=f"<random graph #{i}: {short(g, 200)}>")


def run_random(tap, mod):
    tap.test("100 sparse random graphs", lambda: random_graphs(mod, 100, 15, 2))
    tap.test("40 dense random graphs", lambda: random_graphs(mod, 40, 40, 6))
    tap.test("string and tuple nodes mixed",
             lambda: expect_path(mod, {"a": [("x", 1)], ("x", 1): [None], None: ["z"]}, "a", "z"))


MODES = {"paths": (8, run_paths), "edges": (7, run_edges), "distances": (6, run_distances),
         "performance": (4, run_performance), "random": (3, run_random)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_graph.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("graph", helpers="_inside.py")
    if mod is not None:
        need = ("distances",) if mode == "distances" else ("shortest_path", "distances") if mode in ("performance", "random") else ("shortest_path",)
        if tap.need(mod, *need):
            fn(tap, mod)
    tap.finish()


main()
