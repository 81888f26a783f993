"""Mistake: a list used as the queue; list.pop(0) shifts every remaining element, O(V) per pop."""


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph.get(node, ()):
            if nxt not in parent:
                parent[nxt] = node
                if nxt == goal:
                    path = [goal]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return path[::-1]
                queue.append(nxt)
    return None


def distances(graph, start):
    dist = {start: 0}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph.get(node, ()):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist
