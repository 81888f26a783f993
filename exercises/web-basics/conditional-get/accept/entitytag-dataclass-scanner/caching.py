"""Conditional requests and cache headers (alternative: an EntityTag
dataclass, a regex scanner that walks If-None-Match element by element, a
case-insensitive header view, and the cache policy as a chain of checks)."""
import hashlib
import re
from dataclasses import dataclass
from datetime import timezone
from email.utils import format_datetime, parsedate_to_datetime

YEAR = 31536000
FINGERPRINTED = re.compile(r"^/assets/(?:[^/]*/)*[^/]+\.[0-9a-f]{8,}\.[^/.]+$")

# one list element: optional whitespace, then a quoted tag or any other junk, up to a comma
_ELEMENT = re.compile(r'[ \t]*(?:(?P<tag>(?:W/)?"[^"]*")|(?P<junk>[^,]*))[ \t]*(?:,|$)')


@dataclass(frozen=True)
class EntityTag:
    opaque: str          # the quoted string, quotes included
    weak: bool = False

    @classmethod
    def parse(cls, text):
        if text.startswith("W/"):
            return cls(text[2:], True)
        return cls(text)

    def weak_match(self, other):
        return self.opaque == other.opaque

    def __str__(self):
        return ("W/" if self.weak else "") + self.opaque


def make_etag(body):
    return str(EntityTag('"%s"' % hashlib.sha256(body).hexdigest()[:16]))


def cache_control_for(path):
    if path.startswith("/assets/"):
        if FINGERPRINTED.match(path):
            return f"public, max-age={YEAR}, immutable"
        return "public, max-age=3600"
    if path.startswith("/api/"):
        return "no-store"
    return "no-cache"


def iter_entity_tags(value):
    pos = 0
    while pos < len(value):
        m = _ELEMENT.match(value, pos)
        if m is None or m.end() == pos:
            break
        if m.group("tag") is not None:
            yield EntityTag.parse(m.group("tag"))
        pos = m.end()


class _Headers:
    def __init__(self, raw):
        self._map = {}
        for name, value in (raw or {}).items():
            self._map.setdefault(str(name).lower(), value)

    def get(self, name):
        return self._map.get(name.lower())


def _if_none_match_fails(value, current):
    if value.strip(" \t") == "*":
        return True
    return any(tag.weak_match(current) for tag in iter_entity_tags(value))


def _if_modified_since_fails(value, last_modified):
    try:
        since = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    return last_modified.replace(microsecond=0) <= since


def respond(method, request_headers, body, last_modified, path):
    if method != "GET" and method != "HEAD":
        return 405, {"Allow": "GET, HEAD"}, b""
    headers_in = _Headers(request_headers)
    etag = make_etag(body)
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(last_modified, usegmt=True),
        "Cache-Control": cache_control_for(path),
    }
    inm = headers_in.get("If-None-Match")
    ims = headers_in.get("If-Modified-Since")
    if inm is not None:
        not_modified = _if_none_match_fails(str(inm), EntityTag.parse(etag))
    elif ims is not None:
        not_modified = _if_modified_since_fails(str(ims), last_modified)
    else:
        not_modified = False
    if not_modified:
        return 304, headers, b""
    headers["Content-Length"] = str(len(body))
    return 200, headers, b"" if method == "HEAD" else body
