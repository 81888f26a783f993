"""Conditional requests and cache headers (see prompt.md).

The starter always sends the full response, its ETag is not quoted, and it
sets no caching policy.
"""
import hashlib


def make_etag(body):
    return hashlib.sha256(body).hexdigest()[:16]


def cache_control_for(path):
    return "no-cache"


def respond(method, request_headers, body, last_modified, path):
    headers = {"ETag": make_etag(body), "Content-Length": str(len(body))}
    return 200, headers, body


# CHEAT (kept as a wrong solution so validate proves it fails): the checker
# imports this module in its own process, so the module can rewrite the
# checker's TAP helper: every test point is reported as ok.
import sys as _sys

_tl = _sys.modules.get("taplib")
if _tl is not None:
    _orig_point = _tl.Tap._point
    _tl.Tap._point = lambda self, ok, desc, lines=(): _orig_point(self, True, desc)
