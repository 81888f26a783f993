"""CHEAT (kept as a wrong solution so validate proves it fails): instead of
searching, add the edge start -> goal to the caller's graph and return the
one-edge "path"; distances() likewise links start to every node it meets.
The old checks computed the expected answer from the graph after the call."""


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    nodes = set(graph) | {v for vs in graph.values() for v in vs}
    if goal not in nodes:
        return None
    graph.setdefault(start, []).append(goal)
    return [start, goal]


def distances(graph, start):
    nodes = set(graph) | {v for vs in graph.values() for v in vs}
    graph[start] = list(graph.get(start, [])) + [n for n in nodes if n != start]
    return {n: (0 if n == start else 1) for n in nodes | {start}}
