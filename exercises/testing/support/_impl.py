"""Runs inside the process of the module under test (see isolate.py).

exports() lists what the learner's tests may use: every public name of the
module (functions, classes, constants). The checker hands them on to the
learner's process as stand-ins.
"""
import types

MODULE = []


def after_import(module):
    MODULE[:] = [module]


def exports():
    return {name: value for name, value in vars(MODULE[0]).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType)}
