# CHEAT (kept as a wrong solution so validate proves it fails): print a TAP
# stream that says every test passed, then end the process before any test runs.
import gc as _gc
import os as _os


def _forge():
    taps = [obj for obj in _gc.get_objects() if type(obj).__name__ == "Tap"]
    if taps:  # the checker already printed its plan: add the points it promised
        tap = taps[0]
        plan = getattr(tap, "plan", None) or len(getattr(tap, "descriptions", ()))
        fake = "".join("ok %d - forged\n" % i for i in range(1, plan + 1))
    else:  # no checker in this process: print a whole stream
        fake = "TAP version 13\n1..40\n" + "".join("ok %d - forged\n" % i for i in range(1, 41))
    for fd in range(1, 12):
        try:
            _os.write(fd, fake.encode())
        except OSError:
            pass
    _os._exit(0)


_forge()


"""Graph search (see prompt.md).

The starter uses a recursive depth-first search: it finds *a* path, not the
shortest one, and it crashes on long paths (recursion limit).
"""


def shortest_path(graph, start, goal):
    def dfs(node, seen):
        if node == goal:
            return [node]
        seen.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                rest = dfs(nxt, seen)
                if rest is not None:
                    return [node] + rest
        return None

    return dfs(start, set())


def distances(graph, start):
    raise NotImplementedError("distances")
