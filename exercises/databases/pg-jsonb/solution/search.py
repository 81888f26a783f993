import json

# Every query is one containment (@>) or key-exists (?) test on the whole document:
# the GIN index of indexes.sql (default jsonb_ops) serves both.


def with_tags(tags):
    return "SELECT id FROM products WHERE doc @> %s::jsonb ORDER BY id", (json.dumps({"tags": list(tags)}),)


def with_attribute(name, value):
    return "SELECT id FROM products WHERE doc @> %s::jsonb ORDER BY id", (json.dumps({name: value}),)


def with_key(key):
    return "SELECT id FROM products WHERE doc ? %s ORDER BY id", (key,)
