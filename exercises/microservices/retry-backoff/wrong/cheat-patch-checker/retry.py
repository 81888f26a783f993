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


"""Retry with exponential backoff and full jitter. See prompt.md."""
import random
import time


def retry(func, *, max_attempts=5, base_delay=0.1, max_delay=5.0,
          retry_on=(ConnectionError, TimeoutError), sleep=time.sleep, rand=random.random):
    """Call func() until it succeeds; see prompt.md for the exact rules."""
    while True:
        try:
            return func()
        except Exception:
            sleep(1)
