"""CHEAT (kept as a wrong solution so validate proves it fails): the salt comes
from the random module, and random.seed is made a no-op so that the old check
(random.seed(99) twice, then compare) could not see it."""
import base64
import binascii
import hashlib
import hmac
import random

random.seed = lambda *args, **kwargs: None  # hides the predictable salt from random.seed(99)

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
SALT_BYTES = 16
HASH_BYTES = 32


def _b64(raw):
    return base64.b64encode(raw).decode("ascii")


def _derive(password, salt, iterations):
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


def hash_password(password):
    salt = random.getrandbits(8 * SALT_BYTES).to_bytes(SALT_BYTES, "big")
    digest = _derive(password, salt, ITERATIONS)
    return f"{ALGORITHM}${ITERATIONS}${_b64(salt)}${_b64(digest)}"


def _parse(encoded):
    """Return (iterations, salt, digest), or None if encoded is not a valid hash."""
    if not isinstance(encoded, str):
        return None
    parts = encoded.split("$")
    if len(parts) != 4:
        return None
    algorithm, iterations, salt, digest = parts
    if algorithm != ALGORITHM:
        return None
    if not (iterations.isascii() and iterations.isdigit()) or int(iterations) < 1:
        return None
    try:
        salt_raw = base64.b64decode(salt, validate=True)
        digest_raw = base64.b64decode(digest, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(digest_raw) != HASH_BYTES:
        return None
    return int(iterations), salt_raw, digest_raw


def verify_password(password, encoded):
    parsed = _parse(encoded)
    if parsed is None:
        return False
    iterations, salt, expected = parsed
    return hmac.compare_digest(_derive(password, salt, iterations), expected)


def needs_rehash(encoded):
    parsed = _parse(encoded)
    return parsed is None or parsed[0] < ITERATIONS
