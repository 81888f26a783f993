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


"""A 12-factor configuration loader: see prompt.md."""
import os
from dataclasses import dataclass


class ConfigError(Exception):
    """The environment does not describe a valid configuration."""


@dataclass(frozen=True)
class Config:
    database_url: str
    port: int
    debug: bool
    workers: int
    allowed_hosts: list
    log_level: str
    request_timeout: float


def load_config(environ=None):
    env = os.environ if environ is None else environ
    return Config(
        database_url=env["DATABASE_URL"],
        port=int(env.get("PORT", 8000)),
        debug=bool(env.get("DEBUG", False)),
        workers=int(env.get("WORKERS", 2)),
        allowed_hosts=env.get("ALLOWED_HOSTS", "").split(","),
        log_level=env.get("LOG_LEVEL", "INFO"),
        request_timeout=float(env.get("REQUEST_TIMEOUT", 30)),
    )
