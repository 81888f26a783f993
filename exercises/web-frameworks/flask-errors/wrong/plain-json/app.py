"""WRONG: errors are JSON, but sent as application/json, not application/problem+json.

Reference solution: before_request/after_request hooks and one
HTTPException handler (Flask hands an unhandled exception to it as an
InternalServerError whose description says nothing about the cause)."""
import os
import re
import uuid

from flask import Flask, abort, g, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

app = Flask(__name__)

ITEMS = {1: "apple", 2: "pear", 3: "plum"}
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


def problem(status, detail, headers=()):
    """An RFC 9457 problem details response for the current request."""
    response = jsonify(type="about:blank", title=HTTP_STATUS_CODES.get(status, "Unknown Error"),
                       status=status, detail=detail, instance=request.path)
    response.status_code = status
    for name, value in headers:
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


@app.before_request
def request_id_and_token():
    given = request.headers.get("X-Request-Id", "")
    g.request_id = given if VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    if request.path.startswith("/api/"):
        if request.headers.get("Authorization") != "Bearer " + os.environ["API_TOKEN"]:
            return problem(401, "this URL needs a valid bearer token", [("WWW-Authenticate", "Bearer")])


@app.after_request
def send_request_id(response):
    response.headers["X-Request-Id"] = g.get("request_id") or uuid.uuid4().hex
    return response


@app.errorhandler(HTTPException)
def http_error(error):
    if error.code >= 500:
        app.logger.error("request %s failed", g.get("request_id"),
                         exc_info=getattr(error, "original_exception", None))
    return problem(error.code, error.description, error.get_headers())
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
