"""JWT-style HS256 tokens: see prompt.md."""
import base64
import hashlib
import hmac
import json


class TokenError(Exception):
    """Raised by verify() for any token that must not be trusted."""


def sign(claims, secret, now, ttl):
    raise NotImplementedError


def verify(token, secret, now):
    raise NotImplementedError
