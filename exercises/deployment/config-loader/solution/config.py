"""A 12-factor configuration loader: typed, with defaults and complete errors."""
import math
import os
import re
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


TRUE = {"true", "yes", "on", "1"}
FALSE = {"false", "no", "off", "0"}
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
SCHEMES = ("postgres://", "postgresql://", "sqlite://")

_MISSING = object()


class _Reader:
    def __init__(self, environ):
        self.env = environ
        self.errors = []

    def raw(self, name):
        value = self.env.get(name)
        if value is None or not value.strip():
            return _MISSING
        return value.strip()

    def fail(self, name, message):
        self.errors.append(f"{name}: {message}")

    def integer(self, name, default, low, high=None):
        value = self.raw(name)
        if value is _MISSING:
            return default
        ok = re.fullmatch(r"[+-]?\d+", value) is not None
        number = int(value) if ok else None
        if not ok or number < low or (high is not None and number > high):
            span = f"from {low} to {high}" if high is not None else f"of at least {low}"
            self.fail(name, f"expected an integer {span}, got {value!r}")
            return default
        return number

    def boolean(self, name, default):
        value = self.raw(name)
        if value is _MISSING:
            return default
        if value.lower() in TRUE:
            return True
        if value.lower() in FALSE:
            return False
        self.fail(name, f"expected one of true/false, yes/no, on/off, 1/0, got {value!r}")
        return default


def load_config(environ=None):
    r = _Reader(os.environ if environ is None else environ)

    database_url = r.raw("DATABASE_URL")
    if database_url is _MISSING:
        r.fail("DATABASE_URL", "required but not set")
    elif not database_url.startswith(SCHEMES):
        # never echo the value: it usually holds a password
        r.fail("DATABASE_URL", "must start with " + ", ".join(SCHEMES[:-1]) + " or " + SCHEMES[-1])

    port = r.integer("PORT", 8000, 1, 65535)
    debug = r.boolean("DEBUG", False)
    workers = r.integer("WORKERS", 2, 1)

    hosts = r.raw("ALLOWED_HOSTS")
    allowed_hosts = [] if hosts is _MISSING else [h.strip() for h in hosts.split(",") if h.strip()]

    log_level = r.raw("LOG_LEVEL")
    if log_level is _MISSING:
        log_level = "INFO"
    elif log_level.upper() in LEVELS:
        log_level = log_level.upper()
    else:
        r.fail("LOG_LEVEL", f"expected one of {', '.join(LEVELS)}, got {log_level!r}")

    timeout = r.raw("REQUEST_TIMEOUT")
    request_timeout = 30.0
    if timeout is not _MISSING:
        try:
            request_timeout = float(timeout)
        except ValueError:
            request_timeout = math.nan
        if not (request_timeout > 0 and math.isfinite(request_timeout)):
            r.fail("REQUEST_TIMEOUT", f"expected a number of seconds greater than 0, got {timeout!r}")

    if r.errors:
        raise ConfigError("\n".join(r.errors))
    return Config(database_url, port, debug, workers, allowed_hosts, log_level, request_timeout)
