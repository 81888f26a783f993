"""Breadth-first search: shortest paths by number of edges, in O(V + E)."""
from collections import deque

_ROOT = object()  # the start's parent; not None, because None may be a node


def _bfs(graph, start, goal=None):
    """Explore from start; return {node: parent} for every node reached (start -> _ROOT).

    Stops early once goal has been reached, if a goal is given.
    """
    parent = {start: _ROOT}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in parent:  # mark on discovery, so each node is queued once
                parent[nxt] = node
                if nxt == goal:
                    return parent
                queue.append(nxt)
    return parent


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = _bfs(graph, start, goal)
    if goal not in parent:
        return None
    path = [goal]
    while parent[path[-1]] is not _ROOT:
        path.append(parent[path[-1]])
    path.reverse()
    return path


def distances(graph, start):
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist
