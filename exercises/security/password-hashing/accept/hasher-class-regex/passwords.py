"""Password storage (alternative: a Pbkdf2Hasher class parameterised by its
work factor; one anchored regex splits the encoded string; the module-level
functions use a default instance)."""
import base64
import binascii
import hashlib
import hmac
import re
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000

_ENCODED = re.compile(r"(?P<alg>[^$]*)\$(?P<iter>[^$]*)\$(?P<salt>[^$]*)\$(?P<hash>[^$]*)")


class Pbkdf2Hasher:
    digest_name = "sha256"
    salt_size = 16
    hash_size = 32

    def __init__(self, algorithm=ALGORITHM, iterations=ITERATIONS):
        self.algorithm = algorithm
        self.iterations = iterations

    def _derive(self, password, salt, iterations):
        return hashlib.pbkdf2_hmac(self.digest_name, password.encode("utf-8"), salt, iterations)

    def encode(self, password):
        salt = secrets.token_bytes(self.salt_size)
        digest = self._derive(password, salt, self.iterations)
        return "{}${}${}${}".format(
            self.algorithm,
            self.iterations,
            base64.b64encode(salt).decode("ascii"),
            base64.b64encode(digest).decode("ascii"),
        )

    def decode(self, encoded):
        """(iterations, salt, digest) or None if encoded is malformed."""
        if not isinstance(encoded, str):
            return None
        m = _ENCODED.fullmatch(encoded)
        if m is None or m["alg"] != self.algorithm:
            return None
        count = m["iter"]
        if not (count.isascii() and count.isdigit()) or int(count) == 0:
            return None
        try:
            salt = base64.b64decode(m["salt"], validate=True)
            digest = base64.b64decode(m["hash"], validate=True)
        except (binascii.Error, ValueError):
            return None
        if len(digest) != self.hash_size:
            return None
        return int(count), salt, digest

    def verify(self, password, encoded):
        parts = self.decode(encoded)
        if parts is None:
            return False
        iterations, salt, stored = parts
        try:
            computed = self._derive(password, salt, iterations)
        except Exception:  # non-str password, unencodable text, absurd counts
            return False
        return hmac.compare_digest(computed, stored)

    def must_update(self, encoded):
        parts = self.decode(encoded)
        return parts is None or parts[0] < self.iterations


_DEFAULT = Pbkdf2Hasher()


def hash_password(password):
    return _DEFAULT.encode(password)


def verify_password(password, encoded):
    return _DEFAULT.verify(password, encoded)


def needs_rehash(encoded):
    return _DEFAULT.must_update(encoded)
