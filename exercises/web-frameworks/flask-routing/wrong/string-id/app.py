"""WRONG: <user_id> without int: - /users/abc matches, and the id comes back as a string."""
from flask import Flask, request, url_for
from werkzeug.routing import BaseConverter


class IntListConverter(BaseConverter):
    """Comma-separated non-negative integers: '10,2,7' <-> [10, 2, 7]."""
    regex = r"\d+(?:,\d+)*"

    def to_python(self, value):
        return [int(part) for part in value.split(",")]

    def to_url(self, value):
        return ",".join(str(int(n)) for n in value)


app = Flask(__name__)
app.url_map.converters["intlist"] = IntListConverter


@app.route("/users/<user_id>", methods=["GET", "DELETE"])
def user(user_id):
    if request.method == "DELETE":
        return "", 204
    return {"id": user_id}


@app.get("/files/<path:name>")
def file(name):
    return {"path": name}


@app.get("/sum/<intlist:numbers>")
def total(numbers):
    return {"numbers": numbers, "sum": sum(numbers)}


@app.get("/links/<int:user_id>")
def links(user_id):
    return {
        "user": url_for("user", user_id=user_id),
        "file": url_for("file", name=f"docs/{user_id}/readme.txt"),
        "total": url_for("total", numbers=[user_id, user_id + 1, user_id + 2]),
    }


@app.get("/docs/")
def docs():
    return {"docs": True}
