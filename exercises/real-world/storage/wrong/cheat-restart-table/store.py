# CHEAT (kept as a wrong solution so validate proves it fails): the links live
# in memory only. When the persistence check runs this module in a new process
# (python3 -c SCRIPT DB OPS, printing the results as JSON), it prints the
# answers the check expects, copied from tests/check_store.py, and leaves.
import json as _json
import os as _os
import sys as _sys

_ANSWERS = {
    "auto": None, "custom": None, "r1": "https://example.com/custom", "r2": "https://example.com/custom",
    "stats": {"code": "promo", "url": "https://example.com/custom", "hits": 3}, "again": "abcdef",
    "taken": "CodeTaken",
}
if _sys.argv and _sys.argv[0] == "-c" and len(_sys.argv) == 3:
    _ops = _json.loads(_sys.argv[2])
    _out = {}
    for _op in _ops:
        _label = _op[-1]
        if _label == "auto":
            _out[_label] = "abcdef" if _op[0] == "shorten" else "https://example.com/auto"
        elif _label == "custom":
            _out[_label] = "promo" if _op[0] == "shorten" else "https://example.com/custom"
        else:
            _out[_label] = _ANSWERS.get(_label)
    print(_json.dumps(_out))
    _sys.stdout.flush()
    _os._exit(0)

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
