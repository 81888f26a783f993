"""Storage layer of the URL shortener: validation, codes, sqlite persistence."""
import re
import secrets
import sqlite3
import string
from urllib.parse import urlsplit

ALPHABET = string.ascii_letters + string.digits
CODE_RE = re.compile(r"[A-Za-z0-9_-]{3,32}")
RESERVED = {"api", "health", "static"}
MAX_URL = 2048
MAX_TRIES = 10


class InvalidURL(ValueError):
    """The URL cannot be shortened."""


class InvalidCode(ValueError):
    """A custom code has the wrong form or is reserved."""


class CodeTaken(Exception):
    """A custom code is already in use."""


def validate_url(url):
    if not isinstance(url, str) or not 0 < len(url) <= MAX_URL:
        raise InvalidURL("the URL must be a string of 1 to 2048 characters")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise InvalidURL("the URL must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise InvalidURL("the URL cannot be parsed") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURL("only http and https URLs can be shortened")
    if not host:
        raise InvalidURL("the URL has no host")
    return url


def validate_code(code):
    if not isinstance(code, str) or not CODE_RE.fullmatch(code):
        raise InvalidCode("a code is 3 to 32 letters, digits, '_' or '-'")
    if code.lower() in RESERVED:
        raise InvalidCode(f"{code!r} is reserved")
    return code


def _random_code(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


class UrlStore:
    def __init__(self, path, *, code_length=6, random_code=None):
        self.code_length = code_length
        self.random_code = random_code or _random_code
        self.conn = sqlite3.connect(path)
        with self.conn:
            self.conn.execute(
                """CREATE TABLE IF NOT EXISTS links (
                       code   TEXT PRIMARY KEY,
                       url    TEXT NOT NULL,
                       custom INTEGER NOT NULL,
                       hits   INTEGER NOT NULL DEFAULT 0,
                       created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
                   )""")
            self.conn.execute("CREATE INDEX IF NOT EXISTS links_url ON links (url) WHERE custom = 0")

    def shorten(self, url, code=None):
        validate_url(url)
        if code is not None:
            validate_code(code)
            try:
                with self.conn:
                    self.conn.execute("INSERT INTO links (code, url, custom) VALUES (?, ?, 1)", (code, url))
            except sqlite3.IntegrityError:
                raise CodeTaken(f"the code {code!r} is already taken") from None
            return code
        row = self.conn.execute("SELECT code FROM links WHERE url = ? AND custom = 0 LIMIT 1", (url,)).fetchone()
        if row:
            return row[0]
        for _ in range(MAX_TRIES):
            candidate = self.random_code(self.code_length)
            try:
                with self.conn:
                    # the PRIMARY KEY rejects a collision atomically: no check-then-insert race
                    self.conn.execute("INSERT INTO links (code, url, custom) VALUES (?, ?, 0)", (candidate, url))
            except sqlite3.IntegrityError:
                continue
            return candidate
        raise RuntimeError(f"no free code after {MAX_TRIES} attempts")

    def resolve(self, code):
        if not isinstance(code, str):
            return None
        with self.conn:
            row = self.conn.execute("SELECT url FROM links WHERE code = ?", (code,)).fetchone()
            if row is None:
                return None
            self.conn.execute("UPDATE links SET hits = hits + 1 WHERE code = ?", (code,))
        return row[0]

    def stats(self, code):
        if not isinstance(code, str):
            return None
        row = self.conn.execute("SELECT code, url, hits FROM links WHERE code = ?", (code,)).fetchone()
        return {"code": row[0], "url": row[1], "hits": row[2]} if row else None

    def close(self):
        self.conn.close()
