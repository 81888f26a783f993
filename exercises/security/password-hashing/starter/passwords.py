"""Password storage (see prompt.md)."""
import hashlib

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000


def hash_password(password):
    # TODO: this is a fast, unsalted hash in the wrong format.
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def verify_password(password, encoded):
    return hash_password(password) == encoded


def needs_rehash(encoded):
    raise NotImplementedError("needs_rehash")
