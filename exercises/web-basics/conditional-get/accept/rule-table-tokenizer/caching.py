"""Conditional requests and cache headers (alternative: a first-match rule
table for Cache-Control and a small comma tokenizer that respects quotes
for If-None-Match)."""
import email.utils
import hashlib
import re
from datetime import timezone

_FINGERPRINT = re.compile(r".+\.[0-9a-f]{8,}\.[^./]+")
_ENTITY_TAG = re.compile(r'(?:W/)?("[^"]*")')

_CACHE_RULES = (
    (lambda p: p.startswith("/assets/") and bool(_FINGERPRINT.fullmatch(p.rsplit("/", 1)[-1])),
     "public, max-age=31536000, immutable"),
    (lambda p: p.startswith("/assets/"), "public, max-age=3600"),
    (lambda p: p.startswith("/api/"), "no-store"),
    (lambda p: True, "no-cache"),
)


def make_etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def cache_control_for(path):
    return next(value for applies, value in _CACHE_RULES if applies(path))


def _split_list(value):
    """Split a header list on commas that are outside double quotes."""
    items, current, quoted = [], [], False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip(" \t") for item in items]


def _opaque_tags(value):
    tags = set()
    for item in _split_list(value):
        found = _ENTITY_TAG.fullmatch(item)
        if found:
            tags.add(found.group(1))
    return tags


def _none_match_is_false(value, etag):
    if value.strip(" \t") == "*":
        return True
    current = etag[2:] if etag.startswith("W/") else etag
    return current in _opaque_tags(value)


def _not_modified_since(value, last_modified):
    try:
        since = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    if since is None:
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    return last_modified.replace(microsecond=0) <= since


def respond(method, request_headers, body, last_modified, path):
    if method not in ("GET", "HEAD"):
        return 405, {"Allow": "GET, HEAD"}, b""
    lowered = {str(k).lower(): v for k, v in (request_headers or {}).items()}
    etag = make_etag(body)
    headers = {
        "ETag": etag,
        "Last-Modified": email.utils.format_datetime(last_modified, usegmt=True),
        "Cache-Control": cache_control_for(path),
    }
    if "if-none-match" in lowered:
        fresh = _none_match_is_false(str(lowered["if-none-match"]), etag)
    elif "if-modified-since" in lowered:
        fresh = _not_modified_since(str(lowered["if-modified-since"]), last_modified)
    else:
        fresh = False
    if fresh:
        return 304, headers, b""
    headers["Content-Length"] = str(len(body))
    return 200, headers, (b"" if method == "HEAD" else body)
