"""A 12-factor configuration loader: see prompt.md.

Style: an EnvReader object with one typed accessor per kind of variable
(text, integer, boolean, csv list, choice, positive float). Each accessor
returns the parsed value or the default and records problems on the reader;
load_config asks for every variable, then raises one ConfigError listing all
problems. Surrounding spaces are stripped from every value (DATABASE_URL too).
"""
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


_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_BOOLEANS = {"true": True, "yes": True, "on": True, "1": True,
             "false": False, "no": False, "off": False, "0": False}


class EnvReader:
    def __init__(self, environ):
        self._env = environ
        self.problems = []

    def _raw(self, name):
        try:
            value = self._env.get(name)
        except Exception:            # an odd mapping must still give a ConfigError
            value = None
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    def _fail(self, name, message):
        self.problems.append("%s: %s" % (name, message))

    def secret_url(self, name, schemes):
        value = self._raw(name)
        if value is None:
            self._fail(name, "required but not set")
        elif not value.startswith(tuple(schemes)):
            # never echo the value: it may hold a password
            self._fail(name, "must start with %s or %s" % (", ".join(schemes[:-1]), schemes[-1]))
        else:
            return value
        return None

    def integer(self, name, default, low, high=None):
        value = self._raw(name)
        if value is None:
            return default
        if _INTEGER.fullmatch(value):
            number = int(value)
            if number >= low and (high is None or number <= high):
                return number
        wanted = ("an integer from %d to %d" % (low, high)) if high is not None \
            else ("an integer >= %d" % low)
        self._fail(name, "expected %s, got %r" % (wanted, value))
        return default

    def boolean(self, name, default):
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() in _BOOLEANS:
            return _BOOLEANS[value.lower()]
        self._fail(name, "expected true/yes/on/1 or false/no/off/0, got %r" % value)
        return default

    def csv(self, name):
        value = self._raw(name)
        if value is None:
            return []
        return [part.strip() for part in value.split(",") if part.strip()]

    def choice(self, name, default, options):
        value = self._raw(name)
        if value is None:
            return default
        if value.upper() in options:
            return value.upper()
        self._fail(name, "expected one of %s, got %r" % ("/".join(options), value))
        return default

    def positive_float(self, name, default):
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if math.isfinite(number) and number > 0:
            return number
        self._fail(name, "expected a number of seconds > 0, got %r" % value)
        return default


def load_config(environ=None):
    reader = EnvReader(os.environ if environ is None else environ)
    values = dict(
        database_url=reader.secret_url("DATABASE_URL", ("postgres://", "postgresql://", "sqlite://")),
        port=reader.integer("PORT", 8000, 1, 65535),
        debug=reader.boolean("DEBUG", False),
        workers=reader.integer("WORKERS", 2, 1),
        allowed_hosts=reader.csv("ALLOWED_HOSTS"),
        log_level=reader.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
        request_timeout=reader.positive_float("REQUEST_TIMEOUT", 30.0),
    )
    if reader.problems:
        raise ConfigError("\n".join(reader.problems))
    return Config(**values)
