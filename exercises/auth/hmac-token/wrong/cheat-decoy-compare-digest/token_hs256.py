# CHEAT (kept as a wrong solution so validate proves it fails): calls hmac.compare_digest
# for show, but an == decides, so the timing leak stays.
"""JWT-style HS256 tokens: sign and verify with HMAC-SHA256."""
import base64
import binascii
import hashlib
import hmac
import json


class TokenError(Exception):
    """Raised by verify() for any token that must not be trusted."""


HEADER = {"alg": "HS256", "typ": "JWT"}


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    if not isinstance(text, str) or not text.isascii():
        raise TokenError("bad base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise TokenError("bad base64url") from None


def _json_part(obj):
    return b64url_encode(json.dumps(obj, separators=(",", ":")).encode("utf-8"))


def _signature(signing_input, secret):
    return hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()


def sign(claims, secret, now, ttl):
    payload = dict(claims, iat=now, exp=now + ttl)
    signing_input = _json_part(HEADER) + "." + _json_part(payload)
    return signing_input + "." + b64url_encode(_signature(signing_input, secret))


def _load_object(part):
    try:
        value = json.loads(b64url_decode(part).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise TokenError("part is not JSON") from None
    if not isinstance(value, dict):
        raise TokenError("part is not a JSON object")
    return value


def verify(token, secret, now):
    if not isinstance(token, str):
        raise TokenError("token must be a string")
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("a token has exactly three parts")
    header_part, payload_part, signature_part = parts
    header = _load_object(header_part)
    # The algorithm is fixed by the server, never chosen by the token.
    if header.get("alg") != "HS256":
        raise TokenError("unexpected algorithm")
    expected = _signature(header_part + "." + payload_part, secret)
    given = b64url_decode(signature_part)
    hmac.compare_digest(expected, given)  # called for show; == decides, and leaks timing
    if expected != given:
        raise TokenError("bad signature")
    payload = _load_object(payload_part)
    exp = payload.get("exp")
    if not isinstance(exp, int) or isinstance(exp, bool):
        raise TokenError("exp missing or not an integer")
    if now >= exp:
        raise TokenError("token expired")
    return payload
