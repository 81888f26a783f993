"""Password storage (alternative: a frozen dataclass that parses and formats
the encoded string; os.urandom for the salt)."""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from typing import Optional

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000

SALT_BYTES = 16
HASH_BYTES = 32
_DIGITS = re.compile(r"[0-9]+")  # \d or str.isdigit() would accept non-ASCII digits


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> Optional[bytes]:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def _derive(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


@dataclass(frozen=True)
class PasswordHash:
    algorithm: str
    iterations: int
    salt: bytes
    digest: bytes

    def __str__(self) -> str:
        return "$".join((self.algorithm, str(self.iterations), _b64(self.salt), _b64(self.digest)))

    @classmethod
    def parse(cls, encoded: object) -> Optional["PasswordHash"]:
        """The parsed hash, or None when `encoded` is malformed in any way."""
        if not isinstance(encoded, str):
            return None
        fields = encoded.split("$")
        if len(fields) != 4:
            return None
        algorithm, iterations_text, salt_text, digest_text = fields
        if algorithm != ALGORITHM or not _DIGITS.fullmatch(iterations_text):
            return None
        iterations = int(iterations_text)
        if iterations == 0:
            return None
        salt, digest = _unb64(salt_text), _unb64(digest_text)
        if salt is None or digest is None or len(digest) != HASH_BYTES:
            return None
        return cls(algorithm, iterations, salt, digest)

    def matches(self, password: str) -> bool:
        return hmac.compare_digest(_derive(password, self.salt, self.iterations), self.digest)


def hash_password(password: str) -> str:
    salt = os.urandom(SALT_BYTES)
    return str(PasswordHash(ALGORITHM, ITERATIONS, salt, _derive(password, salt, ITERATIONS)))


def verify_password(password: str, encoded: str) -> bool:
    parsed = PasswordHash.parse(encoded)
    if parsed is None or not isinstance(password, str):
        return False
    try:
        return parsed.matches(password)
    except (ValueError, OverflowError, UnicodeError):
        return False


def needs_rehash(encoded: str) -> bool:
    parsed = PasswordHash.parse(encoded)
    return parsed is None or parsed.iterations < ITERATIONS
