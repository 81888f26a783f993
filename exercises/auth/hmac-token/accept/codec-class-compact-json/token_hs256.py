"""JWT-style HS256 tokens: see prompt.md.

Style: a small codec class holding the secret, strict base64url via a regex,
compact JSON separators, signatures compared as raw digests.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from typing import Any, Dict

_B64URL = re.compile(r"[A-Za-z0-9_-]*")
_HEADER = {"alg": "HS256", "typ": "JWT"}


class TokenError(Exception):
    """Raised by verify() for any token that must not be trusted."""


def b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(part: str) -> bytes:
    if not isinstance(part, str) or not _B64URL.fullmatch(part) or len(part) % 4 == 1:
        raise TokenError("segment is not base64url")
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError) as exc:
        raise TokenError("segment is not base64url") from exc


def _json_object(raw: bytes, what: str) -> Dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except Exception as exc:  # UnicodeDecodeError, JSONDecodeError, RecursionError...
        raise TokenError(f"{what} is not JSON") from exc
    if not isinstance(value, dict):
        raise TokenError(f"{what} is not a JSON object")
    return value


class HS256Codec:
    def __init__(self, secret: bytes) -> None:
        if isinstance(secret, str):
            secret = secret.encode()
        self.secret = bytes(secret)

    def _mac(self, signing_input: str) -> bytes:
        return hmac.new(self.secret, signing_input.encode("ascii"), hashlib.sha256).digest()

    def encode(self, payload: Dict[str, Any]) -> str:
        head = b64url_encode(json.dumps(_HEADER, separators=(",", ":")).encode())
        body = b64url_encode(json.dumps(payload, separators=(",", ":")).encode())
        return f"{head}.{body}.{b64url_encode(self._mac(head + '.' + body))}"

    def decode(self, token: str, now: int) -> Dict[str, Any]:
        if not isinstance(token, str):
            raise TokenError("token must be a string")
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenError("a token has exactly three parts")
        head_part, body_part, sig_part = parts
        header = _json_object(b64url_decode(head_part), "header")
        payload = _json_object(b64url_decode(body_part), "payload")
        signature = b64url_decode(sig_part)
        alg = header.get("alg")
        if not (isinstance(alg, str) and alg == "HS256"):
            raise TokenError("only HS256 is accepted")
        if not hmac.compare_digest(self._mac(head_part + "." + body_part), signature):
            raise TokenError("bad signature")
        exp = payload.get("exp")
        if type(exp) is not int:
            raise TokenError("exp missing or not an integer")
        if not now < exp:
            raise TokenError("token expired")
        return payload


def sign(claims: Dict[str, Any], secret: bytes, now: int, ttl: int) -> str:
    payload = dict(claims)
    payload.update(iat=now, exp=now + ttl)
    return HS256Codec(secret).encode(payload)


def verify(token: str, secret: bytes, now: int) -> Dict[str, Any]:
    try:
        return HS256Codec(secret).decode(token, now)
    except TokenError:
        raise
    except Exception as exc:  # never leak another exception type
        raise TokenError(str(exc)) from exc
