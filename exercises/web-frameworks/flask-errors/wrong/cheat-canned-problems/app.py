"""CHEAT (kept as a wrong solution so validate proves it fails): every error
answers the prompt's example problem, whatever was asked, instead of
building it from the request and the exception."""
import uuid

from flask import Flask, abort, request

app = Flask(__name__)

ITEMS = {1: "apple", 2: "pear", 3: "plum"}
CANNED = {"type": "about:blank", "title": "Not Found", "status": 404,
          "detail": "no item 9", "instance": "/api/items/9"}


@app.after_request
def ids(response):
    response.headers["X-Request-Id"] = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    return response


@app.errorhandler(Exception)
def canned(error):
    code = getattr(error, "code", 500)
    return dict(CANNED, status=code), code, {"Content-Type": "application/problem+json", "Allow": "GET"}


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
