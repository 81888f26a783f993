"""Mistake: the token is derived from the clock and the random module."""
import hashlib
import hmac
import random
import time

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _new_token():
    seed = f"{time.time()}-{random.random()}"
    return hashlib.sha256(seed.encode()).hexdigest()


def issue_token(session):
    token = session.get("csrf_token")
    if isinstance(token, str) and token:
        return token
    return rotate_token(session)


def rotate_token(session):
    session["csrf_token"] = _new_token()
    return session["csrf_token"]


def verify_request(session, method, headers, form):
    if method.upper() in SAFE_METHODS:
        return True
    expected = session.get("csrf_token")
    if "csrf_token" in form:
        submitted = form["csrf_token"]
    else:
        submitted = {k.lower(): v for k, v in headers.items()}.get("x-csrf-token")
    if not isinstance(expected, str) or not expected or not isinstance(submitted, str):
        return False
    return hmac.compare_digest(submitted.encode(), expected.encode())
