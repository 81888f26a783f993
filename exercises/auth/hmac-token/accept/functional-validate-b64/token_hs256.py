"""JWT-style HS256 tokens: see prompt.md.

Style: plain functions; base64url decoding through
base64.b64decode(altchars=b"-_", validate=True), which refuses any character
outside the alphabet; the signature is compared as base64url *text* with
hmac.compare_digest; verification is a list of small steps that each either
pass or raise TokenError.
"""
import base64
import binascii
import hashlib
import hmac
import json

HEADER = {"alg": "HS256", "typ": "JWT"}


class TokenError(Exception):
    """Raised by verify() for any token that must not be trusted."""


def _enc(data):
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _dec(text):
    if "=" in text or len(text) % 4 == 1:
        raise TokenError("not base64url")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise TokenError("not base64url") from None


def _obj(part, what):
    raw = _dec(part)
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise TokenError(what + " is not JSON") from None
    if type(value) is not dict:
        raise TokenError(what + " is not a JSON object")
    return value


def _mac(secret, signing_input):
    return _enc(hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest())


def sign(claims, secret, now, ttl):
    payload = {**claims, "iat": now, "exp": now + ttl}
    head = _enc(json.dumps(HEADER, sort_keys=True).encode("utf-8"))
    body = _enc(json.dumps(payload).encode("utf-8"))
    return head + "." + body + "." + _mac(secret, head + "." + body)


def verify(token, secret, now):
    if not isinstance(token, str) or not token.isascii():
        raise TokenError("a token is an ASCII string")
    if token.count(".") != 2:
        raise TokenError("a token has exactly three parts")
    head, body, sig = token.split(".")
    header = _obj(head, "header")
    payload = _obj(body, "payload")
    _dec(sig)  # the signature part must be base64url too
    if header.get("alg") != "HS256" or type(header.get("alg")) is not str:
        raise TokenError("algorithm not allowed: %r" % (header.get("alg"),))
    try:
        expected = _mac(secret, head + "." + body)
    except TypeError:
        raise TokenError("secret must be bytes") from None
    if not hmac.compare_digest(expected, sig):
        raise TokenError("bad signature")
    exp = payload.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, int):
        raise TokenError("exp must be an integer")
    if now >= exp:
        raise TokenError("expired")
    return payload
