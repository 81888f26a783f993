"""Runs inside the learner's process (see isolate.py), loaded before token_hs256.py.

The timing checks must see whether verify() calls hmac.compare_digest. The
spy is installed here, before the learner's module is imported (so that
`from hmac import compare_digest` picks it up too), and put back before each
spied call. The checker judges the calls this returns.
"""
import hmac
import secrets

COMPARE = hmac.compare_digest
COMPARES = []
MODULE = []


def _spy(a, b):
    COMPARES.append((a, b))
    return COMPARE(a, b)


def _install():
    hmac.compare_digest = _spy
    secrets.compare_digest = _spy


if __name__ == "_child_helpers":  # only in the learner's process
    _install()


def after_import(module):
    MODULE[:] = [module]


def verify_spied(token, secret, now):
    """(("ok", payload) or ("raised", exception), [the (a, b) pairs given to compare_digest])."""
    COMPARES.clear()
    _install()
    try:
        out = ("ok", MODULE[0].verify(token, secret, now))
    except Exception as exc:  # noqa: BLE001 - the checker decides what was right
        out = ("raised", exc)
    return out, list(COMPARES)
