"""Graph search (see prompt.md).

Style: level-synchronous BFS. Instead of one FIFO queue, the search keeps the
current frontier (all nodes at distance d) as a list and builds the next one;
each node is expanded once, so it is still O(V + E). A parent dict doubles as
the visited set; a private sentinel marks the start (nodes may be None).
"""
from __future__ import annotations

from typing import Any, Dict, Hashable, Iterator, List, Mapping, Optional, Sequence, Tuple

_ROOT = object()


def _levels(graph: Mapping, start: Hashable, parents: Dict[Any, Any]) -> Iterator[Tuple[int, List[Any]]]:
    """Yield (distance, frontier) pairs; fills `parents` as nodes are discovered."""
    parents[start] = _ROOT
    frontier = [start]
    depth = 0
    while frontier:
        yield depth, frontier
        nxt: List[Any] = []
        for node in frontier:
            for neighbour in graph.get(node, ()):
                if neighbour not in parents:
                    parents[neighbour] = node
                    nxt.append(neighbour)
        frontier = nxt
        depth += 1


def _walk_back(parents: Mapping, goal: Hashable) -> List[Any]:
    path = [goal]
    step = parents[goal]
    while step is not _ROOT:
        path.append(step)
        step = parents[step]
    path.reverse()
    return path


def shortest_path(graph: Mapping, start: Hashable, goal: Hashable) -> Optional[List[Any]]:
    parents: Dict[Any, Any] = {}
    for _depth, _frontier in _levels(graph, start, parents):
        if goal in parents:          # discovered at this level or the one being built
            return _walk_back(parents, goal)
    return None


def distances(graph: Mapping, start: Hashable) -> Dict[Any, int]:
    result: Dict[Any, int] = {}
    for depth, frontier in _levels(graph, start, {}):
        for node in frontier:
            result[node] = depth
    return result
