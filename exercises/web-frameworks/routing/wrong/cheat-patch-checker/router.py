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


"""A small URL router: see prompt.md."""
from collections import namedtuple

Match = namedtuple("Match", "status handler params allow")


class Router:
    def __init__(self):
        self.routes = []

    def add(self, method, pattern, handler):
        self.routes.append((method, pattern, handler))

    def match(self, method, path):
        # Only exact, literal paths work so far.
        for m, pattern, handler in self.routes:
            if m == method and pattern == path:
                return Match(200, handler, {}, None)
        return Match(404, None, {}, None)
