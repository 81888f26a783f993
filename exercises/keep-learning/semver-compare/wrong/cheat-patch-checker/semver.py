# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok".
import gc as _gc
import sys as _sys


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            for name in ("_emit", "_point", "ok"):
                original = obj.__dict__.get(name)
                if original is None:
                    continue
                if name == "_emit":
                    obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)
                elif name == "_point":
                    obj._point = lambda self, ok, desc, lines=(), _o=original: _o(self, True, desc)
                else:
                    obj.ok = lambda self, cond, desc, diag=None, _o=original: _o(self, True, desc)
    main = _sys.modules.get("__main__")
    if main is not None:
        for name, value in list(vars(main).items()):
            if name.startswith(("expect", "ordered")) and callable(value):
                setattr(main, name, lambda *a, **k: (lambda: None))


_patch()


def parse(version):
    major, minor, patch = version.split(".")
    return int(major), int(minor), int(patch), (), ()


def compare(a, b):
    return (a > b) - (a < b)
