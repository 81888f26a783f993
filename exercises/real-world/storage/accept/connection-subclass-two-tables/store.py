"""Storage layer of the URL shortener (alternative: a sqlite3.Connection
subclass holds the SQL, links and hit counters live in two tables, and the
random-code path checks and inserts inside one IMMEDIATE transaction)."""
import re
import secrets
import sqlite3
import string
from urllib.parse import urlsplit

ALPHABET = string.ascii_letters + string.digits
_CODE = re.compile(r"[A-Za-z0-9_-]{3,32}", re.ASCII)
_RESERVED = ("api", "health", "static")


class InvalidURL(ValueError):
    """The URL cannot be shortened."""


class InvalidCode(ValueError):
    """A custom code has the wrong form or is reserved."""


class CodeTaken(Exception):
    """A custom code is already in use."""


class LinkDB(sqlite3.Connection):
    """A connection that knows the schema and the few statements we need."""

    def setup(self):
        self.executescript(
            """
            CREATE TABLE IF NOT EXISTS link (
                code     TEXT PRIMARY KEY,
                long_url TEXT NOT NULL,
                origin   TEXT NOT NULL CHECK (origin IN ('random', 'custom'))
            );
            CREATE TABLE IF NOT EXISTS hit_count (
                code  TEXT PRIMARY KEY REFERENCES link (code),
                total INTEGER NOT NULL DEFAULT 0
            );
            """
        )
        self.commit()

    def code_exists(self, code):
        return self.execute("SELECT 1 FROM link WHERE code = ?", (code,)).fetchone() is not None

    def add_link(self, code, url, origin):
        self.execute("INSERT INTO link (code, long_url, origin) VALUES (?, ?, ?)", (code, url, origin))
        self.execute("INSERT INTO hit_count (code, total) VALUES (?, 0)", (code,))

    def random_code_for(self, url):
        row = self.execute(
            "SELECT code FROM link WHERE long_url = ? AND origin = 'random' ORDER BY rowid LIMIT 1",
            (url,),
        ).fetchone()
        return row and row[0]

    def link_row(self, code):
        return self.execute(
            "SELECT l.code, l.long_url, COALESCE(h.total, 0) FROM link AS l "
            "LEFT JOIN hit_count AS h ON h.code = l.code WHERE l.code = ?",
            (code,),
        ).fetchone()


def _check_url(url):
    if not isinstance(url, str):
        raise InvalidURL("not a string")
    if not 1 <= len(url) <= 2048:
        raise InvalidURL("length out of range")
    if re.search(r"[\x00-\x20\x7f]", url):
        raise InvalidURL("whitespace or control character")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise InvalidURL("cannot parse") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURL("scheme must be http or https")
    if not host:
        raise InvalidURL("no host")


def _check_code(code):
    if not isinstance(code, str) or _CODE.fullmatch(code) is None:
        raise InvalidCode("3 to 32 of A-Z a-z 0-9 _ -")
    if code.casefold() in _RESERVED:
        raise InvalidCode("reserved")


class UrlStore:
    def __init__(self, path, *, code_length=6, random_code=None):
        self.path = path
        self.code_length = code_length
        self.random_code = random_code or (lambda n: "".join(secrets.choice(ALPHABET) for _ in range(n)))
        self.db = sqlite3.connect(path, factory=LinkDB, isolation_level=None)  # explicit transactions
        self.db.setup()

    def _transaction(self):
        store = self

        class _Tx:
            def __enter__(self):
                store.db.execute("BEGIN IMMEDIATE")
                return store.db

            def __exit__(self, exc_type, exc, tb):
                store.db.execute("ROLLBACK" if exc_type else "COMMIT")
                return False

        return _Tx()

    def shorten(self, url, code=None):
        _check_url(url)
        if code is not None:
            _check_code(code)
            with self._transaction() as db:
                if db.code_exists(code):
                    raise CodeTaken(code)
                db.add_link(code, url, "custom")
            return code
        with self._transaction() as db:
            existing = db.random_code_for(url)
            if existing:
                return existing
            for _attempt in range(10):
                candidate = self.random_code(self.code_length)
                if not db.code_exists(candidate):
                    db.add_link(candidate, url, "random")
                    return candidate
        raise RuntimeError("10 random codes in a row were already taken")

    def resolve(self, code):
        if not isinstance(code, str):
            return None
        with self._transaction() as db:
            row = db.link_row(code)
            if row is None:
                return None
            db.execute("UPDATE hit_count SET total = total + 1 WHERE code = ?", (code,))
        return row[1]

    def stats(self, code):
        if not isinstance(code, str):
            return None
        row = self.db.link_row(code)
        if row is None:
            return None
        return {"code": row[0], "url": row[1], "hits": row[2]}

    def close(self):
        self.db.close()
