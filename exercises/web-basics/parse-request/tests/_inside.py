"""Runs inside the learner's process (see isolate.py), loaded before httpparse.py.

parse() calls parse_request and reports what happened as plain data, so the
checker can read an HTTPError's status (a mirrored exception carries only
its class and message). The checker, in its own process, decides whether the
outcome is right.
"""
MODULE = []


def after_import(module):
    MODULE[:] = [module]


def parse(raw):
    """("ok", result), ("error", status) for an HTTPError, or ("raised", class name, message)."""
    mod = MODULE[0]
    error = getattr(mod, "HTTPError", None)
    try:
        return ("ok", mod.parse_request(raw))
    except Exception as exc:  # noqa: BLE001 - the checker decides what was right
        if isinstance(error, type) and isinstance(exc, error):
            return ("error", getattr(exc, "status", None))
        try:
            text = str(exc)[:300]
        except Exception:  # noqa: BLE001
            text = "?"
        return ("raised", type(exc).__name__, text)


def parse_many(raws):
    return [parse(raw) for raw in raws]
