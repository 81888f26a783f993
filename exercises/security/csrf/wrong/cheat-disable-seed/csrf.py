"""CHEAT (kept as a wrong solution so validate proves it fails): a predictable
token (the time and random.random()), hidden from the checks by turning
random.seed into a no-op and reading the clock through datetime, which the
old checks did not freeze."""
import datetime
import hashlib
import hmac
import random

random.seed = lambda *args, **kwargs: None


def _new_token():
    seed = f"{datetime.datetime.now().isoformat()}-{random.random()}"
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
    if isinstance(method, str) and method.upper() in {"GET", "HEAD", "OPTIONS", "TRACE"}:
        return True
    expected = session.get("csrf_token")
    if not isinstance(expected, str) or not expected:
        return False
    form, headers = form or {}, headers or {}
    submitted = form.get("csrf_token") if "csrf_token" in form else next(
        (v for k, v in headers.items() if isinstance(k, str) and k.lower() == "x-csrf-token"), None)
    if not isinstance(submitted, str):
        return False
    return hmac.compare_digest(submitted.encode("utf-8"), expected.encode("utf-8"))
