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
LIE_FOR = []  # while verify_spied(..., lie_for=...) runs: the signature forms the spy answers wrongly for


def _spy(a, b):
    COMPARES.append((a, b))
    truth = COMPARE(a, b)
    if LIE_FOR and a in LIE_FOR[0] and b in LIE_FOR[0]:
        return not truth  # verify must follow compare_digest's answer, not an == of its own
    return truth


def _install():
    hmac.compare_digest = _spy
    secrets.compare_digest = _spy


if __name__ == "_child_helpers":  # only in the learner's process
    _install()


def after_import(module):
    MODULE[:] = [module]


def verify_spied(token, secret, now, lie_for=None):
    """(("ok", payload) or ("raised", exception), [the (a, b) pairs given to compare_digest]).

    With lie_for (a list of the signature's forms: bytes and base64url text), compare_digest
    answers the opposite of the truth when both its arguments are among them."""
    COMPARES.clear()
    LIE_FOR[:] = [frozenset(lie_for)] if lie_for else []
    _install()
    try:
        out = ("ok", MODULE[0].verify(token, secret, now))
    except Exception as exc:  # noqa: BLE001 - the checker decides what was right
        out = ("raised", exc)
    finally:
        LIE_FOR[:] = []
    return out, list(COMPARES)
