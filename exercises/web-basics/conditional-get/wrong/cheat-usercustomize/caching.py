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
