"""Mistake: a salted SHA-256 is still a fast hash (one iteration)."""
import base64
import binascii
import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000


def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    return f"{ALGORITHM}${ITERATIONS}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password, encoded):
    try:
        algorithm, iterations, salt, digest = encoded.split("$")
        salt = base64.b64decode(salt, validate=True)
        digest = base64.b64decode(digest, validate=True)
    except (ValueError, binascii.Error):
        return False
    if algorithm != ALGORITHM or len(digest) != 32:
        return False
    return hmac.compare_digest(hashlib.sha256(salt + password.encode("utf-8")).digest(), digest)


def needs_rehash(encoded):
    parts = encoded.split("$")
    return len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isdigit() or int(parts[1]) < ITERATIONS
