"""Graph search (see prompt.md).

Style: one generator, bfs(), yields (node, parent, distance) in BFS order
using a deque; both public functions consume it. shortest_path stops as soon
as the goal is *discovered* and rebuilds the path from a parent dict, walking
it with an explicit loop. A unique marker object is the root's parent so that
None works as a node.
"""
from collections import deque

_NO_PARENT = object()


def bfs(graph, start):
    """Yield (node, parent, distance) for every node reachable from start, in BFS order."""
    seen = {start}
    queue = deque([(start, 0)])
    yield start, _NO_PARENT, 0
    while queue:
        node, dist = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt in seen:
                continue
            seen.add(nxt)
            queue.append((nxt, dist + 1))
            yield nxt, node, dist + 1


def shortest_path(graph, start, goal):
    parent = {}
    for node, par, _dist in bfs(graph, start):
        parent[node] = par
        if node == goal:
            path = deque()
            while node is not _NO_PARENT:
                path.appendleft(node)
                node = parent[node]
            return list(path)
    return None


def distances(graph, start):
    return {node: dist for node, _parent, dist in bfs(graph, start)}
