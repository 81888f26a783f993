"""CSRF protection for the web application (alternative: plain functions,
tokens from secrets.token_bytes in unpadded URL-safe Base64, the header found
through a lower-cased copy of the headers, secrets.compare_digest)."""
import base64
import secrets

SESSION_KEY = "csrf_token"
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE = ("GET", "HEAD", "OPTIONS", "TRACE")


def _fresh_token():
    # 32 random bytes -> 43 characters of A-Z a-z 0-9 - _ (padding removed)
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode("ascii")


def issue_token(session):
    token = session.get(SESSION_KEY)
    if isinstance(token, str) and token != "":
        return token
    return rotate_token(session)


def rotate_token(session):
    session[SESSION_KEY] = token = _fresh_token()
    return token


def _method_is_safe(method):
    return isinstance(method, str) and method.upper() in SAFE


def _submitted(headers, form):
    if isinstance(form, dict) and FORM_FIELD in form:
        return form[FORM_FIELD]
    if not isinstance(headers, dict):
        return None
    lowered = {}
    for name, value in headers.items():
        if isinstance(name, str):
            lowered.setdefault(name.lower(), value)
    return lowered.get(HEADER)


def _to_bytes(text):
    return text.encode("utf-8", "surrogatepass")


def verify_request(session, method, headers, form):
    try:
        if _method_is_safe(method):
            return True
        expected = session.get(SESSION_KEY) if isinstance(session, dict) else None
        sent = _submitted(headers, form)
        if not (isinstance(expected, str) and expected and isinstance(sent, str)):
            return False
        return secrets.compare_digest(_to_bytes(expected), _to_bytes(sent))
    except Exception:
        return False
