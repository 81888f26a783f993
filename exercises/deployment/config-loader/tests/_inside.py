"""Runs inside the learner's process (see isolate.py), loaded before config.py.

load_config() without an argument reads os.environ: the environment of the
learner's process, so the checks set it here, around the call. The checker
chooses the variables and judges the fields this returns.
"""
import os

MODULE = []
FIELDS = ("database_url", "port", "debug", "workers", "allowed_hosts", "log_level", "request_timeout")


def after_import(module):
    MODULE[:] = [module]


def from_os_environ(env):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        cfg = MODULE[0].load_config()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {name: getattr(cfg, name, "<missing>") for name in FIELDS}
