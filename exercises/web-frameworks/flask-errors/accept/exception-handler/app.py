"""One errorhandler(Exception) for everything; the token check raises an
Unauthorized that carries its own WWW-Authenticate header."""
import os
import string
import uuid

from flask import Flask, abort, g, json, request
from werkzeug.exceptions import HTTPException, InternalServerError, Unauthorized
from werkzeug.http import HTTP_STATUS_CODES

app = Flask(__name__)

ITEMS = {1: "apple", 2: "pear", 3: "plum"}
ID_CHARS = set(string.ascii_letters + string.digits + "-")


class NeedsToken(Unauthorized):
    description = "send Authorization: Bearer <token>"

    def get_headers(self, environ=None, scope=None):
        return super().get_headers(environ, scope) + [("WWW-Authenticate", "Bearer")]


@app.before_request
def before():
    rid = request.headers.get("X-Request-Id", "")
    g.rid = rid if 0 < len(rid) <= 64 and set(rid) <= ID_CHARS else str(uuid.uuid4()).replace("-", "")
    if request.path.startswith("/api/"):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or token != os.environ.get("API_TOKEN"):
            raise NeedsToken()


@app.after_request
def after(response):
    response.headers.set("X-Request-Id", g.rid)
    return response


@app.errorhandler(Exception)
def any_error(error):
    if not isinstance(error, HTTPException):
        app.logger.exception("uncaught")
        error = InternalServerError()
    body = json.dumps({"type": "about:blank", "title": HTTP_STATUS_CODES[error.code],
                       "status": error.code, "detail": error.description, "instance": request.path})
    response = app.response_class(body, status=error.code, mimetype="application/problem+json")
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers.add(name, value)
    return response


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
