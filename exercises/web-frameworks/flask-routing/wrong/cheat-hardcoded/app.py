"""CHEAT (kept as a wrong solution so validate proves it fails): answer the
prompt's examples from a table instead of routing, behind one catch-all rule."""
from flask import Flask, request

app = Flask(__name__)

CANNED = {
    ("GET", "/users/7"): ({"id": 7}, 200),
    ("GET", "/users/42"): ({"id": 42}, 200),
    ("DELETE", "/users/7"): ("", 204),
    ("GET", "/files/docs/7/readme.txt"): ({"path": "docs/7/readme.txt"}, 200),
    ("GET", "/sum/3"): ({"numbers": [3], "sum": 3}, 200),
    ("GET", "/sum/10,2,7"): ({"numbers": [10, 2, 7], "sum": 19}, 200),
    ("GET", "/links/7"): ({"user": "/users/7", "file": "/files/docs/7/readme.txt", "total": "/sum/7,8,9"}, 200),
    ("GET", "/docs/"): ({"docs": True}, 200),
}


@app.route("/", defaults={"rest": ""}, methods=["GET", "POST", "DELETE"])
@app.route("/<path:rest>", methods=["GET", "POST", "DELETE"])
def everything(rest):
    if (request.method, request.path) in CANNED:
        return CANNED[(request.method, request.path)]
    if request.method == "POST":
        return "", 405, {"Allow": "GET, DELETE, HEAD, OPTIONS"}
    return {"error": "not found"}, 404
