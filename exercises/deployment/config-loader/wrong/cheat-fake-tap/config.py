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
