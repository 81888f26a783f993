"""Request ids and the token check as WSGI middleware around app.wsgi_app;
one Flask error handler per status code."""
import json
import os
import re
import uuid

from flask import Flask, abort, request
from werkzeug.exceptions import InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

app = Flask(__name__)

ITEMS = {1: "apple", 2: "pear", 3: "plum"}


def problem_body(status, detail, path):
    return {"type": "about:blank", "title": HTTP_STATUS_CODES[status], "status": status,
            "detail": detail, "instance": path}


class RequestIdAndToken:
    """WSGI middleware: X-Request-Id on every response; /api/ needs the bearer token."""

    pattern = re.compile(r"\A[-A-Za-z0-9]{1,64}\Z")

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        rid = environ.get("HTTP_X_REQUEST_ID", "")
        if not self.pattern.match(rid):
            rid = uuid.uuid4().hex

        def with_id(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            return start_response(status, headers + [("X-Request-Id", rid)], exc_info)

        path = environ.get("PATH_INFO", "")
        expected = "Bearer " + os.environ.get("API_TOKEN", "")
        if path.startswith("/api/") and environ.get("HTTP_AUTHORIZATION") != expected:
            body = json.dumps(problem_body(401, "missing or wrong bearer token", path)).encode()
            with_id("401 UNAUTHORIZED", [("Content-Type", "application/problem+json"),
                                         ("Content-Length", str(len(body))),
                                         ("WWW-Authenticate", "Bearer")])
            return [body]
        return self.wsgi_app(environ, with_id)


app.wsgi_app = RequestIdAndToken(app.wsgi_app)


def as_problem(error, headers=()):
    body = problem_body(error.code, error.description, request.path)
    return body, error.code, [("Content-Type", "application/problem+json"), *headers]


@app.errorhandler(404)
def not_found(error):
    return as_problem(error)


@app.errorhandler(405)
def not_allowed(error):
    return as_problem(error, [h for h in error.get_headers() if h[0] == "Allow"])


@app.errorhandler(InternalServerError)
def server_error(error):
    return as_problem(InternalServerError())


@app.get("/health")
def health():
    return {"ok": True}


@app.get("/api/items/<int:item_id>")
def item(item_id):
    if item_id not in ITEMS:
        abort(404, description=f"no item {item_id}")
    return {"id": item_id, "name": ITEMS[item_id]}


@app.get("/api/crash/<word>")
def crash(word):
    raise RuntimeError(f"crashed on {word}")
