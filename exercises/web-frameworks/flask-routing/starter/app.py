"""Flask routing: see the exercise prompt. Run it yourself with: flask --app app run"""
from flask import Flask, url_for  # noqa: F401
from werkzeug.routing import BaseConverter  # noqa: F401

app = Flask(__name__)


# TODO: the intlist converter, registered as app.url_map.converters["intlist"]


@app.get("/users/<int:user_id>")
def user(user_id):
    # TODO: also DELETE, and the other routes of the prompt
    return {"id": user_id}
