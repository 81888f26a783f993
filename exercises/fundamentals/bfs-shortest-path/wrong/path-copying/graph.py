"""Mistake: every queued entry is a whole copied path, O(length) per node: O(V^2) on a long chain."""
from collections import deque


def shortest_path(graph, start, goal):
    seen = {start}
    queue = deque([[start]])
    while queue:
        path = queue.popleft()
        if path[-1] == goal:
            return path
        for nxt in graph.get(path[-1], ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(path + [nxt])
    return None


def distances(graph, start):
    seen = {start}
    queue = deque([[start]])
    dist = {}
    while queue:
        path = queue.popleft()
        dist[path[-1]] = len(path) - 1
        for nxt in graph.get(path[-1], ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(path + [nxt])
    return dist
