"""Runs inside the learner's process (see isolate.py), loaded before app.py.

The no-state check compares the learner's module variables and default
arguments before and after many calls; they live in this process, so this
is where they are read. The checker compares the snapshots itself.
"""
import copy
import types

MODULE = []


def after_import(module):
    MODULE[:] = [module]


def _frozen(value):
    """A text that changes when the value (or the object's attributes) changes."""
    try:
        value = copy.deepcopy(value)
    except Exception:  # noqa: BLE001
        pass
    if hasattr(value, "__dict__") and not isinstance(value, (types.FunctionType, type, types.ModuleType)):
        try:
            return f"{type(value).__name__} with attributes {vars(value)!r}"
        except Exception:  # noqa: BLE001
            pass
    try:
        return repr(value)
    except Exception as exc:  # noqa: BLE001
        return f"<unprintable {type(value).__name__}: {type(exc).__name__}>"


def snapshot():
    state = {}
    for name, value in vars(MODULE[0]).items():
        if name.startswith("__") or isinstance(value, (types.ModuleType, type)):
            continue
        if isinstance(value, types.FunctionType):
            state[f"default arguments of {name}()"] = _frozen((value.__defaults__, value.__kwdefaults__))
            continue
        state[f"module variable {name}"] = _frozen(value)
    return state
