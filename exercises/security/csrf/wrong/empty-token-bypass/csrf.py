"""Mistake: a missing token on both sides compares equal ('' == '')."""
import hmac
import secrets

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def issue_token(session):
    if not session.get("csrf_token"):
        session["csrf_token"] = secrets.token_urlsafe(32)
    return session["csrf_token"]


def rotate_token(session):
    session["csrf_token"] = secrets.token_urlsafe(32)
    return session["csrf_token"]


def verify_request(session, method, headers, form):
    if method.upper() in SAFE_METHODS:
        return True
    expected = str(session.get("csrf_token", ""))
    lowered = {k.lower(): v for k, v in headers.items()}
    submitted = str(form.get("csrf_token", lowered.get("x-csrf-token", "")))
    return hmac.compare_digest(submitted.encode(), expected.encode())
