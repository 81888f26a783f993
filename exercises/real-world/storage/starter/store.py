"""Storage layer of the URL shortener. See prompt.md."""
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


class InvalidURL(ValueError):
    """The URL cannot be shortened."""


class InvalidCode(ValueError):
    """A custom code has the wrong form or is reserved."""


class CodeTaken(Exception):
    """A custom code is already in use."""


class UrlStore:
    def __init__(self, path, *, code_length=6, random_code=None):
        self.path = path
        self.code_length = code_length
        self.random_code = random_code or (lambda n: "".join(secrets.choice(ALPHABET) for _ in range(n)))

    def shorten(self, url, code=None):
        raise NotImplementedError("shorten")

    def resolve(self, code):
        raise NotImplementedError("resolve")

    def stats(self, code):
        raise NotImplementedError("stats")

    def close(self):
        pass
