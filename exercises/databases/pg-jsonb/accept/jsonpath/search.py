"""The SQL/JSON path language (@@, a predicate) for values; ?| for the keys."""
import json


def _str(value):
    return json.dumps(value)  # a JSON literal is a jsonpath literal


def with_tags(tags):
    path = " && ".join(f"$.tags[*] == {_str(t)}" for t in tags)
    return "SELECT id FROM products WHERE doc @@ %s::jsonpath ORDER BY id", [path]


def with_attribute(name, value):
    return "SELECT id FROM products WHERE doc @@ %s::jsonpath ORDER BY id", [f"$.{_str(name)} == {_str(value)}"]


def with_key(key):
    # doc @? '$.key' is true for the same rows, but a GIN index cannot serve a bare path
    return "SELECT id FROM products WHERE doc ?| %s::text[] ORDER BY id", [[key]]
