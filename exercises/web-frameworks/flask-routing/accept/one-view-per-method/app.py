"""Flask routing with one view function per method, endpoints named explicitly."""
from flask import Flask, url_for
from werkzeug.routing import BaseConverter, ValidationError

app = Flask(__name__)


class CommaInts(BaseConverter):
    # Match any text without '/', then refuse what is not a list of integers:
    # a ValidationError makes the rule not match, so the URL is a 404.
    regex = "[^/]+"

    def to_python(self, value):
        parts = value.split(",")
        if not all(p.isascii() and p.isdigit() for p in parts):
            raise ValidationError()
        return [int(p) for p in parts]

    def to_url(self, numbers):
        return ",".join("%d" % n for n in numbers)


app.url_map.converters["intlist"] = CommaInts


@app.get("/users/<int:user_id>", endpoint="user")
def get_user(user_id):
    return {"id": user_id}


@app.delete("/users/<int:user_id>")
def delete_user(user_id):
    return "", 204


@app.get("/files/<path:name>", endpoint="file")
def get_file(name):
    return {"path": name}


@app.get("/sum/<intlist:numbers>", endpoint="total")
def get_sum(numbers):
    return {"numbers": numbers, "sum": sum(numbers)}


@app.get("/links/<int:user_id>")
def get_links(user_id):
    urls = {"user": url_for("user", user_id=user_id)}
    urls["file"] = url_for("file", name=f"docs/{user_id}/readme.txt")
    urls["total"] = url_for("total", numbers=list(range(user_id, user_id + 3)))
    return urls


@app.get("/docs/")
def get_docs():
    return {"docs": True}
