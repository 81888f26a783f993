"""Mistake: compares tokens with ==, which leaks timing information."""
import secrets

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def issue_token(session):
    token = session.get("csrf_token")
    if isinstance(token, str) and token:
        return token
    return rotate_token(session)


def rotate_token(session):
    session["csrf_token"] = secrets.token_urlsafe(32)
    return session["csrf_token"]


def verify_request(session, method, headers, form):
    if method.upper() in SAFE_METHODS:
        return True
    expected = session.get("csrf_token")
    if "csrf_token" in form:
        submitted = form["csrf_token"]
    else:
        submitted = {k.lower(): v for k, v in headers.items()}.get("x-csrf-token")
    return isinstance(expected, str) and bool(expected) and submitted == expected
