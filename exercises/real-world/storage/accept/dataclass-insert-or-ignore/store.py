"""Storage layer of the URL shortener (alternative: typed helpers, a dataclass
for rows and INSERT OR IGNORE + rowcount to detect collisions)."""
from __future__ import annotations

import secrets
import sqlite3
import string
from dataclasses import asdict, dataclass
from typing import Callable, Optional
from urllib.parse import urlsplit

ALPHABET: str = string.ascii_letters + string.digits
CODE_CHARS: frozenset = frozenset(string.ascii_letters + string.digits + "_-")
RESERVED_WORDS: frozenset = frozenset({"api", "health", "static"})
MAX_URL_LENGTH: int = 2048
MAX_RANDOM_ATTEMPTS: int = 10


class InvalidURL(ValueError):
    """The URL cannot be shortened."""


class InvalidCode(ValueError):
    """A custom code has the wrong form or is reserved."""


class CodeTaken(Exception):
    """A custom code is already in use."""


@dataclass(frozen=True)
class LinkStats:
    code: str
    url: str
    hits: int


def _default_generator(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def _check_url(url: object) -> str:
    if not isinstance(url, str):
        raise InvalidURL("URL must be a string")
    if len(url) < 1 or len(url) > MAX_URL_LENGTH:
        raise InvalidURL("URL length must be between 1 and 2048")
    for ch in url:
        point = ord(ch)
        if point < 33 or point == 127:
            raise InvalidURL("URL contains whitespace or a control character")
    try:
        pieces = urlsplit(url)
        hostname = pieces.hostname
    except ValueError as exc:
        raise InvalidURL(f"unparsable URL: {exc}") from None
    if pieces.scheme.lower() not in {"http", "https"}:
        raise InvalidURL("scheme must be http or https")
    if not hostname:
        raise InvalidURL("URL has no host")
    return url


def _check_code(code: object) -> str:
    if not isinstance(code, str):
        raise InvalidCode("code must be a string")
    if not 3 <= len(code) <= 32:
        raise InvalidCode("code must have 3 to 32 characters")
    if not set(code) <= CODE_CHARS:
        raise InvalidCode("code may only use A-Z a-z 0-9 _ -")
    if code.lower() in RESERVED_WORDS:
        raise InvalidCode("code is a reserved word")
    return code


class UrlStore:
    SCHEMA = """
        CREATE TABLE IF NOT EXISTS short_links (
            code      TEXT NOT NULL PRIMARY KEY,
            target    TEXT NOT NULL,
            is_random INTEGER NOT NULL CHECK (is_random IN (0, 1)),
            visits    INTEGER NOT NULL DEFAULT 0
        )
    """

    def __init__(self, path: str, *, code_length: int = 6,
                 random_code: Optional[Callable[[int], str]] = None) -> None:
        self.path = path
        self.code_length = code_length
        self.random_code: Callable[[int], str] = random_code or _default_generator
        self._db = sqlite3.connect(path)
        with self._db:
            self._db.execute(self.SCHEMA)

    # -- internal helpers -------------------------------------------------
    def _try_insert(self, code: str, url: str, is_random: bool) -> bool:
        """Insert a link; False when the code already exists (nothing changed)."""
        with self._db:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO short_links (code, target, is_random) VALUES (?, ?, ?)",
                (code, url, 1 if is_random else 0),
            )
        return cur.rowcount == 1

    def _existing_random_code(self, url: str) -> Optional[str]:
        row = self._db.execute(
            "SELECT code FROM short_links WHERE target = ? AND is_random = 1 ORDER BY rowid LIMIT 1",
            (url,),
        ).fetchone()
        return row[0] if row else None

    # -- public interface -------------------------------------------------
    def shorten(self, url: str, code: Optional[str] = None) -> str:
        _check_url(url)
        if code is not None:
            _check_code(code)
            if not self._try_insert(code, url, is_random=False):
                raise CodeTaken(f"code {code!r} is already in use")
            return code
        known = self._existing_random_code(url)
        if known is not None:
            return known
        attempts = 0
        while attempts < MAX_RANDOM_ATTEMPTS:
            attempts += 1
            candidate = self.random_code(self.code_length)
            if self._try_insert(candidate, url, is_random=True):
                return candidate
        raise RuntimeError(f"could not find a free code in {MAX_RANDOM_ATTEMPTS} attempts")

    def _lookup(self, code: object) -> Optional[LinkStats]:
        if not isinstance(code, str):
            return None
        row = self._db.execute(
            "SELECT code, target, visits FROM short_links WHERE code = ?", (code,)
        ).fetchone()
        return LinkStats(*row) if row else None

    def resolve(self, code: str) -> Optional[str]:
        if not isinstance(code, str):
            return None
        with self._db:
            cur = self._db.execute(
                "UPDATE short_links SET visits = visits + 1 WHERE code = ?", (code,)
            )
            if cur.rowcount != 1:
                return None
            row = self._db.execute(
                "SELECT target FROM short_links WHERE code = ?", (code,)
            ).fetchone()
        return row[0]

    def stats(self, code: str) -> Optional[dict]:
        found = self._lookup(code)
        return asdict(found) if found else None

    def close(self) -> None:
        self._db.close()
