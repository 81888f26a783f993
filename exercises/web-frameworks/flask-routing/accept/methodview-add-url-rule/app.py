"""Flask routing with a MethodView and add_url_rule; the converter splits with a regex."""
import re

from flask import Flask, jsonify, url_for
from flask.views import MethodView
from werkzeug.routing import BaseConverter


class IntList(BaseConverter):
    regex = "[0-9]+(?:,[0-9]+)*"
    part = re.compile("[0-9]+")

    def to_python(self, value):
        return list(map(int, self.part.findall(value)))

    def to_url(self, value):
        return ",".join(map(str, value))


class UserAPI(MethodView):
    def get(self, user_id):
        return jsonify(id=user_id)

    def delete(self, user_id):
        return app.response_class(status=204)


def show_file(name):
    return jsonify(path=name)


def add_up(numbers):
    return jsonify(numbers=numbers, sum=sum(numbers))


def links(user_id):
    n = user_id
    return jsonify(user=url_for("user", user_id=n),
                   file=url_for("file", name="docs/%d/readme.txt" % n),
                   total=url_for("total", numbers=[n, n + 1, n + 2]))


def docs():
    return jsonify(docs=True)


app = Flask(__name__)
app.url_map.converters.update(intlist=IntList)
app.add_url_rule("/users/<int:user_id>", view_func=UserAPI.as_view("user"))
app.add_url_rule("/files/<path:name>", endpoint="file", view_func=show_file)
app.add_url_rule("/sum/<intlist:numbers>", endpoint="total", view_func=add_up)
app.add_url_rule("/links/<int:user_id>", view_func=links)
app.add_url_rule("/docs/", view_func=docs)
