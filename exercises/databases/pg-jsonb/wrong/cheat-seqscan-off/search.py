import json


def with_tags(tags):
    return ("SET enable_seqscan = off; SELECT id FROM products WHERE doc @> %s::jsonb ORDER BY id",
            (json.dumps({"tags": list(tags)}),))


def with_attribute(name, value):
    return ("SET enable_seqscan = off; SELECT id FROM products WHERE doc @> %s::jsonb ORDER BY id",
            (json.dumps({name: value}),))


def with_key(key):
    return "SET enable_seqscan = off; SELECT id FROM products WHERE doc ? %s ORDER BY id", (key,)
