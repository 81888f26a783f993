"""Runs inside the learner's process (see isolate.py), loaded before retry.py.

retry() must sleep through the function it is given, never time.sleep: after
the import (the default argument is bound by then), time.sleep is replaced
by a function that refuses to wait, so a direct call shows up as an error
instead of a real pause.
"""
import time


class DirectSleep(Exception):
    pass


def _refuse(*_args):
    raise DirectSleep("retry() called time.sleep directly; call the sleep function it was given instead")


def after_import(module):
    time.sleep = _refuse
    for name, value in list(vars(module).items()):
        if value is _ORIGINAL_SLEEP and name != "sleep":
            setattr(module, name, _refuse)


_ORIGINAL_SLEEP = time.sleep
