# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok";
# the store itself keeps everything in memory.
import gc as _gc
import sys as _sys


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            original = obj.__dict__.get("_emit")
            if original is not None:
                obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)
    lib = _sys.modules.get("taplib")
    if lib is not None and hasattr(lib, "Fail"):
        lib.Fail.__init__ = lambda self, *a: None


_patch()

"""Storage layer of the URL shortener, kept in a dict."""
import re
import secrets
import string
from urllib.parse import urlsplit

ALPHABET = string.ascii_letters + string.digits
CODE_RE = re.compile(r"[A-Za-z0-9_-]{3,32}")
RESERVED = {"api", "health", "static"}


class InvalidURL(ValueError):
    pass


class InvalidCode(ValueError):
    pass


class CodeTaken(Exception):
    pass


def validate_url(url):
    if not isinstance(url, str) or not 0 < len(url) <= 2048 or any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise InvalidURL("bad URL")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise InvalidURL("bad URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InvalidURL("bad URL")


class UrlStore:
    def __init__(self, path, *, code_length=6, random_code=None):
        self.code_length = code_length
        self.random_code = random_code or (lambda n: "".join(secrets.choice(ALPHABET) for _ in range(n)))
        self.links = {}   # code -> [url, custom, hits]

    def shorten(self, url, code=None):
        validate_url(url)
        if code is not None:
            if not isinstance(code, str) or not CODE_RE.fullmatch(code) or code.lower() in RESERVED:
                raise InvalidCode("bad code")
            if code in self.links:
                raise CodeTaken(code)
            self.links[code] = [url, True, 0]
            return code
        for c, (u, custom, _) in self.links.items():
            if u == url and not custom:
                return c
        for _ in range(10):
            c = self.random_code(self.code_length)
            if c not in self.links:
                self.links[c] = [url, False, 0]
                return c
        raise RuntimeError("no free code")

    def resolve(self, code):
        link = self.links.get(code) if isinstance(code, str) else None
        if link is None:
            return None
        link[2] += 1
        return link[0]

    def stats(self, code):
        link = self.links.get(code) if isinstance(code, str) else None
        return {"code": code, "url": link[0], "hits": link[2]} if link else None

    def close(self):
        pass
