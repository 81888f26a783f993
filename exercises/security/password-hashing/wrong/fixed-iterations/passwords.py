"""Mistake: verify ignores the stored iteration count, so old hashes never verify."""
import base64
import binascii
import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000


def _derive(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)


def hash_password(password):
    salt = secrets.token_bytes(16)
    return (f"{ALGORITHM}${ITERATIONS}${base64.b64encode(salt).decode()}$"
            f"{base64.b64encode(_derive(password, salt)).decode()}")


def verify_password(password, encoded):
    parts = encoded.split("$") if isinstance(encoded, str) else []
    if len(parts) != 4 or parts[0] != ALGORITHM or not (parts[1].isascii() and parts[1].isdigit()) or int(parts[1]) < 1:
        return False
    try:
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (ValueError, binascii.Error):
        return False
    if len(digest) != 32:
        return False
    return hmac.compare_digest(_derive(password, salt), digest)


def needs_rehash(encoded):
    parts = encoded.split("$") if isinstance(encoded, str) else []
    return len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isdigit() or int(parts[1]) < ITERATIONS
