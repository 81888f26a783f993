# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok".
import gc as _gc
import sys as _sys


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            for name in ("_point", "_emit", "ok"):
                original = obj.__dict__.get(name)
                if original is None:
                    continue
                if name == "_point":
                    obj._point = lambda self, ok, desc, lines=(), _o=original: _o(self, True, desc)
                elif name == "_emit":
                    obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)
                else:
                    obj.ok = lambda self, cond, desc, diag=None, _o=original: _o(self, True, desc)
    for name in ("taplib", "_tap"):
        lib = _sys.modules.get(name)
        if lib is not None and hasattr(lib, "Fail"):
            lib.Fail.__init__ = lambda self, *a: None
    main = _sys.modules.get("__main__")
    if main is not None:
        for name, value in list(vars(main).items()):
            if name.startswith(("expect", "check", "t_")) and callable(value):
                setattr(main, name, lambda *a, **k: None)


_patch()


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
