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
