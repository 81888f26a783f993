"""Mistake: right hashing, but malformed stored values make verify raise."""
import base64
import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000


def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)
    return f"{ALGORITHM}${ITERATIONS}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password, encoded):
    algorithm, iterations, salt, digest = encoded.split("$")
    if algorithm != ALGORITHM:
        return False
    computed = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"),
                                   base64.b64decode(salt), int(iterations))
    return hmac.compare_digest(computed, base64.b64decode(digest))


def needs_rehash(encoded):
    algorithm, iterations, _salt, _digest = encoded.split("$")
    return algorithm != ALGORITHM or int(iterations) < ITERATIONS
