"""Runs inside the learner's process (see isolate.py), loaded before graph.py.

Graphs of hundreds of thousands of nodes would be slow to send, so the
performance checks build them here (the checker builds the same ones) and
only the answers travel back. The checker times this process from outside
and judges every answer itself.
"""
MODULE = []
GRAPHS = {}


def after_import(module):
    MODULE[:] = [module]


def grid(n, walls=()):
    cells = {(r, c) for r in range(n) for c in range(n)} - set(walls)
    return {(r, c): [(r + dr, c + dc) for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)) if (r + dr, c + dc) in cells]
            for r, c in sorted(cells)}


def build(kind, n):
    """The big graphs of the performance checks."""
    if kind == "chain":
        return {i: [i + 1] for i in range(n)}
    if kind == "broom":
        g = {"hub": list(range(n))}
        g[n - 1] = ["end"]
        return g
    return grid(n)


def prepare(kind, n):
    GRAPHS[(kind, n)] = build(kind, n)


def path(kind, n, start, goal):
    return MODULE[0].shortest_path(GRAPHS[(kind, n)], start, goal)


def node_order(graph):
    """Every node of graph, keys first, then nodes that appear only as neighbours (checker and learner agree)."""
    order, seen = list(graph), set(graph)
    for targets in graph.values():
        for v in targets:
            if v not in seen:
                seen.add(v)
                order.append(v)
    return order


def distances_in_order(kind, n, start):
    """distances(...) as a list of the distances of node_order's nodes (-1 if absent), and its size."""
    graph = GRAPHS[(kind, n)]
    d = MODULE[0].distances(graph, start)
    if type(d) is not dict:
        return None, type(d).__name__
    return [d.get(node, -1) for node in node_order(graph)], len(d)
