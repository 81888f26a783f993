"""Mistake: pops from the wrong end (a stack), which is depth-first: paths are not shortest."""


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: None}
    stack = [start]
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt not in parent:
                parent[nxt] = node
                if nxt == goal:
                    path = [goal]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return path[::-1]
                stack.append(nxt)
    return None


def distances(graph, start):
    dist = {start: 0}
    stack = [start]
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                stack.append(nxt)
    return dist
