"""Flask error handlers and middleware: see the exercise prompt.

Keep the three routes below as they are; add the error handlers, the
request id and the bearer-token check around them."""
import os  # noqa: F401

from flask import Flask, abort

app = Flask(__name__)

ITEMS = {1: "apple", 2: "pear", 3: "plum"}


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
