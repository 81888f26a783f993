"""A 12-factor configuration loader: see prompt.md.

Style: a table of (variable, field, default, parser) rows; each parser either
returns a value or raises an internal _Invalid carrying a message. Problems
are collected and reported together in one ConfigError.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, List, Mapping, NamedTuple, Optional


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


class _Invalid(Exception):
    """Internal: one variable's problem (never escapes load_config)."""


_REQUIRED = object()
_INT_RE = re.compile(r"\s*[+-]?[0-9]+\s*", re.ASCII)
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_URL_SCHEMES = ("postgres://", "postgresql://", "sqlite://")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _int_between(low: int, high: Optional[int] = None) -> Callable[[str], int]:
    expectation = (f"an integer from {low} to {high}" if high is not None
                   else f"an integer of at least {low}")

    def parse(raw: str) -> int:
        if not _INT_RE.fullmatch(raw):
            raise _Invalid(f"expected {expectation}, got {raw!r}")
        value = int(raw.strip())
        if value < low or (high is not None and value > high):
            raise _Invalid(f"expected {expectation}, got {raw!r}")
        return value
    return parse


def _bool(raw: str) -> bool:
    word = raw.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _Invalid(f"expected one of true/yes/on/1 or false/no/off/0, got {raw!r}")


def _host_list(raw: str) -> list:
    return [item.strip() for item in raw.split(",") if item.strip()]


def _log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in _LEVELS:
        raise _Invalid(f"expected one of {', '.join(_LEVELS)} (any case), got {raw!r}")
    return level


def _positive_seconds(raw: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise _Invalid(f"expected a number of seconds greater than 0, got {raw!r}") from None
    if math.isnan(value) or math.isinf(value) or value <= 0:
        raise _Invalid(f"expected a number of seconds greater than 0, got {raw!r}")
    return value


def _database_url(raw: str) -> str:
    # The value may contain a password: the message must never include it.
    if not raw.startswith(_URL_SCHEMES):
        raise _Invalid("must start with " + ", ".join(_URL_SCHEMES[:-1]) + " or " + _URL_SCHEMES[-1])
    return raw


class _Var(NamedTuple):
    env: str
    field: str
    default: Any
    parse: Callable[[str], Any]


SPEC = (
    _Var("DATABASE_URL", "database_url", _REQUIRED, _database_url),
    _Var("PORT", "port", 8000, _int_between(1, 65535)),
    _Var("DEBUG", "debug", False, _bool),
    _Var("WORKERS", "workers", 2, _int_between(1)),
    _Var("ALLOWED_HOSTS", "allowed_hosts", (), _host_list),
    _Var("LOG_LEVEL", "log_level", "INFO", _log_level),
    _Var("REQUEST_TIMEOUT", "request_timeout", 30.0, _positive_seconds),
)


def load_config(environ: Optional[Mapping[str, str]] = None) -> Config:
    env = os.environ if environ is None else environ
    values: dict = {}
    problems: List[str] = []
    for var in SPEC:
        raw = env.get(var.env) if hasattr(env, "get") else None
        if raw is not None and not isinstance(raw, str):
            raw = str(raw)
        if raw is None or not raw.strip():
            if var.default is _REQUIRED:
                problems.append(f"{var.env}: required but not set")
            else:
                values[var.field] = list(var.default) if isinstance(var.default, tuple) else var.default
            continue
        try:
            values[var.field] = var.parse(raw)
        except _Invalid as problem:
            problems.append(f"{var.env}: {problem}")
    if problems:
        raise ConfigError("\n".join(problems))
    return Config(**values)
