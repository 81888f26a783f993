"""Mistake: the visited nodes are kept in a list, so each membership test is O(V)."""
from collections import deque


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    visited = [start]
    parent = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in visited:
                visited.append(nxt)
                parent[nxt] = node
                if nxt == goal:
                    path = [goal]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                queue.append(nxt)
    return None


def distances(graph, start):
    visited = [start]
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in visited:
                visited.append(nxt)
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist
